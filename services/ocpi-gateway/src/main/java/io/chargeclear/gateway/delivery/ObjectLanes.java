package io.chargeclear.gateway.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one batch of a receiver's jobs (oldest first) with several requests in flight, keeping each object's jobs
 * strictly in order: a job is started only when no earlier job of the same object ({@link DeliveryDispatcher.Job#lane()})
 * is in flight or left waiting, and among the startable jobs the oldest goes first, so with one request in flight the
 * order is exactly the queue's. A slow object holds one slot; the others go on in the remaining slots.
 * <p>
 * An attempt's {@link Step} says what follows: a job that will be retried later blocks the rest of its object's jobs
 * in this batch (they stay PENDING behind it, so a later update never overtakes it), and a failure that says the
 * receiver is in trouble stops starting new jobs: the ones in flight finish, and the receiver waits for its backoff.
 * While {@code cautious} (the receiver's last attempt failed), one request at a time goes out until the receiver
 * answers, so a receiver that is down gets one attempt per backoff, as with one request in flight. Nothing new starts
 * after {@code startUntil} (the receiver's lease must outlast the batch).
 * <p>
 * The results come back in the order the attempts ended; jobs never started have none and stay as they are.
 *
 * @param <R> the result of one attempt
 */
final class ObjectLanes<R> {

    /** What an attempt's result means for the rest of the batch. */
    enum Step {
        /** The job is done (or given up): the object's next job may go. */
        NEXT,
        /** The job is done and the receiver answered: lift the caution. */
        ANSWERED,
        /** The job stays and will be retried: its object's later jobs wait in this batch; nothing new starts. */
        STOP
    }

    private final LinkedList<DeliveryDispatcher.Job> waiting;
    private final int maxInFlight;
    private final Instant startUntil;
    private final Supplier<Instant> clock;
    private final Function<DeliveryDispatcher.Job, Uni<R>> attempt;
    private final Function<R, Step> step;
    private final Set<String> busy = new HashSet<>();
    private final Set<String> blocked = new HashSet<>();
    private final List<R> results = new ArrayList<>();
    private boolean cautious;
    private boolean stopped;
    private int inFlight;
    private UniEmitter<? super List<R>> done;

    ObjectLanes(List<DeliveryDispatcher.Job> jobs, int maxInFlight, boolean cautious, Instant startUntil,
                Supplier<Instant> clock, Function<DeliveryDispatcher.Job, Uni<R>> attempt, Function<R, Step> step) {
        this.waiting = new LinkedList<>(jobs);
        this.maxInFlight = Math.max(1, maxInFlight);
        this.cautious = cautious;
        this.startUntil = startUntil;
        this.clock = clock;
        this.attempt = attempt;
        this.step = step;
    }

    /** Runs the batch; emits every attempt's result once the last one in flight has ended. */
    Uni<List<R>> run() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                done = emitter;
            }
            startWhatMay();
        });
    }

    private void startWhatMay() {
        List<DeliveryDispatcher.Job> starting = new ArrayList<>();
        List<R> finished = null;
        UniEmitter<? super List<R>> emitter = null;
        synchronized (this) {
            while (!stopped && inFlight < (cautious ? 1 : maxInFlight) && clock.get().isBefore(startUntil)) {
                DeliveryDispatcher.Job next = nextStartable();
                if (next == null) {
                    break;
                }
                busy.add(next.lane());
                inFlight++;
                starting.add(next);
            }
            if (inFlight == 0 && done != null) {
                finished = List.copyOf(results);
                emitter = done;
                done = null;
            }
        }
        if (emitter != null) {
            emitter.complete(finished);
            return;
        }
        for (DeliveryDispatcher.Job job : starting) {
            attempt.apply(job).subscribe().with(result -> ended(job, result), failure -> failed(failure));
        }
    }

    /** The oldest job whose object has nothing in flight and nothing left waiting before it. */
    private DeliveryDispatcher.Job nextStartable() {
        var jobs = waiting.iterator();
        while (jobs.hasNext()) {
            DeliveryDispatcher.Job job = jobs.next();
            if (!busy.contains(job.lane()) && !blocked.contains(job.lane())) {
                jobs.remove();
                return job;
            }
        }
        return null;
    }

    private void ended(DeliveryDispatcher.Job job, R result) {
        synchronized (this) {
            results.add(result);
            inFlight--;
            busy.remove(job.lane());
            switch (Objects.requireNonNull(step.apply(result))) {
                case ANSWERED -> cautious = false;
                case STOP -> {
                    blocked.add(job.lane());
                    stopped = true;
                }
                case NEXT -> { }
            }
        }
        startWhatMay();
    }

    /** An attempt that failed instead of giving a result (a bug, not a receiver's answer): end the batch with it. */
    private void failed(Throwable failure) {
        UniEmitter<? super List<R>> emitter;
        synchronized (this) {
            stopped = true;
            emitter = done;
            done = null;
        }
        if (emitter != null) {
            emitter.fail(failure);
        }
    }
}
