package io.chargeclear.tracking.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.Batches;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.AuthorizationDecided;
import io.chargeclear.model.event.CommandExchanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.tracking.service.SessionTracker;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Everything session tracking consumes, a Kafka batch per transaction (docs/adr/0021-batched-consumers.md), each
 * record idempotent through the inbox and applied in the batch's transaction with what it causes: commands
 * ({@code ocpi.command.v1}), real-time authorizations ({@code ocpi.authorization.v1}), session updates
 * ({@code ocpi.session.v1}) and CDRs ({@code ocpi.cdr.v1}); the SLA terms of agreements and standard terms are the
 * service kit's agreement book's. The topics are read independently; the tracker copes with any order.
 */
@Startup
@ApplicationScoped
public class TrackingConsumers {

    private final Inbox inbox;
    private final EventHandler commands;
    private final EventHandler authorizations;
    private final EventHandler sessions;
    private final EventHandler cdrs;

    public TrackingConsumers(Inbox inbox, ObjectMapper json, SessionTracker tracker) {
        this.inbox = inbox;
        this.commands = inbox.register("tracking-commands", Set.of(EventType.COMMAND_REQUESTED,
                EventType.COMMAND_RESULT_RECEIVED), event -> tracker.command(event.payloadAs(json, CommandExchanged.class),
                EventType.COMMAND_RESULT_RECEIVED.type().equals(event.type())));
        this.authorizations = inbox.register("tracking-authorizations", Set.of(EventType.AUTHORIZATION_DECIDED),
                event -> tracker.authorization(event.payloadAs(json, AuthorizationDecided.class)));
        this.sessions = inbox.register("tracking-sessions", Set.of(EventType.SESSION_CHANGED),
                event -> tracker.sessionChanged(event.payloadAs(json, OcpiObjectChanged.class)));
        this.cdrs = inbox.register("tracking-cdrs", Set.of(EventType.CDR_RECEIVED),
                event -> tracker.cdrReceived(event.payloadAs(json, OcpiObjectChanged.class)));
    }

    @Incoming("command-in")
    public Uni<Void> onCommand(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(commands, Batches.inOrder(records));
    }

    @Incoming("authorization-in")
    public Uni<Void> onAuthorization(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(authorizations, Batches.inOrder(records));
    }

    @Incoming("session-in")
    public Uni<Void> onSession(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(sessions, Batches.inOrder(records));
    }

    @Incoming("cdr-in")
    public Uni<Void> onCdr(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(cdrs, Batches.inOrder(records));
    }
}
