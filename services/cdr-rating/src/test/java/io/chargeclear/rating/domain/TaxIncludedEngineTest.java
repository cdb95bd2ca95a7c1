package io.chargeclear.rating.domain;

import static io.chargeclear.rating.domain.TestSession.ENGINE;
import static io.chargeclear.rating.domain.TestSession.assertCost;
import static io.chargeclear.rating.domain.TestSession.energy;
import static io.chargeclear.rating.domain.TestSession.startingAt;
import static io.chargeclear.rating.domain.TestSession.tariff;
import static io.chargeclear.rating.domain.TestSession.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.model.ocpi.tariffs.Tariff;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The engine under OCPI 2.3.0 {@code tax_included} (docs/adr/0026-taxes-in-rating.md), with the official North
 * American examples ({@code ocpi-examples-2.3.0/}) and a 2.2.1 example read as each mode. "excl / incl" is before /
 * after taxes.
 */
class TaxIncludedEngineTest {

    private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

    private static CostBreakdown rate(Tariff tariff, TaxIncluded taxIncluded, String hours) {
        RatingInput session = startingAt("2026-03-01T10:00", MONTREAL).period(90, energy("11"), time(hours))
                .input(tariff);
        return ENGINE.rate(new RatingInput(session.tariff(), session.chargingPeriods(), session.sessionStart(),
                session.sessionEnd(), session.timeZone(), taxIncluded));
    }

    @Test
    void tariff19ExclusiveWithoutVatKnowsOnlyThePriceBeforeTaxes() {
        // TIME 2.00 CAD/h before taxes, no vat: 1.5 h = 3.00; the taxes are the CDR's to say
        CostBreakdown cost = rate(tariff("ocpi-examples-2.3.0/tariff_19_simple_north_american_exclusive.json"),
                TaxIncluded.NO, "1.5");
        assertCost(cost.roundedTotal(), "3.00", "3.00");
        assertThat(cost.taxes()).isEmpty();
        assertThat(cost.taxBasis()).isEqualTo(CostBreakdown.TaxBasis.BEFORE_TAXES_ONLY);
    }

    @Test
    void tariff20InclusiveWithoutVatKnowsOnlyThePriceAfterTaxes() {
        // TIME 2.10 CAD/h including taxes, no vat: 1.5 h = 3.15 after taxes, split unknown
        CostBreakdown cost = rate(tariff("ocpi-examples-2.3.0/tariff_20_simple_north_american_inclusive.json"),
                TaxIncluded.YES, "1.5");
        assertCost(cost.roundedTotal(), "3.15", "3.15");
        assertThat(cost.taxes()).isEmpty();
        assertThat(cost.taxBasis()).isEqualTo(CostBreakdown.TaxBasis.AFTER_TAXES_ONLY);
    }

    @Test
    void anInclusivePriceWithVatIsDividedByOnePlusTheRate() {
        // tariff 1: TIME 2.00/h, vat 10 %, step 60 s; 1.45 h = 2.90 after taxes = 2.6363636364 + 0.2636363636
        CostBreakdown cost = rate(tariff("ocpi-examples/tariff_1_simple_2hour.json"), TaxIncluded.YES, "1.45");
        assertCost(cost.total(), "2.6363636364", "2.90");
        assertCost(cost.roundedTotal(), "2.64", "2.90");
        assertThat(cost.taxes()).singleElement().satisfies(line -> {
            assertThat(line.name()).isEqualTo("VAT");
            assertThat(line.percentage()).isEqualByComparingTo("10");
            assertThat(line.amount().amount()).isEqualByComparingTo("0.2636363636");
        });
        assertThat(cost.taxBasis()).isEqualTo(CostBreakdown.TaxBasis.COMPLETE);
    }

    @Test
    void notApplicableIgnoresTheVat() {
        CostBreakdown cost = rate(tariff("ocpi-examples/tariff_1_simple_2hour.json"), TaxIncluded.NOT_APPLICABLE,
                "1.45");
        assertCost(cost.roundedTotal(), "2.90", "2.90");
        assertThat(cost.taxes()).isEmpty();
        assertThat(cost.taxBasis()).isEqualTo(CostBreakdown.TaxBasis.COMPLETE);
    }

    @Test
    void exclusiveWithVatAndTwoTwoOneRateAlikeWithOneVatLine() {
        Tariff tariff1 = tariff("ocpi-examples/tariff_1_simple_2hour.json");
        CostBreakdown asNo = rate(tariff1, TaxIncluded.NO, "1.45");
        CostBreakdown as221 = rate(tariff1, null, "1.45");
        // 2.90 before taxes, VAT 10 % 0.29, 3.19 after: as the 2.2.1 example has always rated
        assertCost(as221.roundedTotal(), "2.90", "3.19");
        assertThat(asNo.roundedTotal().isSameAs(as221.roundedTotal())).isTrue();
        assertThat(as221.taxes()).singleElement().satisfies(line ->
                assertThat(line.amount().amount()).isEqualByComparingTo("0.29"));
        assertThat(asNo.taxes()).isEqualTo(as221.taxes());
    }

    @Test
    void aTariffWithoutVatStaysCompleteUnderTwoTwoOneWhereNoVatMeansNoTax() {
        CostBreakdown cost = rate(tariff("ocpi-examples-2.3.0/tariff_19_simple_north_american_exclusive.json"),
                null, "1.5");
        assertThat(cost.taxBasis()).isEqualTo(CostBreakdown.TaxBasis.COMPLETE);
    }
}
