package io.chargeclear.kit.reference;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells every replica of a service that reference data it holds in memory changed in the database. The change is
 * announced with PostgreSQL {@code NOTIFY} inside the transaction that makes it, so it is delivered exactly when
 * that transaction commits (never for one that rolls back) to every connection listening on the channel in the
 * service's database: this replica's own and every other one's. A listener then reloads what the key names.
 * <p>
 * Notifications sent while a replica is not listening (at start, or while its listening connection is down) are
 * lost, so {@link #listen} also calls {@code onSubscribed} each time the channel is (re)subscribed: the listener
 * reloads everything then. One dedicated connection per replica carries every channel; it reconnects on its own.
 */
@ApplicationScoped
public class ReferenceChanges {

    private static final Logger LOG = Logger.getLogger(ReferenceChanges.class);
    /** PostgreSQL caps a notification's payload at 8000 bytes; keys are ids, far below it. */
    private static final int MAX_KEY_BYTES = 7000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, Boolean> channels = new ConcurrentHashMap<>();
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;

    public ReferenceChanges(Vertx vertx,
                            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                            @ConfigProperty(name = "quarkus.datasource.username") String user,
                            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
    }

    /**
     * Announces that {@code key} changed on {@code channel}; must run inside the caller's transaction (the
     * notification leaves only when it commits).
     */
    public static Uni<Void> announce(String channel, String key) {
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return Uni.createFrom().failure(new IllegalArgumentException("reference key too long: " + key.length()));
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select cast(pg_notify(?1, ?2) as text)", String.class)
                        .setParameter(1, channel)
                        .setParameter(2, key)
                        .getSingleResultOrNull())
                .replaceWithVoid();
    }

    /**
     * Calls {@code onKey} with every key announced on {@code channel} after it commits, and {@code onSubscribed}
     * whenever listening (re)starts, when announcements may have been missed. Both run on an event loop and must
     * not block.
     */
    public synchronized void listen(String channel, Consumer<String> onKey, Runnable onSubscribed) {
        if (channels.putIfAbsent(channel, Boolean.TRUE) != null) {
            throw new IllegalStateException("channel " + channel + " already has a listener");
        }
        PgSubscriber s = subscriber();
        PgChannel pgChannel = s.channel(channel);
        pgChannel.subscribeHandler(v -> {
            LOG.debugf("listening for reference changes on %s", channel);
            safely(onSubscribed, channel);
        });
        pgChannel.handler(key -> {
            try {
                onKey.accept(key);
            } catch (RuntimeException e) {
                LOG.errorf(e, "reference change %s on %s could not be applied; reloading everything", key, channel);
                safely(onSubscribed, channel);
            }
        });
    }

    private PgSubscriber subscriber() {
        if (subscriber == null) {
            PgSubscriber s = PgSubscriber.subscriber(vertx, options);
            // never give up: a replica that stops listening would serve stale reference data
            s.reconnectPolicy(retries -> {
                if (retries > 0 && retries % 20 == 0) {
                    LOG.warnf("reference-change listener still reconnecting (%d attempts)", retries);
                }
                return Math.min(5_000L, 100L * (retries + 1));
            });
            subscriber = s;
            connect(s, 0);
        }
        return subscriber;
    }

    /** The reconnect policy covers lost connections only: the first one is retried here until it opens. */
    private void connect(PgSubscriber s, int attempt) {
        s.connect().onFailure(e -> {
            if (subscriber != s || closed) {
                return;
            }
            LOG.warnf("reference-change listener cannot connect yet (attempt %d): %s", attempt + 1, e.getMessage());
            vertx.setTimer(Math.min(5_000L, 100L * (attempt + 1)), t -> connect(s, attempt + 1));
        });
    }

    private static void safely(Runnable action, String channel) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "reloading reference data of %s failed", channel);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        closed = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close();
        }
    }
}
