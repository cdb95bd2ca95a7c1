package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/** A real-time authorization the hub routed; tied to its session once one carries its reference (or token). */
@Entity
@DynamicUpdate
@Table(name = "tracked_authorization")
public class TrackedAuthorization extends PanacheEntityBase {

    @Id
    @Column(name = "authorization_id")
    public String authorizationId;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "emsp_country_code")
    public String emspCountryCode;

    @Column(name = "emsp_party_id")
    public String emspPartyId;

    @Column(name = "token_uid", nullable = false)
    public String tokenUid;

    @Column(name = "authorization_reference")
    public String authorizationReference;

    public String allowed;

    @Column(name = "ocpi_status", nullable = false)
    public int ocpiStatus;

    @Column(name = "latency_ms")
    public Long latencyMs;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "session_id")
    public String sessionId;
}
