package io.chargeclear.kit.deadletter;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.inbox.Failures;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.chargeclear.kit.background.BackgroundWork;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The dead-letter table: records parked by their consumer, listed, re-attempted and discarded by the operator.
 * Text is stored with NUL characters escaped, since PostgreSQL refuses them and a record carrying one must still
 * be parked.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final ConsumerMonitor monitor;

    public DeadLetters(ConsumerMonitor monitor) {
        this.monitor = monitor;
    }

    /** Reads the parked counts once at start, for readiness and the gauge; every change refreshes them after. */
    void onStart(@Observes StartupEvent start, Vertx vertx) {
        BackgroundWork.run(vertx, this::refreshCount, LOG, "could not count the parked records");
    }

    /**
     * Parks {@code record} for {@code consumer} in a transaction of its own; the same event parked again (a
     * redelivery before its offset was committed) counts one more attempt on the existing row.
     */
    public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, IncomingEvent event, Throwable failure) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Throwable root = Failures.rootCause(failure);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .createMutationQuery("update DeadLetter set lastFailedAt = :now, attempts = attempts + 1,"
                                + " errorClass = :errorClass, errorMessage = :errorMessage"
                                + " where consumer = :consumer and eventId = :eventId")
                        .setParameter("now", now)
                        .setParameter("errorClass", clean(root.getClass().getName()))
                        .setParameter("errorMessage", clean(Failures.describe(failure)))
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", clean(event.id()))
                        .executeUpdate())
                .flatMap(updated -> {
                    if (updated > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    DeadLetter letter = new DeadLetter();
                    letter.id = UUID.randomUUID();
                    letter.consumer = consumer;
                    letter.eventId = clean(event.id());
                    letter.eventType = clean(event.type());
                    letter.source = clean(event.source());
                    letter.subject = clean(event.subject());
                    letter.time = clean(event.time());
                    letter.topic = record.topic();
                    letter.partition = record.partition();
                    letter.offset = record.offset();
                    letter.key = clean(record.key());
                    letter.payload = clean(record.value());
                    letter.errorClass = clean(root.getClass().getName());
                    letter.errorMessage = clean(Failures.describe(failure));
                    letter.firstFailedAt = now;
                    letter.lastFailedAt = now;
                    letter.attempts = 1;
                    letter.status = DeadLetter.PARKED;
                    return letter.persist().replaceWithVoid();
                }))
                .invoke(() -> monitor.parked(consumer))
                .call(this::refreshCount);
    }

    /** Newest failure first; both filters optional. */
    public Uni<List<DeadLetter>> list(String consumer, String status, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new java.util.HashMap<>();
        if (consumer != null && !consumer.isBlank()) {
            where.append(" and consumer = :consumer");
            parameters.put("consumer", consumer);
        }
        if (status != null && !status.isBlank()) {
            where.append(" and status = :status");
            parameters.put("status", status);
        }
        return Panache.withSession(() -> DeadLetter.<DeadLetter>find(where + " order by lastFailedAt desc, id",
                parameters).page(0, limit).list());
    }

    /** @throws ApiException 404 naming the id when there is no such dead letter */
    public Uni<DeadLetter> get(UUID id) {
        return DeadLetter.<DeadLetter>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("dead letter " + id));
    }

    /** Marks a parked letter applied; call inside the transaction that applied it. */
    public Uni<Void> markRetried(UUID id) {
        return Panache.getSession().flatMap(session -> session
                .createMutationQuery("update DeadLetter set status = :retried, resolvedAt = :now"
                        + " where id = :id and status = :parked")
                .setParameter("retried", DeadLetter.RETRIED)
                .setParameter("parked", DeadLetter.PARKED)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setParameter("id", id)
                .executeUpdate()).replaceWithVoid();
    }

    /** Records that a retry failed again: one more attempt, the new error; the letter stays parked. */
    public Uni<DeadLetter> failedAgain(UUID id, Throwable failure) {
        Throwable root = Failures.rootCause(failure);
        return Panache.withTransaction(() -> get(id).invoke(letter -> {
            letter.attempts++;
            letter.lastFailedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            letter.errorClass = clean(root.getClass().getName());
            letter.errorMessage = clean(Failures.describe(failure));
        }));
    }

    /** Sets a parked letter aside for good; discarding a letter already retried or discarded is a conflict. */
    public Uni<DeadLetter> discard(UUID id) {
        return Panache.withTransaction(() -> get(id).invoke(letter -> {
                    if (!DeadLetter.PARKED.equals(letter.status)) {
                        throw ApiException.conflict("dead letter " + id + " is " + letter.status + ", not PARKED");
                    }
                    letter.status = DeadLetter.DISCARDED;
                    letter.resolvedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                }))
                .call(this::refreshCount);
    }

    /** Parked letters per consumer (consumers with none are absent). */
    public Uni<Map<String, Long>> parkedByConsumer() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("select consumer, count(*) from DeadLetter where status = :parked"
                                + " group by consumer", Object[].class)
                        .setParameter("parked", DeadLetter.PARKED)
                        .getResultList()))
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (String) row[0],
                        row -> ((Number) row[1]).longValue())))
                .invoke(monitor::parkedNow);
    }

    /** Brings the parked gauge up to date; the gauge keeps its last value while the database cannot answer. */
    public Uni<Void> refreshCount() {
        return parkedByConsumer().replaceWithVoid().onFailure().recoverWithNull();
    }

    /** PostgreSQL text cannot hold NUL: keep it visible as an escape instead. */
    static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }
}
