package io.chargeclear.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.persistence.AgreementView;
import io.chargeclear.gateway.persistence.StandardTermsView;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.EventType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Keeps the gateway's view of agreements and standard terms ({@code agreement_view}, {@code standard_terms_view})
 * equal to the newest snapshots on {@code hub.agreement.v1}; the routing gate reads only this view. A snapshot
 * whose revision is not newer than the one applied changes nothing.
 */
@Startup
@ApplicationScoped
public class AgreementsConsumer {

    static final String CONSUMER = "agreement-view";
    private static final Set<EventType> AGREEMENT_EVENTS = Set.of(EventType.AGREEMENT_CREATED,
            EventType.AGREEMENT_ENDED, EventType.STANDARD_TERMS_CHANGED);

    private final Inbox inbox;
    private final EventHandler view;

    public AgreementsConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.view = inbox.register(CONSUMER, AGREEMENT_EVENTS, event ->
                EventType.fromType(event.type()).orElseThrow() == EventType.STANDARD_TERMS_CHANGED
                        ? applyTerms(event.payloadAs(json, AgreementChanged.StandardTermsChanged.class))
                        : applyAgreement(event.payloadAs(json, AgreementChanged.class)));
    }

    @Incoming("agreement-events-in")
    public Uni<Void> onAgreementEvent(ConsumerRecord<String, String> record) {
        return inbox.consume(view, record);
    }

    private static Uni<Void> applyAgreement(AgreementChanged a) {
        return AgreementView.<AgreementView>findById(a.agreementId()).flatMap(known -> {
            if (known != null && known.revision >= a.revision()) {
                return Uni.createFrom().voidItem();
            }
            AgreementView view = known != null ? known : new AgreementView();
            view.agreementId = a.agreementId();
            view.status = a.status().name();
            view.revision = a.revision();
            view.cpoCountryCode = a.cpo().countryCode();
            view.cpoPartyId = a.cpo().partyId();
            view.emspCountryCode = a.emsp().countryCode();
            view.emspPartyId = a.emsp().partyId();
            view.validFrom = a.validFrom();
            view.validUntil = a.validUntil();
            view.modules = String.join(",", a.modules());
            return known != null ? Uni.createFrom().voidItem() : view.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> applyTerms(AgreementChanged.StandardTermsChanged t) {
        return StandardTermsView.<StandardTermsView>findById(StandardTermsView.ID).flatMap(known -> {
            if (known != null && known.revision >= t.revision()) {
                return Uni.createFrom().voidItem();
            }
            StandardTermsView view = known != null ? known : new StandardTermsView();
            view.mode = t.mode().name();
            view.revision = t.revision();
            view.modules = String.join(",", t.modules());
            return known != null ? Uni.createFrom().voidItem() : view.persist().replaceWithVoid();
        });
    }
}
