package io.chargeclear.tracking.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A CDR is compared with the session's final update on what both state, within the tolerances. */
class TotalsTest {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    @Test
    void totalsWithinTheTolerancesAgree() {
        assertThat(Totals.disagreement(d("11"), "EUR", d("3.30"), d("11.005"), "EUR", d("3.31"), TOLERANCE, TOLERANCE))
                .isEmpty();
    }

    @Test
    void energyBeyondTheToleranceDisagreesAndNamesBothFigures() {
        assertThat(Totals.disagreement(d("11"), "EUR", null, d("11.02"), "EUR", d("3.30"), TOLERANCE, TOLERANCE))
                .hasValueSatisfying(s -> assertThat(s).contains("11.02 kWh", "kwh 11"));
    }

    @Test
    void costBeyondTheToleranceDisagrees() {
        assertThat(Totals.disagreement(null, "EUR", d("3.30"), d("11"), "EUR", d("3.32"), TOLERANCE, TOLERANCE))
                .hasValueSatisfying(s -> assertThat(s).contains("3.32", "3.3"));
    }

    @Test
    void anotherCurrencyDisagreesWhateverTheAmounts() {
        assertThat(Totals.disagreement(d("11"), "EUR", d("3.30"), d("11"), "GBP", d("3.30"), TOLERANCE, TOLERANCE))
                .hasValueSatisfying(s -> assertThat(s).contains("GBP", "EUR"));
    }

    @Test
    void whatTheSessionDidNotStateIsNotCompared() {
        assertThat(Totals.disagreement(null, null, null, d("99"), "EUR", d("99"), TOLERANCE, TOLERANCE)).isEmpty();
    }

    @Test
    void everyDisagreementIsNamed() {
        assertThat(Totals.disagreement(d("11"), "EUR", d("3.30"), d("12"), "EUR", d("4"), TOLERANCE, TOLERANCE))
                .hasValueSatisfying(s -> assertThat(s).contains("kWh", "; ", "total_cost"));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
