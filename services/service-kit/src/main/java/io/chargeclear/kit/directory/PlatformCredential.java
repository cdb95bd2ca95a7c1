package io.chargeclear.kit.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A token the hub issued to a platform, known by its SHA-256 hash only, kept from {@code hub.party.v1} by the
 * services that authenticate partners (the gateway, and the party APIs of settlement and tracking). The table is
 * the kit's (migration V0_16 in db/kit-directory; the services that created it earlier keep their own DDL, ADR
 * 0018). Requests read it from memory ({@link PlatformCredentialSnapshot}).
 */
@Entity
@Table(name = "platform_credential")
public class PlatformCredential extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "platform_id", nullable = false)
    public String platformId;

    /** A: registration only (versions, credentials); C: every module. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "platform_status", nullable = false)
    public String platformStatus;

    /** The platform sends and expects tokens without Base64 (OCPI 2.1.1/2.2 peers). */
    @Column(name = "plain_tokens", nullable = false)
    public boolean plainTokens;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
