package io.chargeclear.registry.persistence;

import io.chargeclear.registry.domain.PlatformStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A platform connected (or to be connected) to the hub. */
@Entity
@Table(name = "platform")
public class PlatformEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PlatformStatus status;

    /** Increases with every change; travels in hub.party.v1 so consumers can drop stale snapshots. */
    @Column(nullable = false)
    public long revision;

    /** The platform sends and expects tokens without Base64 (OCPI 2.1.1/2.2 peers). */
    @Column(name = "plain_tokens", nullable = false)
    public boolean plainTokens;

    /**
     * The OCPI version the platform registered on ({@code 2.2.1} or {@code 2.3.0}): all its parties speak it. Set by
     * every credentials handshake to the version whose credentials endpoint the partner called, so a PUT on another
     * version's tree switches it; null while the platform is not connected.
     */
    @Column(name = "ocpi_version")
    public String ocpiVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
