package io.chargeclear.registry.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/** A credentials token the hub issued to a platform; only its hash is kept. */
@Entity
@Table(name = "platform_token")
public class PlatformTokenEntity extends PanacheEntityBase {

    /** Token A: for the registration handshake only. */
    public static final String KIND_A = "A";

    /** Token C: issued by the credentials handshake; what a connected partner calls the hub with. */
    public static final String KIND_C = "C";

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "platform_id", nullable = false)
    public String platformId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** When the token stops being accepted (a rotation leaves the old one valid for a grace window). */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Tokens of the platform that are accepted at {@code now} or later. */
    public static Uni<List<PlatformTokenEntity>> accepted(String platformId, Instant now) {
        return list("platformId = ?1 and (revokedAt is null or revokedAt > ?2) order by issuedAt", platformId, now);
    }
}
