package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** How the hub reaches a connected partner: its 2.2.1 endpoints and its token B, sealed (ADR 0008). */
@Entity
@Table(name = "partner_connection")
public class PartnerConnection extends PanacheEntityBase {

    @Id
    @Column(name = "platform_id")
    public String platformId;

    @Column(nullable = false)
    public String version;

    /** JSON array of OCPI Endpoint objects ({@code identifier}, {@code role}, {@code url}). */
    @Column(nullable = false)
    public String endpoints;

    /** Token B sealed by {@code TokenCipher}. */
    @Column(name = "token_b_sealed", nullable = false)
    public String tokenBSealed;

    /** The partner expects its token without Base64 (OCPI 2.1.1/2.2 peers). */
    @Column(name = "plain_tokens", nullable = false)
    public boolean plainTokens;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

    /** The partner's versions URL: what the still-alive check GETs. */
    @Column(name = "versions_url")
    public String versionsUrl;

    /** Since when the partner has not answered the hub (HubClientInfo OFFLINE); null while it answers. */
    @Column(name = "offline_since")
    public Instant offlineSince;

    /** When the partner last answered a delivery or a still-alive check. */
    @Column(name = "last_contact_at")
    public Instant lastContactAt;
}
