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

/**
 * Tells every replica of a service that reference data it holds in memory changed in the database. The change is
 * announced with PostgreSQL {@code NOTIFY} inside the transaction that makes it, so it is delivered exactly when
 * that transaction commits (never for one that rolls back) to every connection listening on the channel in the
 * service's database: this replica's own and every other one's. A listener then reloads what the key names.
 * <p>
 * Notifications sent while a replica is not listening (at start, or while its listening connection is down) are
 * lost, so the listener is also told each time the channel is (re)subscribed: it reloads everything then. One
 * dedicated connection per replica carries every channel; it reconnects on its own.
 * <p>
 * The replica that makes the change is also told before its transaction commits ({@link Listener#announcing}), so
 * that from the commit until its own notification arrives it can read the changed key from the database rather
 * than serve what it held before: a request that follows the commit on the same replica never sees the old value.
 */
@ApplicationScoped
public class ReferenceChanges {

    private static final Logger LOG = Logger.getLogger(ReferenceChanges.class);
    /** PostgreSQL caps a notification's payload at 8000 bytes; keys are ids, far below it. */
    private static final int MAX_KEY_BYTES = 7000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
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

    /** What a replica does with the announcements on one channel; every method runs briefly and never blocks. */
    public interface Listener {

        /** This replica is about to commit a change of {@code key} (called inside the changing transaction). */
        void announcing(String key);

        /** A change of {@code key} was committed, by this replica or another; called on an event loop. */
        void changed(String key);

        /** Listening (re)started: announcements may have been missed, reload everything. Called on an event loop. */
        void subscribed();
    }

    /**
     * Announces that {@code key} changed on {@code channel}; must run inside the caller's transaction (the
     * notification leaves only when it commits). This replica's listener of the channel is told at once.
     */
    public Uni<Void> announce(String channel, String key) {
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return Uni.createFrom().failure(new IllegalArgumentException("reference key too long: " + key.length()));
        }
        Listener local = listeners.get(channel);
        if (local != null) {
            local.announcing(key);
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select cast(pg_notify(?1, ?2) as text)", String.class)
                        .setParameter(1, channel)
                        .setParameter(2, key)
                        .getSingleResultOrNull())
                .replaceWithVoid();
    }

    /**
     * Tells {@code listener} about every key announced on {@code channel}: before the commit on this replica, after
     * it on every replica, and whenever listening (re)starts. One listener per channel and replica.
     */
    public synchronized void listen(String channel, Listener listener) {
        if (!channel.equals(channel.toLowerCase(java.util.Locale.ROOT)) || channel.length() > 63) {
            // LISTEN quotes the name, pg_notify takes it as given: only a lower-case name means the same to both
            throw new IllegalArgumentException("channel names are lower case and at most 63 characters: " + channel);
        }
        if (listeners.putIfAbsent(channel, listener) != null) {
            throw new IllegalStateException("channel " + channel + " already has a listener");
        }
        PgSubscriber s = subscriber();
        PgChannel pgChannel = s.channel(channel);
        pgChannel.subscribeHandler(v -> {
            LOG.debugf("listening for reference changes on %s", channel);
            safely(listener::subscribed, channel);
        });
        pgChannel.handler(key -> {
            try {
                listener.changed(key);
            } catch (RuntimeException e) {
                LOG.errorf(e, "reference change %s on %s could not be applied; reloading everything", key, channel);
                safely(listener::subscribed, channel);
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
