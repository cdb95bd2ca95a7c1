package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.money.Money;
import io.chargeclear.registry.domain.RoamingTerms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a request that set roaming terms, shared by agreements and the standard terms. Decimals
 * arrive as strings (a JSON number is accepted too) and are checked here, so a wrong value is refused
 * with a 400 naming the field instead of a parse error deep in Jackson.
 */
public final class TermsInput {

    static final String PERCENT_RULE = "must be a decimal between 0 and 100 with at most 4 decimals, e.g. \"2.5\"";

    private TermsInput() {
    }

    /** {@code hub_fee}: a percentage, a fixed amount per session, or both; send "0" for no fee. */
    public record HubFee(
            @JsonProperty("percent") @Pattern(regexp = "\\d{1,3}(\\.\\d{1,4})?", message = PERCENT_RULE) String percent,
            @JsonProperty("per_session") @Valid MoneyInput perSession) {
    }

    /** Money as the API takes it: {@code {"amount": "0.10", "currency": "EUR"}}. */
    public record MoneyInput(
            @JsonProperty("amount") @NotNull
            @Pattern(regexp = "\\d{1,12}(\\.\\d{1,6})?", message = "must be a non-negative decimal with at most 6 decimals, e.g. \"0.10\"")
            String amount,
            @JsonProperty("currency") @NotNull
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 currency code of three capital letters, e.g. EUR")
            String currency) {
    }

    /** {@code sla}: each part optional, defaults 48 hours and 5000 ms. */
    public record Sla(
            @JsonProperty("cdr_within_hours") @Min(1) @Max(8760) Integer cdrWithinHours,
            @JsonProperty("authorization_answer_within_ms") @Min(1) @Max(60000) Integer authorizationAnswerWithinMs) {
    }

    /** Builds the terms, applying the defaults for what the request left out. */
    static RoamingTerms terms(List<String> modules, HubFee hubFee, Sla sla, Integer disputeWindowDays) {
        RoamingTerms.Sla defaults = RoamingTerms.Sla.defaults();
        RoamingTerms.Sla resolvedSla = sla == null ? defaults : new RoamingTerms.Sla(
                sla.cdrWithinHours() == null ? defaults.cdrWithinHours() : sla.cdrWithinHours(),
                sla.authorizationAnswerWithinMs() == null ? defaults.authorizationAnswerWithinMs()
                        : sla.authorizationAnswerWithinMs());
        return new RoamingTerms(modules(modules), hubFee(hubFee), resolvedSla,
                disputeWindowDays == null ? RoamingTerms.DEFAULT_DISPUTE_WINDOW_DAYS : disputeWindowDays);
    }

    private static List<String> modules(List<String> requested) {
        if (requested == null) {
            return RoamingTerms.FUNCTIONAL_MODULES;
        }
        if (requested.isEmpty()) {
            throw ApiException.badRequest("modules must not be empty (leave it out to cover every functional module)");
        }
        return requested.stream().map(m -> {
            String module = m == null ? "null" : m.trim().toLowerCase(Locale.ROOT);
            if (!RoamingTerms.FUNCTIONAL_MODULES.contains(module)) {
                throw ApiException.badRequest("modules: '" + m + "' is not an OCPI functional module (one of "
                        + String.join(", ", RoamingTerms.FUNCTIONAL_MODULES) + ")");
            }
            return module;
        }).toList();
    }

    private static RoamingTerms.HubFee hubFee(HubFee fee) {
        if (fee.percent() == null && fee.perSession() == null) {
            throw ApiException.badRequest("hub_fee needs percent, per_session or both (send \"percent\": \"0\" for no fee)");
        }
        BigDecimal percent = fee.percent() == null ? null : new BigDecimal(fee.percent());
        if (percent != null && percent.compareTo(RoamingTerms.HubFee.MAX_PERCENT) > 0) {
            throw ApiException.badRequest("hub_fee.percent " + PERCENT_RULE);
        }
        Money perSession = null;
        if (fee.perSession() != null) {
            String code = fee.perSession().currency();
            if (!isIsoCurrency(code)) {
                throw ApiException.badRequest("hub_fee.per_session.currency " + code + " is not an ISO-4217 currency code");
            }
            perSession = Money.of(fee.perSession().amount(), code);
        }
        return new RoamingTerms.HubFee(percent, perSession);
    }

    private static boolean isIsoCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }
}
