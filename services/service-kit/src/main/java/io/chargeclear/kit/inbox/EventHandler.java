package io.chargeclear.kit.inbox;

import io.chargeclear.kit.messaging.EventSpans;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.EventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How one consumer applies events: its name (the inbox's and the dead-letter table's {@code consumer}), the event
 * types it takes and how it applies them inside the inbox transaction. Registered with {@link Inbox#register} (one
 * event at a time) or {@link Inbox#registerBatched} (a look at all the events of a transaction first), when the
 * consumer is built, so a parked event can be applied again by name at any time.
 *
 * @param prepare given the events one transaction applies (a batch's new ones, or the one of the per-record path),
 *                does what they share, in that transaction, once, and yields how each of them is applied then
 */
public record EventHandler(String consumer, Set<EventType> types,
                           Function<List<IncomingEvent>, Uni<Function<IncomingEvent, Uni<Void>>>> prepare) {

    /** A handler that applies each event on its own. */
    public static EventHandler each(String consumer, Set<EventType> types, Function<IncomingEvent, Uni<Void>> apply) {
        Uni<Function<IncomingEvent, Uni<Void>>> same = Uni.createFrom().item(apply);
        return new EventHandler(consumer, types, events -> same);
    }

    /**
     * Applies {@code events} in order, after their preparation, each in its own span of {@code spans} (so what it
     * appends to the outbox carries its trace on); each through {@code after} once applied.
     */
    Uni<Void> applyAll(List<IncomingEvent> events, EventSpans spans, Function<IncomingEvent, Uni<Void>> after) {
        return prepare.apply(events).flatMap(apply -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> spans.process(consumer, event, () -> apply.apply(event))
                        .call(() -> after.apply(event)))
                .collect().last().replaceWithVoid());
    }
}
