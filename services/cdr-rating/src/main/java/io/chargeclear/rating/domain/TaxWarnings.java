package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.cdrs.CDR;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What looks wrong in a CDR's currency or a CPO's tax lines but is the CPO's to say (docs/adr/0026-taxes-in-rating.md,
 * "Warnings"): sentences for the rating's {@code details}, never a flag and never a change to the CPO's amounts.
 * <ul>
 * <li>A CDR at a location in Canada or the United States in another currency than that country's, or in CAD or USD at
 * a location elsewhere: roaming across that border is rare enough that a mix-up is the likelier reading.</li>
 * <li>A CPO's tax line whose amount is not its percentage of the total before taxes, within the cost tolerance: the
 * line is kept as sent, since taxes may apply to part of the session only, but an operator should see it.</li>
 * </ul>
 */
public final class TaxWarnings {

    /** The countries (ISO 3166-1 alpha-3, as {@code CdrLocation.country}) whose currency a CDR is checked against. */
    private static final Map<String, String> CURRENCY_OF_COUNTRY = Map.of("CAN", "CAD", "USA", "USD");
    private static final BigDecimal ONE_HUNDRED = BigDecimal.valueOf(100);

    private TaxWarnings() {
    }

    /**
     * @param cpoTaxes  the tax lines of an OCPI 2.3.0 CDR's {@code total_cost}; null when it has none
     * @param tolerance how far (in currency units) an amount may be from its percentage of the base
     */
    public static List<String> of(CDR cdr, List<TaxLine> cpoTaxes, BigDecimal tolerance) {
        List<String> warnings = new ArrayList<>();
        String country = cdr.cdrLocation() == null ? null : cdr.cdrLocation().country();
        String currency = cdr.currency();
        String countrysCurrency = CURRENCY_OF_COUNTRY.get(country);
        String home = CURRENCY_OF_COUNTRY.entrySet().stream().filter(e -> e.getValue().equals(currency))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (countrysCurrency != null && !countrysCurrency.equals(currency)) {
            warnings.add("warning: the CDR is in " + currency + " at a location in " + country + ", where sessions are"
                    + " normally in " + countrysCurrency + " (the CPO's amounts are kept as sent)");
        } else if (home != null && !home.equals(country)) {
            warnings.add("warning: the CDR is in " + currency + ", the currency of " + home + ", at a location in "
                    + country + " (the CPO's amounts are kept as sent)");
        }
        BigDecimal base = cdr.totalCost() == null ? null : cdr.totalCost().exclVat();
        if (cpoTaxes != null && base != null) {
            for (TaxLine line : cpoTaxes) {
                if (line.percentage() == null) {
                    continue;
                }
                BigDecimal expected = base.multiply(line.percentage()).divide(ONE_HUNDRED);
                if (line.amount().amount().subtract(expected).abs().compareTo(tolerance) > 0) {
                    warnings.add("warning: the CPO's " + line.name() + " of " + line.amount().amount().toPlainString()
                            + " is not " + line.percentage().stripTrailingZeros().toPlainString() + " % of "
                            + base.toPlainString() + " before taxes (" + expected.stripTrailingZeros().toPlainString()
                            + "); the line is kept as sent");
                }
            }
        }
        return warnings;
    }
}
