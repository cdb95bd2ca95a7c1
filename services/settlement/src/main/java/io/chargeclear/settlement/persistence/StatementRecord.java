package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.UUID;

/** A run's gross statement of one CPO–eMSP pair in one currency. Insert-only. */
@Entity
@Table(name = "settlement_statement")
public class StatementRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    @Column(nullable = false)
    public String currency;

    @Column(name = "cdr_count", nullable = false)
    public int cdrCount;

    @Column(name = "entry_count", nullable = false)
    public int entryCount;

    @Column(name = "late_entry_count", nullable = false)
    public int lateEntryCount;

    @Column(name = "energy_kwh", nullable = false)
    public BigDecimal energyKwh;

    @Column(name = "emsp_payable_minor", nullable = false)
    public long emspPayableMinor;

    @Column(name = "cpo_receivable_minor", nullable = false)
    public long cpoReceivableMinor;

    @Column(name = "hub_fee_minor", nullable = false)
    public long hubFeeMinor;
}
