package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.registry.domain.RoamingMode;
import io.chargeclear.registry.domain.RoamingTerms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * {@code PUT /admin/agreements/standard-terms}: the hub's standard terms in full. {@code mode} and
 * {@code hub_fee} are required; what else is left out takes the same defaults as an agreement.
 */
public record StandardTermsRequest(
        @JsonProperty("mode") @NotNull
        @Pattern(regexp = "AGREEMENT_REQUIRED|OPEN_MARKET", message = "must be AGREEMENT_REQUIRED or OPEN_MARKET")
        String mode,
        @JsonProperty("modules") List<String> modules,
        @JsonProperty("hub_fee") @NotNull @Valid TermsInput.HubFee hubFee,
        @JsonProperty("sla") @Valid TermsInput.Sla sla,
        @JsonProperty("dispute_window_days") @Min(1) @Max(730) Integer disputeWindowDays) {

    public RoamingMode roamingMode() {
        return RoamingMode.valueOf(mode);
    }

    public RoamingTerms terms() {
        return TermsInput.terms(modules, hubFee, sla, disputeWindowDays);
    }
}
