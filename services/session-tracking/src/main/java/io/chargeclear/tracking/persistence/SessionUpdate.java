package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One distinct session update the CPO pushed (written with "on conflict do nothing", so a re-send is one row). */
@Entity
@Table(name = "session_update")
public class SessionUpdate extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(nullable = false)
    public String status;

    public BigDecimal kwh;

    @Column(nullable = false)
    public String operation;

    @Column(name = "received_at")
    public Instant receivedAt;
}
