package io.chargeclear.rating.domain;

import static io.chargeclear.rating.domain.TestSession.BERLIN;
import static io.chargeclear.rating.domain.TestSession.assertCost;
import static io.chargeclear.rating.domain.TestSession.energy;
import static io.chargeclear.rating.domain.TestSession.maxPower;
import static io.chargeclear.rating.domain.TestSession.minPower;
import static io.chargeclear.rating.domain.TestSession.parking;
import static io.chargeclear.rating.domain.TestSession.reservation;
import static io.chargeclear.rating.domain.TestSession.startingAt;
import static io.chargeclear.rating.domain.TestSession.tariff;
import static io.chargeclear.rating.domain.TestSession.tariffJson;
import static io.chargeclear.rating.domain.TestSession.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test group per decision of docs/adr/0004-tariff-engine-decisions.md, plus the restriction semantics. */
class TariffEngineDecisionsTest {

    private static final String HEAD = "{'country_code':'DE','party_id':'CCL','id':'t','currency':'EUR',"
            + "'last_updated':'2024-01-01T00:00:00Z',";

    @Test
    void d1_onlyTheFirstMatchingEnergyComponentApplies_andTimeIsPricedIndependently() {
        // ocpi/ocpi#496: Monday 12:00-13:00, 10 kWh -> ENERGY 10 x 30 = 300 (element 0, not element 1).
        // The TIME component of element 2 is the first TIME match, so 1 h x 10 = 10 is charged too.
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':30,'step_size':1}],'restrictions':{'day_of_week':['MONDAY']}},"
                + "{'price_components':[{'type':'ENERGY','price':20,'step_size':1}],'restrictions':{'start_time':'12:00','end_time':'13:00'}},"
                + "{'price_components':[{'type':'TIME','price':10,'step_size':1}],'restrictions':{'start_time':'12:00','end_time':'13:00'}}]}");
        CostBreakdown cost = startingAt("2024-01-15T12:00", BERLIN).period(60, energy("10"), time("1")).rateWith(tariff);
        assertCost(cost.energy(), "300", "300");
        assertCost(cost.time(), "10", "10");
    }

    @Test
    void d1_aDimensionWithoutMatchingElementCostsNothing() {
        Tariff tariff = tariffJson(HEAD + "'elements':[{'price_components':[{'type':'ENERGY','price':0.30,'step_size':1}],"
                + "'restrictions':{'day_of_week':['SATURDAY','SUNDAY']}}]}");
        CostBreakdown cost = startingAt("2024-01-15T12:00", BERLIN).period(60, energy("10"), time("1")).rateWith(tariff);
        assertCost(cost.total(), "0", "0");
    }

    @Test
    void d2_aFlatIsChargedOnlyForTheFirstElementThatBringsOne() {
        // 16:30-17:00 element 0 (FLAT 1.00, TIME 1.00/h); 17:00-17:30 element 1 (FLAT 5.00, TIME 2.00/h).
        // FLAT 1.00 once; TIME 0.5 + 1.0 = 1.50.
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'FLAT','price':1,'step_size':1},{'type':'TIME','price':1,'step_size':1}],"
                + "'restrictions':{'end_time':'17:00'}},"
                + "{'price_components':[{'type':'FLAT','price':5,'step_size':1},{'type':'TIME','price':2,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T16:30", BERLIN)
                .period(30, time("0.5")).period(30, time("0.5")).rateWith(tariff);
        assertCost(cost.fixed(), "1", "1");
        assertCost(cost.time(), "1.5", "1.5");
    }

    @Test
    void d2_reservationFlatAndSessionFlatAreBothCharged() {
        CostBreakdown cost = startingAt("2024-01-15T09:48", BERLIN)
                .period(12, reservation("0.2")).period(60, energy("20"), time("1"))
                .rateWith(tariff("ocpi-examples/tariff_16_reservation_2_euro_fee_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "3.25", "3.90");
        assertCost(cost.fixed(), "0.50", "0.60");
    }

    @Test
    void d3_aFlatInAParkingOnlyElementIsAParkingCost() {
        // Charging 1 h (10 kWh x 0.25 = 2.50), then parking from 3600 s: FLAT 1.50 + 0.5 h x 2.00 = 2.50 parking.
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':0.25,'step_size':1}]},"
                + "{'price_components':[{'type':'FLAT','price':1.50,'step_size':1},{'type':'PARKING_TIME','price':2,'step_size':1}],"
                + "'restrictions':{'min_duration':3600}}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(60, energy("10"), time("1")).period(30, parking("0.5")).rateWith(tariff);
        assertCost(cost.fixed(), "0", "0");
        assertCost(cost.energy(), "2.50", "2.50");
        assertCost(cost.parking(), "2.50", "2.50");
    }

    @Test
    void d4_subtotalsStayUncappedAndTheAdjustmentIsExplicit() {
        CostBreakdown cost = startingAt("2019-05-20T08:00", BERLIN).period(90, energy("50"), time("1.5"))
                .rateWith(tariff("ocpi-examples/tariff_6_025kwh_start_max_price.json"));
        assertCost(cost.energy(), "12.50", "13.75");
        assertCost(cost.total(), "10.00", "11.00");
        assertThat(cost.subtotalSum().plus(cost.priceBoundAdjustment()).isSameAs(cost.total())).isTrue();
    }

    @Test
    void d4_aBoundWithoutInclVatMovesTheInclTotalByTheSameAmount() {
        // 20 kWh x 0.30 @20 % = 6.00 / 7.20; max_price excl 5.00 only -> 5.00 / 6.20.
        Tariff tariff = tariffJson(HEAD + "'max_price':{'excl_vat':5.00},"
                + "'elements':[{'price_components':[{'type':'ENERGY','price':0.30,'vat':20,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(60, energy("20"), time("1")).rateWith(tariff);
        assertCost(cost.total(), "5.00", "6.20");
        assertCost(cost.priceBoundAdjustment(), "-1.00", "-1.00");
    }

    @Test
    void d4_exclAndInclBoundsAreCheckedIndependently() {
        // 1.9 kWh x 0.25 @10 % = 0.475 / 0.5225; min 0.45 excl (not reached) / 0.55 incl (reached) -> 0.475 / 0.55.
        Tariff tariff = tariffJson(HEAD + "'min_price':{'excl_vat':0.45,'incl_vat':0.55},"
                + "'elements':[{'price_components':[{'type':'ENERGY','price':0.25,'vat':10,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(20, energy("1.9"), time("0.3333")).rateWith(tariff);
        assertCost(cost.total(), "0.475", "0.55");
    }

    @Test
    void d5_onlyVolumeBilledAtAPositivePriceIsRounded() {
        // Parking free for the first 54 min, then 2.00/h with step 900 s. Paid parking 0.1 h = 360 s -> 900 s
        // = 0.25 h -> 0.50. (Rounding all 1.0 h of parking would have given 0.20.)
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'PARKING_TIME','price':0,'step_size':60}],'restrictions':{'max_duration':3240}},"
                + "{'price_components':[{'type':'PARKING_TIME','price':2,'step_size':900}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(54, parking("0.9")).period(6, parking("0.1")).rateWith(tariff);
        assertCost(cost.parking(), "0.50", "0.50");
    }

    @Test
    void d5_stepSizeZeroMeansNoRounding() {
        Tariff tariff = tariffJson(HEAD + "'elements':[{'price_components':[{'type':'TIME','price':6,'step_size':0}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(1, time("0.0167")).rateWith(tariff);
        assertCost(cost.time(), "0.1002", "0.1002");
    }

    @Test
    void d5_reservationTimeIsRoundedOnItsOwn() {
        // Reservation 0.2 h -> 0.25 h (step 300 s) although the session's energy step is 1 Wh.
        CostBreakdown cost = startingAt("2024-01-15T09:48", BERLIN)
                .period(12, reservation("0.2")).period(60, energy("20"), time("1"))
                .rateWith(tariff("ocpi-examples/tariff_16_reservation_2_euro_fee_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "3.25", "3.90");
    }

    @Test
    void d5_aSecondThatDoesNotDivideAnHourStaysWithinTheDocumentedScale() {
        // 1 s of TIME at 3600/h, step 1 s: 1/3600 h is carried at 20 decimals, cost 1.00 after rounding.
        Tariff tariff = tariffJson(HEAD + "'elements':[{'price_components':[{'type':'TIME','price':3600,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(1, time("0.0002777")).rateWith(tariff);
        assertThat(cost.time().exclVat().amount()).isBetween(new BigDecimal("1.0000"),
                new BigDecimal("1.0000000000000001"));
        assertCost(cost.roundedTotal(), "1.00", "1.00");
    }

    @Test
    void d6_durationCountsFromTheFirstChargingPeriodWhenAReservationPreceded() {
        // Reservation 30 min (free: no reservation element), then charging. First 30 min of the session free.
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':0,'step_size':1}],'restrictions':{'max_duration':1800}},"
                + "{'price_components':[{'type':'ENERGY','price':0.30,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T09:30", BERLIN)
                .period(30, reservation("0.5"))
                .period(30, energy("5"), time("0.5"))
                .period(30, energy("5"), time("0.5"))
                .rateWith(tariff);
        assertCost(cost.energy(), "1.50", "1.50");
    }

    @Test
    void d6_durationIsWallClockIncludingParking() {
        // Parking from 0 s is free under max_duration 1800; the second parking period starts at 1800 s: 3.00/h.
        Tariff tariff = tariff("tariff-vectors/tandemdrive-ocpi-tariffs/grace_period_parking_time/tariff.json");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(30, parking("0.5")).period(15, parking("0.25")).rateWith(tariff);
        assertCost(cost.parking(), "0.75", "0.75");
    }

    @Test
    void d7_maxPowerIsComparedWithThePeriodsMaximum() {
        // MIN_POWER 10, MAX_POWER 20: max_power 16 does not hold (20 >= 16); max_power 32 does -> 0.35.
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(60, energy("10"), time("1"), minPower("10"), maxPower("20")).rateWith(tariff("ocpi-examples/tariffrestriction_example_max_power.json"));
        assertCost(cost.energy(), "3.50", "4.20");
    }

    @Test
    void d7_aPeriodWithoutMeasurementCannotContradictTheRestriction() {
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(60, energy("10"), time("1"))
                .rateWith(tariff("ocpi-examples/tariffrestriction_example_max_power.json"));
        assertCost(cost.energy(), "2.00", "2.40");
    }

    @ParameterizedTest(name = "{0} local -> {1}/kWh")
    @CsvSource({"21:59,2", "22:00,1", "23:59,1", "00:00,1", "05:59,1", "06:00,2", "12:00,2"})
    void d8_aWindowEndingBeforeItStartsWrapsPastMidnight(String localTime, String price) {
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':1,'step_size':1}],'restrictions':{'start_time':'22:00','end_time':'06:00'}},"
                + "{'price_components':[{'type':'ENERGY','price':2,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T" + localTime, BERLIN).period(1, energy("1")).rateWith(tariff);
        assertCost(cost.energy(), price, price);
    }

    @ParameterizedTest(name = "{0} local -> {1}/kWh")
    @CsvSource({"19:59,2", "20:00,1", "23:59,1", "00:00,2"})
    void d8_endTimeMidnightMeansEndOfDay(String localTime, String price) {
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':1,'step_size':1}],'restrictions':{'start_time':'20:00','end_time':'00:00'}},"
                + "{'price_components':[{'type':'ENERGY','price':2,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T" + localTime, BERLIN).period(1, energy("1")).rateWith(tariff);
        assertCost(cost.energy(), price, price);
    }

    @Test
    void d8_equalStartAndEndMeansTheWholeDay() {
        Tariff tariff = tariffJson(HEAD + "'elements':[{'price_components':[{'type':'ENERGY','price':1,'step_size':1}],"
                + "'restrictions':{'start_time':'08:00','end_time':'08:00'}}]}");
        CostBreakdown cost = startingAt("2024-01-15T03:00", BERLIN).period(1, energy("1")).rateWith(tariff);
        assertCost(cost.energy(), "1", "1");
    }

    @Test
    void d8_weekdayAndTimeAreTheLocationsLocalOnes() {
        // 2024-01-14T23:30Z is Sunday in UTC but Monday 00:30 in Berlin.
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':1,'step_size':1}],'restrictions':{'day_of_week':['MONDAY']}},"
                + "{'price_components':[{'type':'ENERGY','price':2,'step_size':1}]}]}");
        assertCost(startingAt("2024-01-15T00:30", BERLIN).period(1, energy("1")).rateWith(tariff).energy(), "1", "1");
        assertCost(startingAt("2024-01-14T23:30", ZoneOffset.UTC).period(1, energy("1")).rateWith(tariff).energy(), "2", "2");
    }

    @ParameterizedTest(name = "{0} -> {1}/kWh")
    @CsvSource({"2024-02-29,2", "2024-03-01,1", "2024-03-31,1", "2024-04-01,2"})
    void d8_startDateIsInclusiveAndEndDateExclusive(String localDate, String price) {
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'ENERGY','price':1,'step_size':1}],'restrictions':{'start_date':'2024-03-01','end_date':'2024-04-01'}},"
                + "{'price_components':[{'type':'ENERGY','price':2,'step_size':1}]}]}");
        CostBreakdown cost = startingAt(localDate + "T12:00", BERLIN).period(1, energy("1")).rateWith(tariff);
        assertCost(cost.energy(), price, price);
    }

    @Test
    void d8_kwhBoundsUseTheEnergyConsumedBeforeThePeriod() {
        // first_hour_kwh_free: ENERGY free below 1 kWh (max_kwh exclusive), 0.20 from 1 kWh (min_kwh inclusive).
        Tariff tariff = tariff("tariff-vectors/tandemdrive-ocpi-tariffs/first_hour_kwh_free/tariff.json");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(10, energy("1"), time("0.1667")).period(50, energy("9"), time("0.8333")).rateWith(tariff);
        assertCost(cost.energy(), "1.80", "1.80");
    }

    @Test
    void d9_periodsArePricedInTimeOrderWhateverTheirListOrder() {
        Tariff tariff = tariff("ocpi-examples/tariffrestriction_example_max_duration.json");
        RatingInput ordered = startingAt("2024-01-15T10:00", BERLIN)
                .period(30, energy("5")).period(30, energy("6")).period(30, energy("4")).input(tariff);
        List<ChargingPeriod> shuffled = new ArrayList<>(ordered.chargingPeriods());
        Collections.reverse(shuffled);
        RatingInput reversed = new RatingInput(tariff, shuffled, ordered.sessionStart(), ordered.sessionEnd(), BERLIN);
        assertThat(TestSession.ENGINE.rate(reversed).total().isSameAs(TestSession.ENGINE.rate(ordered).total())).isTrue();
    }

    @Test
    void d9_negativeVolumesAreRejected() {
        RatingInput input = startingAt("2024-01-15T10:00", BERLIN).period(30, energy("-2"))
                .input(tariff("ocpi-examples/tariff_8_simple_025kwh.json"));
        assertThatIllegalArgumentException().isThrownBy(() -> TestSession.ENGINE.rate(input)).withMessageContaining("negative");
    }

    @Test
    void d9_aPeriodMixingReservationAndChargingIsRejected() {
        RatingInput input = startingAt("2024-01-15T10:00", BERLIN).period(30, reservation("0.5"), energy("2"))
                .input(tariff("ocpi-examples/tariff_15_reservation_5_euro_per_hour.json"));
        assertThatIllegalArgumentException().isThrownBy(() -> TestSession.ENGINE.rate(input)).withMessageContaining("mixes");
    }

    @Test
    void d9_volumesComeFromDimensionsNotFromTimestamps() {
        // A 2-minute period that reports 0.0834 h of TIME is billed for 0.0834 h.
        Tariff tariff = tariffJson(HEAD + "'elements':[{'price_components':[{'type':'TIME','price':1,'step_size':0}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(2, time("0.0834")).rateWith(tariff);
        assertCost(cost.time(), "0.0834", "0.0834");
        assertThat(cost.volumes().totalTimeHours()).isEqualByComparingTo("0.03333333333333333333");
    }

    @Test
    void d10_expiryElementsWinWhateverTheirPositionInTheList() {
        Tariff tariff = tariffJson(HEAD + "'elements':["
                + "{'price_components':[{'type':'TIME','price':3,'step_size':1}],'restrictions':{'reservation':'RESERVATION'}},"
                + "{'price_components':[{'type':'TIME','price':6,'step_size':1}],'restrictions':{'reservation':'RESERVATION_EXPIRES'}},"
                + "{'price_components':[{'type':'ENERGY','price':0.25,'step_size':1}]}]}");
        assertCost(startingAt("2024-01-15T10:00", BERLIN).period(30, reservation("0.5")).rateWith(tariff).reservation(),
                "3", "3");
        assertCost(startingAt("2024-01-15T10:00", BERLIN).period(30, reservation("0.5"))
                .period(60, energy("4"), time("1")).rateWith(tariff).reservation(), "1.5", "1.5");
    }

    @Test
    void d10_reservationElementsNeverPriceTheSession() {
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN).period(60, energy("20"), time("1"))
                .rateWith(tariff("ocpi-examples/tariff_15_reservation_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "0", "0");
        assertCost(cost.time(), "0", "0");
    }

    @Test
    void d11_onlyTheTotalIsRoundedHalfUpToMinorUnits() {
        CostBreakdown cost = startingAt("2024-06-15T09:30", BERLIN)
                .period(45, energy("8"), time("0.75"), TestSession.minCurrent("30"), TestSession.maxCurrent("30"))
                .period(30, energy("11"), time("0.5"), TestSession.minCurrent("48"), TestSession.maxCurrent("48"))
                .period(42, parking("0.7"))
                .rateWith(tariff("ocpi-examples/tariff_4_complex.json"));
        assertCost(cost.fixed(), "2.50", "2.875");
        assertCost(cost.total(), "8.375", "9.475");
        assertCost(cost.roundedTotal(), "8.38", "9.48");
    }

    @Test
    void d11_currenciesWithoutMinorUnitsRoundToWholeUnits() {
        Tariff tariff = tariffJson("{'country_code':'JP','party_id':'CCL','id':'t','currency':'JPY',"
                + "'last_updated':'2024-01-01T00:00:00Z','elements':[{'price_components':[{'type':'ENERGY','price':38.5,'step_size':1}]}]}");
        CostBreakdown cost = startingAt("2024-01-15T10:00", ZoneOffset.ofHours(9)).period(60, energy("10.1")).rateWith(tariff);
        assertCost(cost.total(), "388.85", "388.85");
        assertCost(cost.roundedTotal(), "389", "389");
    }
}
