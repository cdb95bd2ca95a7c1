package io.chargeclear.kit.outbox;

import io.chargeclear.kit.background.BackgroundWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes outbox rows older than {@code chargeclear.outbox.retention} (7 days by default), every
 * {@code chargeclear.outbox.prune-interval} (an hour). Debezium reads the inserts from the write-ahead log, which
 * the replication slot keeps until they are relayed, so a deleted row's event is never lost; the rows are only the
 * service's recent event history. The relay ignores the deletes ({@code skipped.operations=u,d,t}).
 */
@ApplicationScoped
public class OutboxPruner {

    private static final Logger LOG = Logger.getLogger(OutboxPruner.class);

    private final Vertx vertx;
    private final Duration retention;
    private final Duration interval;
    private volatile long timer = -1;

    public OutboxPruner(Vertx vertx,
                        @ConfigProperty(name = "chargeclear.outbox.retention", defaultValue = "P7D") Duration retention,
                        @ConfigProperty(name = "chargeclear.outbox.prune-interval", defaultValue = "PT1H")
                        Duration interval) {
        this.vertx = vertx;
        this.retention = retention;
        this.interval = interval;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> BackgroundWork.run(vertx, () -> prune().replaceWithVoid(),
                LOG, "pruning the outbox failed; tried again in " + interval));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the rows older than the retention; returns how many. */
    public Uni<Long> prune() {
        Instant before = Instant.now().minus(retention);
        return Panache.withTransaction(() -> OutboxEvent.delete("occurredAt < ?1", before))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("pruned %d outbox rows older than %s", deleted, before);
                    }
                });
    }
}
