package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonFormat;
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
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of a request that set roaming terms, shared by agreements and the standard terms. Decimals
 * arrive as strings (a JSON number is accepted too) and are checked here, so a wrong value is refused
 * with a 400 naming the field instead of a parse error deep in Jackson.
 */
public final class TermsInput {

    static final String PERCENT_RULE = "must be a decimal between 0 and 100 with at most 4 decimals, e.g. \"2.5\"";

    private TermsInput() {
    }

    /**
     * {@code hub_fee}: a percentage, fixed amounts per session (at most one per currency), or both; send "0" for no
     * fee. {@code per_session} is a list; one object, as the API took it before, is read as a list of one.
     */
    public record HubFee(
            @JsonProperty("percent") @Pattern(regexp = "\\d{1,3}(\\.\\d{1,4})?", message = PERCENT_RULE) String percent,
            @JsonProperty("per_session") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<@Valid MoneyInput> perSession) {
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
        List<MoneyInput> inputs = fee.perSession() == null ? List.of() : fee.perSession();
        if (fee.percent() == null && inputs.isEmpty()) {
            throw ApiException.badRequest("hub_fee needs percent, per_session or both (send \"percent\": \"0\" for no fee)");
        }
        BigDecimal percent = fee.percent() == null ? null : new BigDecimal(fee.percent());
        if (percent != null && percent.compareTo(RoamingTerms.HubFee.MAX_PERCENT) > 0) {
            throw ApiException.badRequest("hub_fee.percent " + PERCENT_RULE);
        }
        List<Money> perSession = new ArrayList<>();
        Set<String> currencies = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String field = "hub_fee.per_session[" + i + "]";
            if (inputs.get(i) == null) {
                throw ApiException.badRequest(field + " must be money, e.g. {\"amount\": \"0.10\", \"currency\": \"EUR\"}");
            }
            String code = inputs.get(i).currency();
            if (!isIsoCurrency(code)) {
                throw ApiException.badRequest(field + ".currency " + code + " is not an ISO-4217 currency code");
            }
            if (!currencies.add(code)) {
                throw ApiException.badRequest(field + ".currency " + code
                        + " is there twice: at most one per-session fee per currency");
            }
            perSession.add(Money.of(inputs.get(i).amount(), code));
        }
        return new RoamingTerms.HubFee(percent, perSession);
    }

    private static boolean isIsoCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }
}
