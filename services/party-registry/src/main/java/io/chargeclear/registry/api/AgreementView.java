package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.registry.domain.AgreementStatus;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.persistence.AgreementEntity;

import java.time.Instant;
import java.util.List;

/**
 * An agreement as the operator API shows it. {@code in_effect} is computed when read: the agreement is
 * ACTIVE and now lies in its window. A null {@code valid_until} means open-ended.
 */
public record AgreementView(
        @JsonProperty("id") String id,
        @JsonProperty("status") String status,
        @JsonProperty("in_effect") boolean inEffect,
        @JsonProperty("cpo") PartyRef cpo,
        @JsonProperty("emsp") PartyRef emsp,
        @JsonProperty("valid_from") Instant validFrom,
        @JsonProperty("valid_until") Instant validUntil,
        @JsonProperty("modules") List<String> modules,
        @JsonProperty("hub_fee") TermsView.HubFee hubFee,
        @JsonProperty("sla") TermsView.Sla sla,
        @JsonProperty("dispute_window_days") int disputeWindowDays,
        @JsonProperty("revision") long revision,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("ended_at") Instant endedAt) {

    public static AgreementView of(AgreementEntity agreement, Instant now) {
        RoamingTerms terms = agreement.terms.toTerms();
        boolean inEffect = agreement.status == AgreementStatus.ACTIVE
                && agreement.window().contains(now);
        return new AgreementView(agreement.id, agreement.status.name(), inEffect,
                new PartyRef(agreement.cpoCountryCode, agreement.cpoPartyId),
                new PartyRef(agreement.emspCountryCode, agreement.emspPartyId),
                agreement.validFrom, agreement.validUntil, terms.modules(), TermsView.HubFee.of(terms.hubFee()),
                TermsView.Sla.of(terms.sla()), terms.disputeWindowDays(), agreement.revision,
                agreement.createdAt, agreement.updatedAt, agreement.endedAt);
    }
}
