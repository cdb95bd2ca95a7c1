package io.chargeclear.registry.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What the hub knows about a partner after the OCPI credentials handshake: its version, endpoints and the
 * token B the hub calls it with, encrypted because the hub must present it again (unlike its own tokens,
 * which it only hashes).
 */
@Entity
@Table(name = "partner_connection")
public class PartnerConnectionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "platform_id")
    public String platformId;

    @Column(nullable = false)
    public String version;

    @Column(name = "versions_url", nullable = false)
    public String versionsUrl;

    /** JSON array of the partner's endpoints ({@code identifier}, {@code role}, {@code url}). */
    @Column(nullable = false)
    public String endpoints;

    /** Token B sealed by {@code TokenCipher}: Base64 of iv || ciphertext || tag. */
    @Column(name = "token_b_ciphertext", nullable = false)
    public String tokenBCiphertext;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
