package io.chargeclear.registry.messaging;

import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.persistence.AgreementEntity;
import io.chargeclear.registry.persistence.StandardTermsEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Announces agreement and standard-terms changes on {@code hub.agreement.v1}: the whole current state,
 * keyed by agreement id (or {@value AgreementChanged#STANDARD_TERMS_KEY}), written to the outbox in the
 * caller's transaction.
 */
@ApplicationScoped
public class AgreementEvents {

    private final Outbox outbox;

    public AgreementEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> agreementChanged(EventType type, AgreementEntity agreement) {
        RoamingTerms terms = agreement.terms.toTerms();
        AgreementChanged snapshot = new AgreementChanged(agreement.id,
                AgreementChanged.Status.valueOf(agreement.status.name()), agreement.revision,
                new AgreementChanged.Party(agreement.cpoCountryCode, agreement.cpoPartyId),
                new AgreementChanged.Party(agreement.emspCountryCode, agreement.emspPartyId),
                agreement.validFrom, agreement.validUntil, terms.modules(), hubFee(terms), sla(terms),
                terms.disputeWindowDays(), agreement.endedAt, agreement.updatedAt);
        return outbox.append(type, agreement.id, agreement.id, snapshot).replaceWithVoid();
    }

    public Uni<Void> standardTermsChanged(StandardTermsEntity standard) {
        RoamingTerms terms = standard.terms.toTerms();
        AgreementChanged.StandardTermsChanged snapshot = new AgreementChanged.StandardTermsChanged(
                AgreementChanged.Mode.valueOf(standard.mode.name()), standard.revision, terms.modules(),
                hubFee(terms), sla(terms), terms.disputeWindowDays(), standard.updatedAt);
        return outbox.append(EventType.STANDARD_TERMS_CHANGED, AgreementChanged.STANDARD_TERMS_KEY,
                AgreementChanged.STANDARD_TERMS_KEY, snapshot).replaceWithVoid();
    }

    private static AgreementChanged.HubFee hubFee(RoamingTerms terms) {
        return new AgreementChanged.HubFee(terms.hubFee().percent(), terms.hubFee().perSession());
    }

    private static AgreementChanged.Sla sla(RoamingTerms terms) {
        return new AgreementChanged.Sla(terms.sla().cdrWithinHours(), terms.sla().authorizationAnswerWithinMs());
    }
}
