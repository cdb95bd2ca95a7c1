package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A run's net position of one party in one currency. Insert-only. */
@Entity
@Table(name = "net_position")
public class NetPositionRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "party_country_code", nullable = false)
    public String partyCountryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(nullable = false)
    public String currency;

    @Column(name = "receivable_minor", nullable = false)
    public long receivableMinor;

    @Column(name = "payable_minor", nullable = false)
    public long payableMinor;

    @Column(name = "net_minor", nullable = false)
    public long netMinor;

    /** HUB_PAYS_PARTY, PARTY_PAYS_HUB or NONE. */
    @Column(nullable = false)
    public String direction;

    public String party() {
        return partyCountryCode + "*" + partyId;
    }
}
