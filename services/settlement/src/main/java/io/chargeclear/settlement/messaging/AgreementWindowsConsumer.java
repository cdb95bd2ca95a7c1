package io.chargeclear.settlement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.settlement.persistence.DisputeWindow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Keeps the dispute window of every agreement and of the hub's standard terms ({@code hub.agreement.v1}); a
 * snapshot not newer than the one kept changes nothing, so replays are harmless.
 */
@Startup
@ApplicationScoped
public class AgreementWindowsConsumer {

    private final Inbox inbox;
    private final EventHandler windows;

    public AgreementWindowsConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.windows = inbox.register("settlement-agreements", Set.of(EventType.AGREEMENT_CREATED,
                EventType.AGREEMENT_ENDED, EventType.STANDARD_TERMS_CHANGED), event -> {
            if (EventType.STANDARD_TERMS_CHANGED.type().equals(event.type())) {
                AgreementChanged.StandardTermsChanged terms = event.payloadAs(json, AgreementChanged.StandardTermsChanged.class);
                return keep(DisputeWindow.STANDARD_TERMS, terms.disputeWindowDays(), terms.revision());
            }
            AgreementChanged agreement = event.payloadAs(json, AgreementChanged.class);
            return keep(agreement.agreementId(), agreement.disputeWindowDays(), agreement.revision());
        });
    }

    @Incoming("agreements-in")
    public Uni<Void> onAgreement(ConsumerRecord<String, String> record) {
        return inbox.consume(windows, record);
    }

    private static Uni<Void> keep(String termsId, int days, long revision) {
        return DisputeWindow.<DisputeWindow>findById(termsId).flatMap(known -> {
            if (known != null && known.revision >= revision) {
                return Uni.createFrom().voidItem();
            }
            DisputeWindow window = known != null ? known : new DisputeWindow();
            window.termsId = termsId;
            window.days = days;
            window.revision = revision;
            Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : window.persist().replaceWithVoid();
            return saved.flatMap(done -> Panache.getSession()).flatMap(session -> session.flush()).replaceWithVoid();
        });
    }
}
