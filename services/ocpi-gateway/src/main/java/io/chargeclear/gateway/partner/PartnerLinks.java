package io.chargeclear.gateway.partner;

import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.kit.reference.ReferenceChanges;
import io.chargeclear.kit.reference.ReferenceSnapshot;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link PartnerConnection partner connections} routing and delivery read, in memory (ADR 0018): each partner's endpoints
 * parsed and its token B opened once per change, not on every request. A change (credentials handshake,
 * unregistration) is announced with {@link #announce} in the transaction that makes it; every replica reloads the
 * platform when it commits. What the delivery dispatcher writes (offline since, last contact) is not held here.
 */
@ApplicationScoped
public class PartnerLinks {

    /** The NOTIFY channel; the key is the platform id. */
    public static final String CHANNEL = "ref_partner_connection";

    private static final Logger LOG = Logger.getLogger(PartnerLinks.class);

    /**
     * How the hub reaches one connected platform, and the OCPI version it speaks; {@code versionsUrl} is null for
     * connections made before V4.
     */
    public record Link(String platformId, PartnerEndpoints endpoints, String tokenB, boolean plainTokens,
                       String versionsUrl, String version) {

        @Override
        public String toString() {
            return "Link[platformId=" + platformId + "]";
        }
    }

    private final ReferenceChanges changes;
    private final ReferenceSnapshot<Link, Map<String, Link>> snapshot;

    public PartnerLinks(ReferenceChanges changes, Pool pool, TokenCipher cipher,
                        @ConfigProperty(name = "chargeclear.db.schema") String schema,
                        @ConfigProperty(name = "chargeclear.reference.pending-timeout", defaultValue = "PT10S")
                        Duration pendingTimeout) {
        this.changes = changes;
        String select = "select platform_id, endpoints, token_b_sealed, plain_tokens, versions_url, version from "
                + schema + ".partner_connection";
        this.snapshot = new ReferenceSnapshot<>("partner connections", new ReferenceSnapshot.Loader<>() {
            @Override
            public Uni<Map<String, Link>> loadAll() {
                return pool.query(select).execute().map(rows -> links(rows, cipher));
            }

            @Override
            public Uni<Map<String, Link>> load(Set<String> platforms) {
                return pool.preparedQuery(select + " where platform_id = any($1)")
                        .execute(Tuple.of(platforms.toArray(String[]::new)))
                        .map(rows -> links(rows, cipher));
            }
        }, Map::copyOf, pendingTimeout);
    }

    void listen(@Observes StartupEvent start) {
        changes.listen(CHANNEL, snapshot);
    }

    /** Every connected platform's link, current for the platforms this replica is changing. */
    public Uni<Map<String, Link>> current() {
        return snapshot.current();
    }

    /** Announces a change of the platform's connection; must run inside the transaction that makes it. */
    public Uni<Void> announce(String platformId) {
        return changes.announce(CHANNEL, platformId);
    }

    private static Map<String, Link> links(RowSet<Row> rows, TokenCipher cipher) {
        Map<String, Link> links = new HashMap<>();
        for (Row row : rows) {
            String platformId = row.getString("platform_id");
            try {
                links.put(platformId, new Link(platformId, PartnerEndpoints.parse(row.getString("endpoints")),
                        cipher.decrypt(row.getString("token_b_sealed")), row.getBoolean("plain_tokens"),
                        row.getString("versions_url"), row.getString("version")));
            } catch (RuntimeException e) {
                // one unreadable row (a key change, a hand edit) must not hide every other partner
                LOG.errorf("the connection of platform %s cannot be read (%s); the hub cannot call it until it"
                        + " connects again", platformId, e.getMessage());
            }
        }
        return links;
    }
}
