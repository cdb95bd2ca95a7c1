package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.money.Money;
import io.chargeclear.registry.domain.RoamingTerms;

import java.math.BigDecimal;
import java.util.List;

/** How the operator API shows the parts of roaming terms; decimals as strings, money with its currency. */
public final class TermsView {

    private TermsView() {
    }

    /** {@code hub_fee}: an absent percent is null; {@code per_session} lists one amount per currency, empty for none. */
    public record HubFee(
            @JsonProperty("percent") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percent,
            @JsonProperty("per_session") List<Money> perSession) {

        static HubFee of(RoamingTerms.HubFee fee) {
            return new HubFee(fee.percent(), fee.perSession());
        }
    }

    /** {@code sla}. */
    public record Sla(
            @JsonProperty("cdr_within_hours") int cdrWithinHours,
            @JsonProperty("authorization_answer_within_ms") int authorizationAnswerWithinMs) {

        static Sla of(RoamingTerms.Sla sla) {
            return new Sla(sla.cdrWithinHours(), sla.authorizationAnswerWithinMs());
        }
    }
}
