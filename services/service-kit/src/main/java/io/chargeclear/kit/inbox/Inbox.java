package io.chargeclear.kit.inbox;

import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;

/**
 * Remembers which events a consumer has applied, so a redelivered event changes nothing. Call
 * {@link #firstDelivery} inside the transaction that applies the event: the id is recorded if and only if
 * the effect commits, and of two concurrent deliveries only one inserts the row; or let {@link #consumeOnce} do
 * the whole of it for a Kafka record.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /**
     * The way every consumer applies a Kafka record: an event of a type not in {@code types} is logged and skipped;
     * otherwise one transaction records its id for {@code consumer} and, on its first delivery only, applies it.
     * The returned Uni completes after the commit, so the offset is committed only then.
     */
    public Uni<Void> consumeOnce(String consumer, ConsumerRecord<String, String> record, Set<EventType> types,
                                 Function<IncomingEvent, Uni<Void>> apply) {
        IncomingEvent event = IncomingEvent.of(record);
        EventType type = EventType.fromType(event.type()).orElse(null);
        if (type == null || !types.contains(type)) {
            LOG.warnf("%s ignores event %s of unexpected type %s on %s", consumer, event.id(), event.type(),
                    record.topic());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> firstDelivery(consumer, event.id(), event.type())
                .flatMap(first -> first ? apply.apply(event) : Uni.createFrom().voidItem()));
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
