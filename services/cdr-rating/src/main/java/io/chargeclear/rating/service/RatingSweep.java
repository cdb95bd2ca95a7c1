package io.chargeclear.rating.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.chargeclear.rating.persistence.RatingWaits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The periodic half of rating's waiting (docs/adr/0022), every {@code chargeclear.rating.sweep-interval}: PENDING
 * CDRs whose grace ran out are rated if their data is there after all, else flagged (the {@code rating.cdr-flagged.v1}
 * goes through the outbox in the same transaction); CDRs whose awaited object arrived but that the event's transaction
 * left for later (more than {@code chargeclear.rating.rerate-chunk} waited, or another transaction held the row) are
 * rated; and flagged CDRs that still wait and were not evaluated for {@code chargeclear.rating.retry-interval} are
 * evaluated again, the safety net for a missed event (an agreement listener that failed, a CDR evaluated while its
 * object was being committed). Each step takes at most {@code chargeclear.rating.sweep-batch} CDRs per transaction,
 * locked {@code for update skip locked}, so replicas share the work without waiting on each other, and repeats while
 * batches come back full.
 * <p>
 * After each run it counts what waits, for operators (refreshed every sweep interval, not on every scrape):
 * {@code chargeclear.rating.pending} (CDRs PENDING now), {@code chargeclear.rating.pending.oldest} (seconds the oldest
 * of them has waited; it is flagged when that passes {@code chargeclear.rating.pending-grace}) and
 * {@code chargeclear.rating.waiting} (CDRs, PENDING or flagged, that wait for a later event: a backlog that does not
 * drain means reference data that never comes).
 */
@ApplicationScoped
public class RatingSweep {

    private static final Logger LOG = Logger.getLogger(RatingSweep.class);

    private final Vertx vertx;
    private final RatingService ratings;
    private final RatingWaits waits;
    private final int batch;
    private final Duration recheckAfter;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private volatile boolean stopping;

    public RatingSweep(Vertx vertx, RatingService ratings, RatingWaits waits, MeterRegistry metrics,
                       @ConfigProperty(name = "chargeclear.rating.sweep-batch") int batch,
                       @ConfigProperty(name = "chargeclear.rating.retry-interval") Duration recheckAfter) {
        this.vertx = vertx;
        this.ratings = ratings;
        this.waits = waits;
        this.batch = batch;
        this.recheckAfter = recheckAfter;
        Gauge.builder("chargeclear.rating.pending", pending, AtomicLong::get)
                .description("CDRs waiting PENDING for their location, tariff, agreement or credited CDR")
                .register(metrics);
        Gauge.builder("chargeclear.rating.pending.oldest", oldestPendingSeconds, AtomicLong::get)
                .description("How long the oldest PENDING CDR has waited").baseUnit("seconds").register(metrics);
        Gauge.builder("chargeclear.rating.waiting", waiting, AtomicLong::get)
                .description("CDRs, PENDING or flagged, that wait for a later reference event").register(metrics);
    }

    @Scheduled(identity = "rating-sweep", every = "${chargeclear.rating.sweep-interval}",
            delayed = "${chargeclear.rating.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return onSafeContext(() -> drain("giving up on expired PENDING CDRs", () -> ratings.giveUpExpired(batch))
                .flatMap(done -> drain("rating CDRs whose data arrived", () -> ratings.rateDue(batch)))
                .flatMap(done -> drain("re-checking flagged CDRs",
                        () -> ratings.recheckFlagged(recheckAfter, batch)))
                        .flatMap(done -> countWaiting()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "the rating sweep failed; it runs again in the next interval");
                    return null;
                });
    }

    private Uni<Void> countWaiting() {
        return Panache.withSession(waits::backlog).invoke(backlog -> {
            pending.set(backlog.pending());
            oldestPendingSeconds.set(backlog.oldestPendingSince() == null ? 0
                    : Math.max(0, Duration.between(backlog.oldestPendingSince(), Instant.now()).toSeconds()));
            waiting.set(backlog.waiting());
        }).replaceWithVoid();
    }

    /** The database pool closes during shutdown: a run started then would only fail. */
    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
    }

    /** Runs {@code step} in transactions of one batch each until a batch comes back short. */
    private Uni<Void> drain(String what, Supplier<Uni<Integer>> step) {
        return Panache.withTransaction(step).flatMap(count -> {
            if (count > 0) {
                LOG.debugf("rating sweep: %s, %d in this batch", what, count);
            }
            return count >= batch ? drain(what, step) : Uni.createFrom().voidItem();
        });
    }

    /** Hibernate Reactive's sessions need a duplicated Vert.x context marked safe; a timer does not give one. */
    private Uni<Void> onSafeContext(Supplier<Uni<Void>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> work.get().subscribe().with(
                emitter::complete, emitter::fail)));
    }
}
