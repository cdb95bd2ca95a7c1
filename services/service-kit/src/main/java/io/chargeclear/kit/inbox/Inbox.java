package io.chargeclear.kit.inbox;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.deadletter.ConsumerMonitor;
import io.chargeclear.kit.deadletter.DeadLetter;
import io.chargeclear.kit.deadletter.DeadLetters;
import io.chargeclear.kit.messaging.EventSpans;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers which events a consumer has applied, so a redelivered event changes nothing, and keeps every channel
 * moving: call {@link #firstDelivery} inside the transaction that applies the event (the id is recorded if and only
 * if the effect commits, and of two concurrent deliveries only one inserts the row), or let {@link #consume} do the
 * whole of it for a Kafka record.
 *
 * <p>A record that fails is never allowed to stop its channel (docs/adr/0014-dead-letters-and-transient-retries.md):
 * a transient failure (database or broker unavailable, see {@link Failures}) is retried with exponential backoff
 * until it succeeds, holding the channel on that record so order is kept; any other failure parks the record in the
 * dead-letter table and the channel moves on. Consumers {@link #register} their handler by name when they are built
 * (their class is {@code @Startup}), so the operator can apply a parked record again at any time.
 *
 * <p>A hot consumer takes its records a Kafka batch at a time through {@link #consumeBatch}: one transaction and one
 * dedup statement for the whole batch, so the commit's WAL flush is paid once per batch instead of once per record
 * (docs/adr/0021-batched-consumers.md). A record the batch cannot apply sends the batch down the per-record path,
 * where that record alone is parked.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** The result of applying a parked record again. */
    public enum RetryOutcome { APPLIED, FAILED }

    private final DeadLetters deadLetters;
    private final ConsumerMonitor monitor;
    private final Vertx vertx;
    private final EventSpans spans;
    private final ConcurrentHashMap<String, EventHandler> handlers = new ConcurrentHashMap<>();

    public Inbox(DeadLetters deadLetters, ConsumerMonitor monitor, Vertx vertx, EventSpans spans) {
        this.deadLetters = deadLetters;
        this.monitor = monitor;
        this.vertx = vertx;
        this.spans = spans;
    }

    /**
     * Registers how {@code consumer} applies an event of one of {@code types}; the name is the inbox's and the
     * dead-letter table's key, unique within the service. Call it when the consumer is built.
     */
    public EventHandler register(String consumer, Set<EventType> types, Function<IncomingEvent, Uni<Void>> apply) {
        EventHandler handler = EventHandler.each(consumer, Set.copyOf(types), apply);
        handlers.put(consumer, handler);
        return handler;
    }

    /**
     * Like {@link #register}, for a consumer that looks at all the events of a transaction before it applies them:
     * {@code prepare} gets them (a batch's new ones in {@link #consumeBatch}, the one event on the per-record path or
     * when a parked one is applied again), does in the transaction what they share, once (one query instead of one
     * per event), and yields how each is applied. What it reads holds for that transaction only.
     */
    public EventHandler registerBatched(String consumer, Set<EventType> types,
                                        Function<List<IncomingEvent>, Uni<Function<IncomingEvent, Uni<Void>>>> prepare) {
        EventHandler handler = new EventHandler(consumer, Set.copyOf(types), prepare);
        handlers.put(consumer, handler);
        return handler;
    }

    /**
     * The way every consumer applies a Kafka record: an event of a type the handler does not take is logged and
     * skipped; otherwise one transaction records its id for the consumer and, on its first delivery only, applies
     * it. The returned Uni completes after the commit, or after the record was parked, so the offset is committed
     * only then; it does not fail.
     */
    public Uni<Void> consume(EventHandler handler, ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        EventType type = EventType.fromType(event.type()).orElse(null);
        if (type == null || !handler.types().contains(type)) {
            LOG.warnf("%s ignores event %s of unexpected type %s on %s", handler.consumer(), event.id(), event.type(),
                    record.topic());
            return Uni.createFrom().voidItem();
        }
        return attempt(handler, record, event, context(), 1);
    }

    /**
     * {@link #consume} for a handler registered on the spot: for a consumer that does not register at start, whose
     * parked records can then be retried only after it has seen a record since the service started.
     */
    public Uni<Void> consumeOnce(String consumer, ConsumerRecord<String, String> record, Set<EventType> types,
                                 Function<IncomingEvent, Uni<Void>> apply) {
        EventHandler handler = handlers.computeIfAbsent(consumer, name -> EventHandler.each(name, Set.copyOf(types), apply));
        return consume(handler, record);
    }

    /**
     * The way a hot consumer applies a Kafka batch (the records of one poll, each partition's in offset order):
     * records of types the handler does not take are logged and skipped; the others are applied in ONE transaction
     * that records all their ids for the consumer with one statement and applies, in record order, only the events
     * seen for the first time (an id twice in the batch is applied once).
     *
     * <p>If a record fails for a reason of its own, the batch's transaction is rolled back and the batch applied
     * again record by record through {@link #consume}, so that record alone is parked and all others commit. A
     * transient failure retries the whole batch with the same backoff as a single record, on the same Vert.x context.
     * The returned Uni completes after the commit (or after the per-record pass), so the offsets are committed only
     * then; it does not fail.
     */
    public Uni<Void> consumeBatch(EventHandler handler, List<ConsumerRecord<String, String>> records) {
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            IncomingEvent event = IncomingEvent.of(record);
            EventType type = EventType.fromType(event.type()).orElse(null);
            if (type == null || !handler.types().contains(type)) {
                LOG.warnf("%s ignores event %s of unexpected type %s on %s", handler.consumer(), event.id(),
                        event.type(), record.topic());
            } else {
                deliveries.add(new Delivery(record, event));
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = context();
        if (deliveries.size() == 1) {
            Delivery only = deliveries.get(0);
            return attempt(handler, only.record(), only.event(), context, 1);
        }
        return attemptBatch(handler, deliveries, context, 1);
    }

    /** A record of a batch and the event read from it. */
    private record Delivery(ConsumerRecord<String, String> record, IncomingEvent event) {
    }

    private Uni<Void> attemptBatch(EventHandler handler, List<Delivery> batch, Context context, int attempt) {
        String consumer = handler.consumer();
        Delivery first = batch.get(0);
        Delivery last = batch.get(batch.size() - 1);
        return Uni.createFrom().deferred(() -> applyBatchOnce(handler, batch))
                .invoke(() -> monitor.moving(consumer))
                .onFailure(Failures::isTransient).recoverWithUni(failure -> {
                    Duration delay = backoff(attempt);
                    LOG.warnf("%s retries a batch of %d events from %s-%d@%d in %d ms (attempt %d failed transiently:"
                                    + " %s)", consumer, batch.size(), first.record().topic(), first.record().partition(),
                            first.record().offset(), delay.toMillis(), attempt, Failures.describe(failure));
                    monitor.retrying(consumer, first.event().id(), attempt, Failures.describe(failure));
                    return sleep(context, delay).flatMap(slept -> attemptBatch(handler, batch, context, attempt + 1));
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("%s applies a batch of %d events from %s-%d@%d..%s-%d@%d one by one: one of them failed"
                                    + " (%s)", consumer, batch.size(), first.record().topic(), first.record().partition(),
                            first.record().offset(), last.record().topic(), last.record().partition(),
                            last.record().offset(), Failures.describe(failure));
                    return oneByOne(handler, batch, context);
                });
    }

    /** The per-record path for every record of a batch, in order: the one that cannot be applied is parked. */
    private Uni<Void> oneByOne(EventHandler handler, List<Delivery> batch, Context context) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(delivery -> attempt(handler, delivery.record(), delivery.event(),
                        context, 1))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> applyBatchOnce(EventHandler handler, List<Delivery> batch) {
        return Panache.withTransaction(() -> firstDeliveries(handler.consumer(), batch).flatMap(fresh -> {
            // remove: an id that appears twice in the batch is applied at its first occurrence only
            List<IncomingEvent> toApply = batch.stream().map(Delivery::event).filter(event -> fresh.remove(event.id()))
                    .toList();
            // each event's changes are flushed and the session cleared before the next: the transaction still
            // commits once, but a flush (and every query's auto-flush) dirty-checks only the current event's
            // entities instead of everything the batch has loaded so far, which grows quadratically with the batch
            return handler.applyAll(toApply, spans, event -> Panache.getSession().flatMap(session -> session.flush()
                    .invoke(session::clear)));
        }));
    }

    /**
     * Records the batch's event ids for the consumer with one statement, inside the caller's transaction.
     *
     * @return the ids this consumer sees for the first time: those it must apply
     */
    private Uni<Set<String>> firstDeliveries(String consumer, List<Delivery> batch) {
        Map<String, String> typesById = new LinkedHashMap<>();
        for (Delivery delivery : batch) {
            String type = delivery.event().type();
            typesById.putIfAbsent(delivery.event().id(), type == null ? "unknown" : type);
        }
        String[] ids = typesById.keySet().toArray(String[]::new);
        String[] types = typesById.values().toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into {h-schema}inbox_event (consumer, event_id, event_type, processed_at)
                        select cast(:consumer as varchar), e.event_id, e.event_type, cast(:processedAt as timestamptz)
                          from unnest(cast(:ids as text[]), cast(:types as text[])) as e(event_id, event_type)
                        on conflict do nothing
                        returning event_id""", String.class)
                        .setParameter("consumer", consumer)
                        .setParameter("processedAt", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS))
                        .setParameter("ids", ids)
                        .setParameter("types", types)
                        .getResultList())
                .map(HashSet::new);
    }

    private Uni<Void> attempt(EventHandler handler, ConsumerRecord<String, String> record, IncomingEvent event,
                              Context context, int attempt) {
        String consumer = handler.consumer();
        return Uni.createFrom().deferred(() -> applyOnce(handler, event))
                .onFailure(failure -> !Failures.isTransient(failure)).recoverWithUni(failure -> {
                    LOG.errorf(failure, "%s parks event %s (%s) from %s-%d@%d: %s", consumer, event.id(), event.type(),
                            record.topic(), record.partition(), record.offset(), Failures.describe(failure));
                    return deadLetters.park(consumer, record, event, failure)
                            .onFailure(parkFailure -> !Failures.isTransient(parkFailure)).recoverWithUni(parkFailure -> {
                                LOG.errorf(parkFailure, "%s could not park event %s from %s-%d@%d and passes it by",
                                        consumer, event.id(), record.topic(), record.partition(), record.offset());
                                return Uni.createFrom().voidItem();
                            });
                })
                .invoke(() -> monitor.moving(consumer))
                .onFailure().recoverWithUni(failure -> {
                    Duration delay = backoff(attempt);
                    LOG.warnf("%s retries event %s from %s-%d@%d in %d ms (attempt %d failed transiently: %s)",
                            consumer, event.id(), record.topic(), record.partition(), record.offset(), delay.toMillis(),
                            attempt, Failures.describe(failure));
                    monitor.retrying(consumer, event.id(), attempt, Failures.describe(failure));
                    return sleep(context, delay).flatMap(slept -> attempt(handler, record, event, context, attempt + 1));
                });
    }

    private Uni<Void> applyOnce(EventHandler handler, IncomingEvent event) {
        return Panache.withTransaction(() -> firstDelivery(handler.consumer(), event.id(), event.type())
                .flatMap(first -> first ? handler.applyAll(List.of(event), spans, applied -> Uni.createFrom().voidItem())
                        : Uni.createFrom().voidItem()));
    }

    /** 0.5 s doubling up to 30 s. */
    static Duration backoff(int attempt) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Waits on the record's own Vert.x context, which Hibernate Reactive's session needs to resume on. */
    private static Uni<Void> sleep(Context context, Duration delay) {
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(delay.toMillis(),
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private Context context() {
        Context current = io.vertx.core.Vertx.currentContext();
        if (current != null) {
            return current;
        }
        Context created = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(created, true);
        return created;
    }

    /**
     * Applies a parked record again through its consumer's handler, in one transaction with its inbox row and the
     * letter's status RETRIED; if it fails again, the letter stays PARKED with one more attempt and the new error.
     *
     * @throws ApiException 404 for an unknown id, 409 when the letter is not parked or its consumer is not
     *                      registered in this service; a transient failure is passed on (the caller answers 503)
     */
    public Uni<RetryOutcome> retryParked(UUID id) {
        return Panache.withSession(() -> deadLetters.get(id)).flatMap(letter -> {
            if (!DeadLetter.PARKED.equals(letter.status)) {
                return Uni.createFrom().failure(ApiException.conflict("dead letter " + id + " is " + letter.status
                        + ", not PARKED"));
            }
            EventHandler handler = handlers.get(letter.consumer);
            if (handler == null) {
                return Uni.createFrom().failure(ApiException.conflict("no consumer '" + letter.consumer
                        + "' is registered in this service"));
            }
            // applied in the operator's request's trace: the letter keeps no trace context of its own
            IncomingEvent event = new IncomingEvent(letter.eventId, letter.eventType, letter.source, letter.subject,
                    letter.time, letter.key, letter.payload, letter.topic, null, null);
            return Panache.withTransaction(() -> firstDelivery(letter.consumer, letter.eventId, letter.eventType)
                            .flatMap(first -> first ? handler.applyAll(List.of(event), spans,
                                    applied -> Uni.createFrom().voidItem()) : Uni.createFrom().voidItem())
                            .call(() -> deadLetters.markRetried(id)))
                    .call(deadLetters::refreshCount)
                    .invoke(() -> LOG.infof("%s applied parked event %s (dead letter %s)", letter.consumer,
                            letter.eventId, id))
                    .replaceWith(RetryOutcome.APPLIED)
                    .onFailure(failure -> !Failures.isTransient(failure)).recoverWithUni(failure -> {
                        LOG.warnf("%s still cannot apply parked event %s (dead letter %s): %s", letter.consumer,
                                letter.eventId, id, Failures.describe(failure));
                        return deadLetters.failedAgain(id, failure).replaceWith(RetryOutcome.FAILED);
                    });
        });
    }

    /** @return true when this consumer sees the event for the first time and must apply it */
    public Uni<Boolean> firstDelivery(String consumer, String eventId, String eventType) {
        return Panache.getSession().flatMap(session -> session
                        .createMutationQuery("insert into InboxEvent (consumer, eventId, eventType, processedAt)"
                                + " values (:consumer, :eventId, :eventType, :processedAt) on conflict do nothing")
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .setParameter("eventType", eventType == null ? "unknown" : eventType)
                        .setParameter("processedAt", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
