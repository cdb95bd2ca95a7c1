package io.chargeclear.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Remembers which events a consumer has applied, so a redelivered event changes nothing. Call
 * {@link #firstDelivery} inside the transaction that applies the event: the id is recorded if and only if
 * the effect commits, and of two concurrent deliveries only one inserts the row.
 */
@ApplicationScoped
public class Inbox {

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
