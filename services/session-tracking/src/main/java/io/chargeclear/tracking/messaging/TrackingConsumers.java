package io.chargeclear.tracking.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.AuthorizationDecided;
import io.chargeclear.model.event.CommandExchanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.tracking.service.SessionTracker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Everything session tracking consumes, each record idempotent through the inbox and applied in one transaction
 * with what it causes: commands ({@code ocpi.command.v1}), real-time authorizations ({@code ocpi.authorization.v1}),
 * session updates ({@code ocpi.session.v1}) and CDRs ({@code ocpi.cdr.v1}); the SLA terms of agreements and standard
 * terms are the service kit's agreement book's. The topics are read independently; the tracker copes with any order.
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
    public Uni<Void> onCommand(ConsumerRecord<String, String> record) {
        return inbox.consume(commands, record);
    }

    @Incoming("authorization-in")
    public Uni<Void> onAuthorization(ConsumerRecord<String, String> record) {
        return inbox.consume(authorizations, record);
    }

    @Incoming("session-in")
    public Uni<Void> onSession(ConsumerRecord<String, String> record) {
        return inbox.consume(sessions, record);
    }

    @Incoming("cdr-in")
    public Uni<Void> onCdr(ConsumerRecord<String, String> record) {
        return inbox.consume(cdrs, record);
    }
}
