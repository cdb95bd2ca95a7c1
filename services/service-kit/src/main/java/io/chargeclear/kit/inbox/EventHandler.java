package io.chargeclear.kit.inbox;

import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.EventType;
import io.smallrye.mutiny.Uni;

import java.util.Set;
import java.util.function.Function;

/**
 * How one consumer applies an event: its name (the inbox's and the dead-letter table's {@code consumer}), the
 * event types it takes and the function that applies one inside the inbox transaction. Registered with
 * {@link Inbox#register} when the consumer is built, so a parked event can be applied again by name at any time.
 */
public record EventHandler(String consumer, Set<EventType> types, Function<IncomingEvent, Uni<Void>> apply) {
}
