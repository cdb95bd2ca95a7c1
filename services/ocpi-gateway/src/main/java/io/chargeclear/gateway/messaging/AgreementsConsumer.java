package io.chargeclear.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.persistence.AgreementView;
import io.chargeclear.gateway.persistence.StandardTermsView;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the gateway's view of agreements and standard terms ({@code agreement_view}, {@code standard_terms_view})
 * equal to the newest snapshots on {@code hub.agreement.v1}; the routing gate reads only this view. A snapshot
 * whose revision is not newer than the one applied changes nothing.
 */
@ApplicationScoped
public class AgreementsConsumer {

    static final String CONSUMER = "agreement-view";
    private static final Logger LOG = Logger.getLogger(AgreementsConsumer.class);

    private final Inbox inbox;
    private final ObjectMapper json;

    public AgreementsConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("agreement-events-in")
    public Uni<Void> onAgreementEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        EventType type = EventType.fromType(event.type()).orElse(null);
        if (type == EventType.STANDARD_TERMS_CHANGED) {
            AgreementChanged.StandardTermsChanged terms = event.payloadAs(json, AgreementChanged.StandardTermsChanged.class);
            return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id(), event.type())
                    .flatMap(first -> first ? applyTerms(terms) : Uni.createFrom().voidItem()));
        }
        if (type != null && type.payloadType() == AgreementChanged.class) {
            AgreementChanged agreement = event.payloadAs(json, AgreementChanged.class);
            return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id(), event.type())
                    .flatMap(first -> first ? applyAgreement(agreement) : Uni.createFrom().voidItem()));
        }
        LOG.warnf("ignoring event %s of unknown type %s on %s", event.id(), event.type(), record.topic());
        return Uni.createFrom().voidItem();
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
