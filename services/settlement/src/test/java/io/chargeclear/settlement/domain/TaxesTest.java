package io.chargeclear.settlement.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxesTest {

    @Test
    void aRatingWithItsLinesStandsForExactlyThoseEvenWhenThereAreNone() {
        List<Taxes.Line> carried = List.of(line("GST", "5", "0.50"), line("QST", "9.975", "1.00"));
        assertThat(Taxes.ofRating(carried, dec("10.00"), dec("11.50"))).isEqualTo(carried);
        assertThat(Taxes.ofRating(List.of(), dec("10.00"), dec("10.00"))).isEmpty();
    }

    @Test
    void aRatingWrittenBeforeTaxLinesStandsForOneVatLineOfInclMinusExclAndNoneWhenThatIsZero() {
        assertThat(Taxes.ofRating(null, dec("3.30"), dec("3.99"))).containsExactly(new Taxes.Line("VAT", null,
                dec("0.69")));
        assertThat(Taxes.ofRating(null, dec("-3.30"), dec("-3.99"))).as("a credit CDR's, negative")
                .containsExactly(new Taxes.Line("VAT", null, dec("-0.69")));
        assertThat(Taxes.ofRating(null, dec("2.00"), dec("2.0"))).isEmpty();
        assertThat(Taxes.ofRating(null, dec("2.00"), null)).isEmpty();
    }

    @Test
    void aStatementSumsPerNameAndPercentageAndNeverMergesTwoNames() {
        List<Taxes.Total> totals = Taxes.totals(List.of(line("QST", "9.975", "1.00"), line("GST", "5", "0.50"),
                line("GST", "5.0", "1.00"), line("QST", "9.975", "2.00"), line("GST", "13", "1.30"),
                line("GST", null, "0.10")), "CAD");
        assertThat(totals).containsExactly(new Taxes.Total("GST", null, 10), new Taxes.Total("GST", dec("5"), 150),
                new Taxes.Total("GST", dec("13"), 130), new Taxes.Total("QST", dec("9.975"), 300));
    }

    @Test
    void eachStatementLineIsRoundedOnceHalfUpFromTheExactSum() {
        // 0.004 + 0.004 = 0.008 -> 0.01 (rounding each line first would give 0.00)
        assertThat(Taxes.totals(List.of(line("VAT", "21", "0.004"), line("VAT", "21", "0.004")), "EUR"))
                .containsExactly(new Taxes.Total("VAT", dec("21"), 1));
        assertThat(Taxes.totals(List.of(line("VAT", "21", "0.005")), "EUR")).as("HALF_UP")
                .containsExactly(new Taxes.Total("VAT", dec("21"), 1));
        assertThat(Taxes.totals(List.of(line("CT", "10", "5")), "JPY")).as("minor units of the currency")
                .containsExactly(new Taxes.Total("CT", dec("10"), 5));
    }

    @Test
    void aTaxThatCancelsOutStaysOnTheStatementAtZero() {
        List<Taxes.Line> booked = List.of(line("VAT", null, "1.50"));
        List<Taxes.Line> lines = new java.util.ArrayList<>(booked);
        lines.addAll(Taxes.negated(booked));
        assertThat(Taxes.totals(lines, "EUR")).containsExactly(new Taxes.Total("VAT", null, 0));
    }

    @Test
    void linesAreTheSameWhateverTheirTrailingZerosButNotInAnotherOrderOrRate() {
        List<Taxes.Line> a = List.of(line("GST", "5", "0.50"), line("QST", "9.975", "1.00"));
        assertThat(Taxes.same(a, List.of(line("GST", "5.00", "0.5"), line("QST", "9.9750", "1.000")))).isTrue();
        assertThat(Taxes.same(a, List.of(line("QST", "9.975", "1.00"), line("GST", "5", "0.50")))).isFalse();
        assertThat(Taxes.same(a, List.of(line("GST", null, "0.50"), line("QST", "9.975", "1.00")))).isFalse();
        assertThat(Taxes.same(a, List.of(line("VAT", null, "1.50")))).isFalse();
        assertThat(Taxes.same(List.of(), List.of())).isTrue();
    }

    @Test
    void aLineNeedsANameAndAnAmount() {
        assertThatThrownBy(() -> line(" ", "5", "0.50")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Taxes.Line("GST", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nettingGivesEachCurrencysStatementItsOwnTaxes() {
        Netting.Result result = Netting.settle(List.of(
                item("CAD", 1150, List.of(line("GST", "5", "0.50"), line("QST", "9.975", "1.00"))),
                item("CAD", 2300, List.of(line("GST", "5", "1.00"), line("QST", "9.975", "2.00"))),
                item("USD", 868, List.of(line("State sales tax", "4", "0.32"), line("Local sales tax", null, "0.36"))),
                item("EUR", 399, List.of(line("VAT", "21", "0.69")))));
        assertThat(result.statements()).extracting(Netting.Statement::currency, Netting.Statement::taxes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CAD", List.of(new Taxes.Total("GST", dec("5"), 150),
                                new Taxes.Total("QST", dec("9.975"), 300))),
                        org.assertj.core.groups.Tuple.tuple("EUR", List.of(new Taxes.Total("VAT", dec("21"), 69))),
                        org.assertj.core.groups.Tuple.tuple("USD", List.of(new Taxes.Total("Local sales tax", null, 36),
                                new Taxes.Total("State sales tax", dec("4"), 32))));
        assertThat(result.netPositions()).filteredOn(p -> p.party().equals("CA*MSP"))
                .extracting(Netting.NetPosition::currency, Netting.NetPosition::net)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CAD", -3450L),
                        org.assertj.core.groups.Tuple.tuple("EUR", -399L),
                        org.assertj.core.groups.Tuple.tuple("USD", -868L));
    }

    private static Netting.Item item(String currency, long payable, List<Taxes.Line> taxes) {
        return new Netting.Item(UUID.randomUUID(), "CDR-" + UUID.randomUUID(), "CA*CP1", "CA*MSP", currency, payable,
                payable - 10, 10, BigDecimal.TEN, false, taxes);
    }

    private static Taxes.Line line(String name, String percentage, String amount) {
        return new Taxes.Line(name, percentage == null ? null : dec(percentage), dec(amount));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
