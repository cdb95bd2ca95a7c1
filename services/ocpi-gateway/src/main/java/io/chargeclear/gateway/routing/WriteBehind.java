package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.kit.background.BackgroundWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Writes what the latency-critical requests must record (real-time authorization decisions, relayed command and
 * charging-profile mappings and their events) after the answer has gone back, many rows in one transaction
 * (docs/adr/0019-no-commit-on-the-request-path.md). A commit costs about a millisecond of WAL flush and a
 * connection for the whole transaction; paying it once per batch instead of once per request takes it off the
 * request's latency and lets the database keep up at hundreds of requests a second.
 * <p>
 * A write is queued in memory and flushed within {@code write-behind.flush-interval}, or at once when
 * {@code write-behind.batch-size} are waiting. The queue is bounded ({@code write-behind.queue-size}): when it is
 * full the caller writes its own row in its own transaction, so memory stays bounded and the database sets the
 * pace. A failed batch is tried again with backoff; after that each write is tried on its own and one that still
 * fails is logged and counted as dropped, so a single bad row cannot hold up the others. Everything still queued is
 * written when the service shuts down.
 * <p>
 * Written by hand rather than with Mutiny's {@code group().intoLists().of(n, duration)}: the writes must run on a
 * Vert.x context (Hibernate Reactive sessions require one, Mutiny's timers do not give one), a full queue must turn
 * into the caller writing inline rather than a failed stream, and a queued relay must be found by id
 * ({@link #written}).
 */
@ApplicationScoped
public class WriteBehind {

    private static final Logger LOG = Logger.getLogger(WriteBehind.class);
    private static final int BATCH_ATTEMPTS = 6;
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(20);

    /** One row (or a few) to write, in the batch's transaction. */
    public interface Write extends Supplier<Uni<?>> {
    }

    private record Queued(Write write, UUID key, CompletableFuture<Void> done) {
    }

    private final Vertx vertx;
    private final BlockingQueue<Queued> queue;
    private final Map<UUID, CompletableFuture<Void>> pendingKeys = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Duration interval;
    private final int batchSize;
    private final Counter written;
    private final Counter inline;
    private final Counter dropped;
    private final Timer flushTime;

    public WriteBehind(Vertx vertx, GatewayConfig config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.interval = config.writeBehind().flushInterval();
        this.batchSize = config.writeBehind().batchSize();
        this.queue = new ArrayBlockingQueue<>(config.writeBehind().queueSize());
        metrics.gaugeCollectionSize("chargeclear.write_behind.queued", List.of(), queue);
        this.written = metrics.counter("chargeclear.write_behind.written");
        this.inline = metrics.counter("chargeclear.write_behind.inline");
        this.dropped = metrics.counter("chargeclear.write_behind.dropped");
        this.flushTime = metrics.timer("chargeclear.write_behind.flush");
    }

    /**
     * Queues {@code write}; the Uni completes at once. When the queue is full the write is done now, in its own
     * transaction, and the Uni completes after its commit.
     */
    public Uni<Void> submit(Write write) {
        return submit(write, null);
    }

    /**
     * As {@link #submit(Write)}, remembering {@code key} until the write is committed, so {@link #written} can wait
     * for it.
     */
    public Uni<Void> submit(Write write, UUID key) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (key != null) {
            pendingKeys.put(key, done);
        }
        if (!queue.offer(new Queued(write, key, done))) {
            inline.increment();
            return Panache.withTransaction(() -> write.get().replaceWithVoid())
                    .eventually(() -> settle(key, done));
        }
        if (queue.size() >= batchSize) {
            BackgroundWork.run(vertx, this::flush, LOG, "write-behind flush failed");
        } else if (scheduled.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, interval.toMillis()), id -> {
                scheduled.set(false);
                BackgroundWork.run(vertx, this::flush, LOG, "write-behind flush failed");
            });
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Completes when the write submitted with {@code key} is committed, at once when none is waiting: a reader that
     * must see the row (the CPO posting a command result right after the request) waits a few milliseconds instead
     * of finding nothing.
     */
    public Uni<Void> written(UUID key) {
        CompletableFuture<Void> done = pendingKeys.get(key);
        if (done == null) {
            return Uni.createFrom().voidItem();
        }
        BackgroundWork.run(vertx, this::flush, LOG, "write-behind flush failed");
        return Uni.createFrom().completionStage(done).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Writes queued rows, a batch per transaction, until the queue is empty. One flush runs at a time. */
    Uni<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<Queued> batch = new ArrayList<>(Math.min(batchSize, queue.size() + 1));
        queue.drainTo(batch, batchSize);
        if (batch.isEmpty()) {
            flushing.set(false);
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        Context context = io.vertx.core.Vertx.currentContext();
        return writeBatch(batch, 1, context)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "a batch of %d writes failed %d times; writing them one by one", batch.size(),
                            BATCH_ATTEMPTS);
                    return oneByOne(batch);
                })
                .invoke(() -> flushTime.record(Duration.ofNanos(System.nanoTime() - started)))
                .eventually(() -> flushing.set(false))
                .flatMap(done -> queue.isEmpty() ? Uni.createFrom().voidItem() : flush());
    }

    private Uni<Void> writeBatch(List<Queued> batch, int attempt, Context context) {
        return Panache.withTransaction(() -> Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(queued -> queued.write().get())
                        .collect().last())
                .invoke(() -> {
                    written.increment(batch.size());
                    batch.forEach(queued -> settle(queued.key(), queued.done()));
                })
                .replaceWithVoid()
                .onFailure(e -> attempt < BATCH_ATTEMPTS).recoverWithUni(e -> {
                    Duration backoff = Duration.ofMillis(Math.min(5_000, 50L << (2 * attempt)));
                    LOG.warnf("writing a batch of %d failed (%s); again in %d ms", batch.size(), e.toString(),
                            backoff.toMillis());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                            .emitOn(runnable -> context.runOnContext(ignored -> runnable.run()))
                            .flatMap(ignored -> writeBatch(batch, attempt + 1, context));
                });
    }

    private Uni<Void> oneByOne(List<Queued> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(queued -> Panache.withTransaction(() -> queued.write().get())
                        .invoke(() -> {
                            written.increment();
                            settle(queued.key(), queued.done());
                        })
                        .replaceWithVoid()
                        .onFailure().recoverWithItem(e -> {
                            dropped.increment();
                            LOG.errorf(e, "a write after the answer is dropped: it failed on its own too");
                            if (queued.key() != null) {
                                pendingKeys.remove(queued.key());
                            }
                            queued.done().completeExceptionally(e);
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    private void settle(UUID key, CompletableFuture<Void> done) {
        if (key != null) {
            pendingKeys.remove(key);
        }
        done.complete(null);
    }

    /** Writes whatever is still queued before the service stops. */
    void drain(@Observes ShutdownEvent stopping) {
        if (queue.isEmpty() && !flushing.get()) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        BackgroundWork.run(vertx, () -> untilEmpty().invoke(() -> drained.complete(null)), LOG,
                "writing the queued rows at shutdown failed");
        try {
            drained.get(SHUTDOWN_BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.errorf(e, "%d queued writes were not written before shutdown", queue.size());
        }
    }

    private Uni<Void> untilEmpty() {
        if (queue.isEmpty() && !flushing.get()) {
            return Uni.createFrom().voidItem();
        }
        Context context = io.vertx.core.Vertx.currentContext();
        return flush().flatMap(done -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5)))
                .emitOn(runnable -> context.runOnContext(ignored -> runnable.run()))
                .flatMap(done -> untilEmpty());
    }
}
