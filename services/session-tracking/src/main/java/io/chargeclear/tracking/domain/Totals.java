package io.chargeclear.tracking.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a CDR's totals with the session's final update (OCPI 2.2.1 §sessions: {@code kwh}, {@code total_cost};
 * §cdrs: {@code total_energy}, {@code total_cost}). What the session did not state is not compared.
 */
public final class Totals {

    private Totals() {
    }

    /** @return one sentence naming every disagreement, or empty when they agree within the tolerances */
    public static Optional<String> disagreement(BigDecimal sessionKwh, String sessionCurrency, BigDecimal sessionCost,
                                                BigDecimal cdrEnergy, String cdrCurrency, BigDecimal cdrCost,
                                                BigDecimal energyTolerance, BigDecimal costTolerance) {
        List<String> found = new ArrayList<>();
        if (sessionKwh != null && cdrEnergy != null
                && sessionKwh.subtract(cdrEnergy).abs().compareTo(energyTolerance) > 0) {
            found.add("the CDR's total_energy " + cdrEnergy.stripTrailingZeros().toPlainString()
                    + " kWh differs from the session's kwh " + sessionKwh.stripTrailingZeros().toPlainString());
        }
        if (sessionCurrency != null && cdrCurrency != null && !sessionCurrency.equals(cdrCurrency)) {
            found.add("the CDR is in " + cdrCurrency + ", the session in " + sessionCurrency);
        } else if (sessionCost != null && cdrCost != null
                && sessionCost.subtract(cdrCost).abs().compareTo(costTolerance) > 0) {
            found.add("the CDR's total_cost " + cdrCost.stripTrailingZeros().toPlainString()
                    + " excl. VAT differs from the session's " + sessionCost.stripTrailingZeros().toPlainString());
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
    }
}
