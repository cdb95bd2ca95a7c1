package io.chargeclear.registry.domain;

import io.chargeclear.model.money.Money;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The commercial and legal terms of roaming, the same for a bilateral agreement and for the hub's standard
 * terms: which OCPI modules are covered, the hub's fee, the service levels and the dispute window.
 * Amounts are exact decimals and money carries its currency; nothing here is a {@code double}.
 */
public record RoamingTerms(List<String> modules, HubFee hubFee, Sla sla, int disputeWindowDays) {

    /**
     * OCPI functional modules an agreement can cover, in the order the hub stores and shows them: those of 2.2.1 and
     * the 2.3.0 {@code payments} module (between a CPO and a payment terminal provider).
     */
    public static final List<String> FUNCTIONAL_MODULES =
            List.of("cdrs", "chargingprofiles", "commands", "locations", "payments", "sessions", "tariffs", "tokens");
    public static final int DEFAULT_DISPUTE_WINDOW_DAYS = 30;

    public RoamingTerms {
        modules = FUNCTIONAL_MODULES.stream().filter(modules::contains).toList();
        Objects.requireNonNull(hubFee, "hubFee");
        Objects.requireNonNull(sla, "sla");
    }

    /** Modules as one comma-separated column value. */
    public String modulesColumn() {
        return String.join(",", modules);
    }

    public static List<String> modulesFromColumn(String column) {
        return Arrays.asList(column.split(","));
    }

    /**
     * The hub's fee: a percentage of the session's cost, fixed amounts per session, or both; at least one
     * is set (an explicit zero means "no fee"). The fixed amount is a list with at most one entry per currency,
     * so partners settling in different currencies each pay one in their own (docs/adr/0027); a session in a
     * currency the list lacks pays the percentage alone.
     *
     * @param perSession fixed amounts, one per currency, in the order the operator gave them; empty for none
     */
    public record HubFee(BigDecimal percent, List<Money> perSession) {

        public static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);

        public HubFee {
            perSession = perSession == null ? List.of() : List.copyOf(perSession);
            if (percent == null && perSession.isEmpty()) {
                throw new IllegalArgumentException("a hub fee needs a percent, a per-session amount or both");
            }
            if (percent != null && (percent.signum() < 0 || percent.compareTo(MAX_PERCENT) > 0)) {
                throw new IllegalArgumentException("percent must be between 0 and 100");
            }
            Set<Currency> currencies = new HashSet<>();
            for (Money money : perSession) {
                if (money.isNegative()) {
                    throw new IllegalArgumentException("per-session fee must not be negative");
                }
                if (!currencies.add(money.currency())) {
                    throw new IllegalArgumentException("at most one per-session fee per currency, "
                            + money.currency().getCurrencyCode() + " is there twice");
                }
            }
            percent = percent == null ? null : Decimals.plain(percent);
            perSession = perSession.stream().map(Decimals::plain).toList();
        }
    }

    /**
     * Service levels: the CPO delivers a session's CDR within {@code cdrWithinHours}; the eMSP answers a
     * real-time authorization within {@code authorizationAnswerWithinMs}.
     */
    public record Sla(int cdrWithinHours, int authorizationAnswerWithinMs) {

        public static final int DEFAULT_CDR_WITHIN_HOURS = 48;
        public static final int DEFAULT_AUTHORIZATION_ANSWER_WITHIN_MS = 5000;

        public static Sla defaults() {
            return new Sla(DEFAULT_CDR_WITHIN_HOURS, DEFAULT_AUTHORIZATION_ANSWER_WITHIN_MS);
        }
    }
}
