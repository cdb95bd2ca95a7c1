package io.chargeclear.rating.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One version of a CPO's tariff, as routed through the hub; a DELETE is a version with {@code deleted}. */
@Entity
@Table(name = "tariff_version")
public class TariffVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "tariff_id", nullable = false)
    public String tariffId;

    /** {@code cc*pid} of the one eMSP a per-receiver tariff was pushed to; empty for a tariff for everyone. */
    @Column(nullable = false)
    public String recipient = "";

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(nullable = false)
    public boolean deleted;

    /** The tariff's OCPI JSON; null for a deletion. */
    public String body;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
