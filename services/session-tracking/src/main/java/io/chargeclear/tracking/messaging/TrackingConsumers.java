package io.chargeclear.tracking.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.AuthorizationDecided;
import io.chargeclear.model.event.CommandExchanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.tracking.persistence.AgreementSla;
import io.chargeclear.tracking.persistence.StandardSla;
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
 * session updates ({@code ocpi.session.v1}), CDRs ({@code ocpi.cdr.v1}) and the SLA terms of agreements and
 * standard terms ({@code hub.agreement.v1}). The topics are read independently; the tracker copes with any order.
 */
@Startup
@ApplicationScoped
public class TrackingConsumers {

    private final Inbox inbox;
    private final EventHandler commands;
    private final EventHandler authorizations;
    private final EventHandler sessions;
    private final EventHandler cdrs;
    private final EventHandler agreements;

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
        this.agreements = inbox.register("tracking-agreements", Set.of(EventType.AGREEMENT_CREATED,
                EventType.AGREEMENT_ENDED, EventType.STANDARD_TERMS_CHANGED), event ->
                EventType.STANDARD_TERMS_CHANGED.type().equals(event.type())
                        ? terms(event.payloadAs(json, AgreementChanged.StandardTermsChanged.class))
                        : agreement(event.payloadAs(json, AgreementChanged.class)));
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

    @Incoming("agreement-in")
    public Uni<Void> onAgreement(ConsumerRecord<String, String> record) {
        return inbox.consume(agreements, record);
    }

    /** Keeps the newest revision of each agreement's SLA; a stale or replayed snapshot changes nothing. */
    private static Uni<Void> agreement(AgreementChanged a) {
        return AgreementSla.<AgreementSla>findById(a.agreementId()).flatMap(known -> {
            if (known != null && known.revision >= a.revision()) {
                return Uni.createFrom().voidItem();
            }
            AgreementSla sla = known != null ? known : new AgreementSla();
            sla.agreementId = a.agreementId();
            sla.revision = a.revision();
            sla.status = a.status().name();
            sla.cpoCountryCode = a.cpo().countryCode();
            sla.cpoPartyId = a.cpo().partyId();
            sla.emspCountryCode = a.emsp().countryCode();
            sla.emspPartyId = a.emsp().partyId();
            sla.validFrom = a.validFrom();
            sla.validUntil = a.validUntil();
            sla.endedAt = a.endedAt();
            sla.cdrWithinHours = a.sla() == null ? null : a.sla().cdrWithinHours();
            sla.authorizationAnswerWithinMs = a.sla() == null ? null : a.sla().authorizationAnswerWithinMs();
            Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : sla.persist().replaceWithVoid();
            return saved.flatMap(done -> Panache.getSession()).flatMap(session -> session.flush());
        });
    }

    private static Uni<Void> terms(AgreementChanged.StandardTermsChanged t) {
        return StandardSla.<StandardSla>findById(StandardSla.ID).flatMap(known -> {
            if (known != null && known.revision >= t.revision()) {
                return Uni.createFrom().voidItem();
            }
            StandardSla terms = known != null ? known : new StandardSla();
            terms.revision = t.revision();
            terms.mode = t.mode().name();
            terms.cdrWithinHours = t.sla() == null ? null : t.sla().cdrWithinHours();
            terms.authorizationAnswerWithinMs = t.sla() == null ? null : t.sla().authorizationAnswerWithinMs();
            Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : terms.persist().replaceWithVoid();
            return saved.flatMap(done -> Panache.getSession()).flatMap(session -> session.flush());
        });
    }
}
