package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.persistence.StandardTermsEntity;

import java.time.Instant;
import java.util.List;

/** The hub's standard terms as the operator API shows them. */
public record StandardTermsView(
        @JsonProperty("mode") String mode,
        @JsonProperty("modules") List<String> modules,
        @JsonProperty("hub_fee") TermsView.HubFee hubFee,
        @JsonProperty("sla") TermsView.Sla sla,
        @JsonProperty("dispute_window_days") int disputeWindowDays,
        @JsonProperty("revision") long revision,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static StandardTermsView of(StandardTermsEntity standard) {
        RoamingTerms terms = standard.terms.toTerms();
        return new StandardTermsView(standard.mode.name(), terms.modules(), TermsView.HubFee.of(terms.hubFee()),
                TermsView.Sla.of(terms.sla()), terms.disputeWindowDays(), standard.revision, standard.updatedAt);
    }
}
