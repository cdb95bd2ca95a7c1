package io.chargeclear.kit.directory;

import io.chargeclear.kit.reference.ReferenceChanges;
import io.chargeclear.kit.reference.ReferenceSnapshot;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PlatformCredential} in memory, by token hash: what authenticating a partner reads on every request
 * (ADR 0018). Kept per platform; a change is announced with {@link #announce} in the transaction that makes it.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.security.platform-tokens", stringValue = "true")
public class PlatformCredentialSnapshot {

    /** The NOTIFY channel; the key is the platform id. */
    public static final String CHANNEL = "ref_platform_credential";

    /** One accepted token of a platform, as authentication needs it. */
    public record Credential(String tokenHash, String platformId, String kind, String platformStatus,
                             boolean plainTokens, Instant expiresAt) {
    }

    private final ReferenceChanges changes;
    private final ReferenceSnapshot<List<Credential>, Map<String, Credential>> snapshot;

    public PlatformCredentialSnapshot(ReferenceChanges changes, Pool pool,
                                      @ConfigProperty(name = "chargeclear.db.schema") String schema,
                                      @ConfigProperty(name = "chargeclear.reference.pending-timeout",
                                              defaultValue = "PT10S") Duration pendingTimeout) {
        this.changes = changes;
        String select = "select token_hash, platform_id, kind, platform_status, plain_tokens, expires_at from "
                + schema + ".platform_credential";
        this.snapshot = new ReferenceSnapshot<>("platform credentials", new ReferenceSnapshot.Loader<>() {
            @Override
            public Uni<Map<String, List<Credential>>> loadAll() {
                return pool.query(select).execute().map(PlatformCredentialSnapshot::byPlatform);
            }

            @Override
            public Uni<Map<String, List<Credential>>> load(Set<String> platforms) {
                return pool.preparedQuery(select + " where platform_id = any($1)")
                        .execute(Tuple.of(platforms.toArray(String[]::new)))
                        .map(PlatformCredentialSnapshot::byPlatform);
            }
        }, PlatformCredentialSnapshot::byHash, pendingTimeout);
    }

    void listen(@Observes StartupEvent start) {
        changes.listen(CHANNEL, snapshot);
    }

    /** Every accepted token by its hash, current for the platforms this replica is changing. */
    public Uni<Map<String, Credential>> byTokenHash() {
        return snapshot.current();
    }

    /** Re-reads one platform's tokens now (a token the snapshot did not know turned out to exist). */
    public Uni<Map<String, Credential>> reload(String platformId) {
        return snapshot.reload(Set.of(platformId)).flatMap(index -> index != null ? Uni.createFrom().item(index)
                : snapshot.current());
    }

    /** Announces a change of the platform's tokens; must run inside the transaction that makes it. */
    public Uni<Void> announce(String platformId) {
        return changes.announce(CHANNEL, platformId);
    }

    private static Map<String, List<Credential>> byPlatform(RowSet<Row> rows) {
        Map<String, List<Credential>> byPlatform = new HashMap<>();
        for (Row row : rows) {
            OffsetDateTime expires = row.getOffsetDateTime("expires_at");
            Credential credential = new Credential(row.getString("token_hash"), row.getString("platform_id"),
                    row.getString("kind"), row.getString("platform_status"), row.getBoolean("plain_tokens"),
                    expires == null ? null : expires.toInstant());
            byPlatform.computeIfAbsent(credential.platformId(), p -> new ArrayList<>()).add(credential);
        }
        return byPlatform;
    }

    private static Map<String, Credential> byHash(Map<String, List<Credential>> byPlatform) {
        Map<String, Credential> byHash = new HashMap<>();
        byPlatform.values().forEach(list -> list.forEach(c -> byHash.put(c.tokenHash(), c)));
        return Map.copyOf(byHash);
    }
}
