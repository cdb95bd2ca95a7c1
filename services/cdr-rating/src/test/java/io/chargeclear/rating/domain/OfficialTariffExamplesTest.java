package io.chargeclear.rating.domain;

import static io.chargeclear.rating.domain.TestSession.BERLIN;
import static io.chargeclear.rating.domain.TestSession.assertCost;
import static io.chargeclear.rating.domain.TestSession.energy;
import static io.chargeclear.rating.domain.TestSession.maxCurrent;
import static io.chargeclear.rating.domain.TestSession.maxPower;
import static io.chargeclear.rating.domain.TestSession.minCurrent;
import static io.chargeclear.rating.domain.TestSession.parking;
import static io.chargeclear.rating.domain.TestSession.reservation;
import static io.chargeclear.rating.domain.TestSession.startingAt;
import static io.chargeclear.rating.domain.TestSession.tariff;
import static io.chargeclear.rating.domain.TestSession.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tariff example published with OCPI 2.2.1-d2 (test resources {@code ocpi-examples/}, © EVRoaming Foundation,
 * CC BY-ND 4.0, unmodified), rated against realistic sessions at a German location (Europe/Berlin). Each expected
 * figure is worked out by hand in the comment above it; amounts are EUR, "excl / incl" VAT.
 */
class OfficialTariffExamplesTest {

    private static Tariff example(String file) {
        return tariff("ocpi-examples/" + file);
    }

    @Test
    void tariff1_simple2hour_roundsChargingTimeToWholeMinutes() {
        // TIME 2.00/h, VAT 10 %, step 60 s. Charging 1.4417 h = 5190.12 s -> 87 min = 1.45 h.
        // 1.45 x 2.00 = 2.90 excl; x 1.10 = 3.19 incl.
        CostBreakdown cost = startingAt("2024-01-15T09:00", BERLIN)
                .period(87, energy("22.5"), time("1.4417"))
                .rateWith(example("tariff_1_simple_2hour.json"));
        assertCost(cost.time(), "2.90", "3.19");
        assertCost(cost.roundedTotal(), "2.90", "3.19");
    }

    @Test
    void tariff2_altText_twoEuroPerHourIncludingVat() {
        // TIME 1.90/h, VAT 5.2 %, step 300 s. Charging 0.95 h = 57 min -> 60 min = 1 h.
        // 1.90 excl; 1.90 x 1.052 = 1.9988 incl -> rounded 2.00, as the alt text promises.
        CostBreakdown cost = startingAt("2024-01-15T18:00", BERLIN)
                .period(57, energy("10"), time("0.95"))
                .rateWith(example("tariff_2_alt_text.json"));
        assertCost(cost.total(), "1.90", "1.9988");
        assertCost(cost.roundedTotal(), "1.90", "2.00");
    }

    @Test
    void tariff3_altUrl_energyInStepsOf100Wh() {
        // FLAT 0.50 @20 % -> 0.50 / 0.60. ENERGY 0.25/kWh @10 %, step 100 Wh: 14.23 kWh -> 14.3 kWh.
        // 14.3 x 0.25 = 3.575 excl; x 1.10 = 3.9325 incl. Total 4.075 / 4.5325 -> 4.08 / 4.53.
        CostBreakdown cost = startingAt("2024-01-15T07:10", BERLIN)
                .period(95, energy("14.23"), time("1.5833"))
                .rateWith(example("tariff_3_alt_url.json"));
        assertCost(cost.fixed(), "0.50", "0.60");
        assertCost(cost.energy(), "3.575", "3.9325");
        assertCost(cost.roundedTotal(), "4.08", "4.53");
    }

    @Test
    void tariff4_complex_saturdayMorningWithCurrentSwitchAndParking() {
        // Saturday 2024-06-15, 09:30 local.
        // FLAT 2.50 @15 % -> 2.50 / 2.875 (element 0).
        // 09:30-10:15 charging at 30 A (< 32 A): element 1, TIME 1.00 @20 %: 0.75 h -> 0.75 / 0.90.
        // 10:15-10:45 charging at 48 A, Saturday: element 3, TIME 1.25 @20 %: 0.5 h -> 0.625 / 0.75.
        // 10:45-11:27 parking on Saturday 10-17: element 5, PARKING 6.00 @10 %, step 300 s:
        //   0.7 h = 2520 s -> 2700 s = 0.75 h -> 4.50 / 4.95. TIME is not rounded: parking came last.
        // Total 8.375 / 9.475 -> HALF_UP 8.38 / 9.48.
        CostBreakdown cost = startingAt("2024-06-15T09:30", BERLIN)
                .period(45, energy("8"), time("0.75"), minCurrent("30"), maxCurrent("30"))
                .period(30, energy("11"), time("0.5"), minCurrent("48"), maxCurrent("48"))
                .period(42, parking("0.7"))
                .rateWith(example("tariff_4_complex.json"));
        assertCost(cost.fixed(), "2.50", "2.875");
        assertCost(cost.time(), "1.375", "1.65");
        assertCost(cost.parking(), "4.50", "4.95");
        assertCost(cost.total(), "8.375", "9.475");
        assertCost(cost.roundedTotal(), "8.38", "9.48");
        assertThat(cost.appliedElements()).extracting(a -> a.elementIndexByDimension().get(TariffDimensionType.TIME))
                .containsExactly(1, 3, 1);
        assertThat(cost.appliedElements().get(2).elementIndexByDimension())
                .containsEntry(TariffDimensionType.PARKING_TIME, 5);
    }

    @Test
    void tariff4_complex_weekdayEveningParkingIsFreeSoChargingTimeIsRounded() {
        // Monday 2024-06-17. 17:33-18:00 charging at 48 A on a weekday: element 2, TIME 2.00 @20 %, step 600 s.
        // 18:00-18:30 parking: the weekday parking window 09:00-18:00 has ended, no PARKING_TIME element matches.
        // No paid time component at the end, so the charging time is rounded (ADR 0004, D5):
        //   0.45 h = 1620 s -> 1800 s = 0.5 h -> 1.00 / 1.20. FLAT 2.50 / 2.875. Total 3.50 / 4.075 -> 3.50 / 4.08.
        CostBreakdown cost = startingAt("2024-06-17T17:33", BERLIN)
                .period(27, energy("9"), time("0.45"), minCurrent("48"), maxCurrent("48"))
                .period(30, parking("0.5"))
                .rateWith(example("tariff_4_complex.json"));
        assertCost(cost.time(), "1.00", "1.20");
        assertCost(cost.parking(), "0", "0");
        assertCost(cost.roundedTotal(), "3.50", "4.08");
    }

    @Test
    void tariff5_freeOfCharge() {
        // FLAT 0.00 without VAT and step_size 0 (an official example defect, tolerated): everything is free.
        CostBreakdown cost = startingAt("2024-01-15T12:00", BERLIN)
                .period(120, energy("30"), time("2"))
                .rateWith(example("tariff_5_free_of_charge.json"));
        assertCost(cost.total(), "0", "0");
    }

    @Test
    void tariff6_maxPrice_capsFiftyKwhButNotThirty() {
        // FLAT 0.50 @20 % + ENERGY 0.25 @10 %, max_price 10.00 / 11.00 (spec example).
        // 50 kWh: 0.50 + 12.50 = 13.00 excl; 0.60 + 13.75 = 14.35 incl -> capped 10.00 / 11.00; adjustment -3.00 / -3.35.
        Tariff tariff = example("tariff_6_025kwh_start_max_price.json");
        CostBreakdown capped = startingAt("2019-05-20T08:00", BERLIN)
                .period(90, energy("50"), time("1.5"))
                .rateWith(tariff);
        assertCost(capped.subtotalSum(), "13.00", "14.35");
        assertCost(capped.priceBoundAdjustment(), "-3.00", "-3.35");
        assertCost(capped.roundedTotal(), "10.00", "11.00");
        // 30 kWh: 0.50 + 7.50 = 8.00 excl; 0.60 + 8.25 = 8.85 incl; below the maximum.
        CostBreakdown below = startingAt("2019-05-20T08:00", BERLIN)
                .period(60, energy("30"), time("1"))
                .rateWith(tariff);
        assertCost(below.roundedTotal(), "8.00", "8.85");
        assertCost(below.priceBoundAdjustment(), "0", "0");
    }

    @Test
    void tariff8_simple025kwh() {
        // ENERGY 0.25 @10 %, step 1 Wh: 24.567 kWh -> 6.14175 excl, 6.755925 incl -> 6.14 / 6.76.
        CostBreakdown cost = startingAt("2024-01-15T20:15", BERLIN)
                .period(140, energy("24.567"), time("2.3333"))
                .rateWith(example("tariff_8_simple_025kwh.json"));
        assertCost(cost.energy(), "6.14175", "6.755925");
        assertCost(cost.roundedTotal(), "6.14", "6.76");
    }

    @Test
    void tariff9_025kwhStart() {
        // FLAT 0.50 / 0.60 + 12.5 kWh x 0.25 = 3.125 / 3.4375. Total 3.625 / 4.0375 -> 3.63 / 4.04.
        CostBreakdown cost = startingAt("2024-01-15T13:00", BERLIN)
                .period(50, energy("12.5"), time("0.8333"))
                .rateWith(example("tariff_9_025kwh_start.json"));
        assertCost(cost.total(), "3.625", "4.0375");
        assertCost(cost.roundedTotal(), "3.63", "4.04");
    }

    @Test
    void tariff10_parkingAfterCharging() {
        // FLAT 0.50 / 0.60 (element also prices ENERGY, so it is the fixed fee). 18 kWh x 0.25 = 4.50 / 4.95.
        // Parking 2.00 @20 %, step 900 s: 0.4 h = 1440 s -> 1800 s = 0.5 h -> 1.00 / 1.20. Total 6.00 / 6.75.
        CostBreakdown cost = startingAt("2024-01-15T08:00", BERLIN)
                .period(90, energy("18"), time("1.5"))
                .period(24, parking("0.4"))
                .rateWith(example("tariff_10_025kwh_parking_start.json"));
        assertCost(cost.fixed(), "0.50", "0.60");
        assertCost(cost.energy(), "4.50", "4.95");
        assertCost(cost.parking(), "1.00", "1.20");
        assertCost(cost.roundedTotal(), "6.00", "6.75");
    }

    @Test
    void tariff11_adHocStartFeeAndTime() {
        // FLAT 0.40 @25 % = 0.40 / 0.50. TIME 1.90 @5.2 %, step 300 s: 1.2 h = 4320 s -> 4500 s = 1.25 h
        // -> 2.375 / 2.4985. Total 2.775 / 2.9985 -> 2.78 / 3.00.
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(72, energy("13"), time("1.2"))
                .rateWith(example("tariff_11_not_possible_alt_text.json"));
        assertCost(cost.fixed(), "0.40", "0.50");
        assertCost(cost.time(), "2.375", "2.4985");
        assertCost(cost.roundedTotal(), "2.78", "3.00");
    }

    @Test
    void tariff12_minPrice_liftsASmallSession() {
        // 1.6 kWh x 0.25 = 0.40 / 0.44, below min_price 0.50 / 0.55 -> 0.50 / 0.55 (adjustment 0.10 / 0.11).
        Tariff tariff = example("tariff_12_025kwh_min_price.json");
        CostBreakdown small = startingAt("2024-01-15T11:00", BERLIN)
                .period(10, energy("1.6"), time("0.1667"))
                .rateWith(tariff);
        assertCost(small.energy(), "0.40", "0.44");
        assertCost(small.priceBoundAdjustment(), "0.10", "0.11");
        assertCost(small.roundedTotal(), "0.50", "0.55");
        // 3 kWh x 0.25 = 0.75 / 0.825: above the minimum -> 0.75 / 0.83.
        CostBreakdown normal = startingAt("2024-01-15T11:00", BERLIN)
                .period(20, energy("3"), time("0.3333"))
                .rateWith(tariff);
        assertCost(normal.roundedTotal(), "0.75", "0.83");
    }

    @Test
    void tariff13_chargingThenParking_onlyParkingIsRounded() {
        // TIME 3.00 @10 %: 2.2 h -> 6.60 / 7.26 (not rounded, parking follows).
        // PARKING 5.00 @20 %, step 300 s: 0.2 h = 720 s -> 900 s = 0.25 h -> 1.25 / 1.50. Total 7.85 / 8.76.
        CostBreakdown cost = startingAt("2024-01-15T16:00", BERLIN)
                .period(132, energy("40"), time("2.2"))
                .period(12, parking("0.2"))
                .rateWith(example("tariff_13_simple_3hour_5parking.json"));
        assertCost(cost.time(), "6.60", "7.26");
        assertCost(cost.parking(), "1.25", "1.50");
        assertCost(cost.roundedTotal(), "7.85", "8.76");
    }

    @Test
    void tariff13_chargingOnly_timeIsRoundedToTheMinute() {
        // 1.6955 h = 6103.8 s -> step 60 s -> 6120 s = 1.7 h -> 5.10 / 5.61.
        CostBreakdown cost = startingAt("2024-01-15T16:00", BERLIN)
                .period(102, energy("30"), time("1.6955"))
                .rateWith(example("tariff_13_simple_3hour_5parking.json"));
        assertCost(cost.roundedTotal(), "5.10", "5.61");
    }

    @Test
    void tariff14_stepSize_specWorkedExample() {
        // OCPI 2.2.1 §mod_cdrs step_size example: charging 16:35-17:10 local.
        // 16:35-17:00: 0.4167 h x 1.20 = 0.50004. 17:00-17:10: 0.1667 h x 2.40 = 0.40008.
        // Total 0.5834 h = 2100.24 s, last step 900 s -> 2700 s = 0.75 h; excess 0.1666 h x 2.40 = 0.39984.
        // 0.50004 + 0.40008 + 0.39984 = 1.29996 -> 1.30 (no VAT in this tariff, so incl = excl).
        CostBreakdown cost = startingAt("2024-03-12T16:35", BERLIN)
                .period(25, energy("4.6"), time("0.4167"))
                .period(10, energy("1.9"), time("0.1667"))
                .rateWith(example("tariff_14_step_size.json"));
        assertCost(cost.time(), "1.29996", "1.29996");
        assertCost(cost.roundedTotal(), "1.30", "1.30");
    }

    @Test
    void tariff14_stepSize_parkingAfterChargingRoundsOnlyParking() {
        // The same charging (0.90012, unrounded) then parking 17:10-17:25: 0.25 h at 1.00, already a 900 s multiple.
        // Total 1.15012 -> 1.15.
        CostBreakdown cost = startingAt("2024-03-12T16:35", BERLIN)
                .period(25, energy("4.6"), time("0.4167"))
                .period(10, energy("1.9"), time("0.1667"))
                .period(15, parking("0.25"))
                .rateWith(example("tariff_14_step_size.json"));
        assertCost(cost.time(), "0.90012", "0.90012");
        assertCost(cost.parking(), "0.25", "0.25");
        assertCost(cost.roundedTotal(), "1.15", "1.15");
    }

    @Test
    void tariff14_stepSize_freeParkingAfter20h_roundsChargingTime() {
        // 19:40-20:00 element 1 TIME 2.40 (0.3333 h), 20:00-20:05 element 2 TIME 2.40 (0.0833 h): 0.4166 h = 0.99984.
        // 20:05-20:30 parking: no element prices PARKING_TIME after 20:00, so the charging time is rounded:
        // 1499.76 s -> 1800 s = 0.5 h, excess 0.0834 h x 2.40 = 0.20016. Total 1.20.
        CostBreakdown cost = startingAt("2024-03-12T19:40", BERLIN)
                .period(20, energy("3.7"), time("0.3333"))
                .period(5, energy("0.9"), time("0.0833"))
                .period(25, parking("0.4167"))
                .rateWith(example("tariff_14_step_size.json"));
        assertCost(cost.time(), "1.20", "1.20");
        assertCost(cost.parking(), "0", "0");
    }

    @Test
    void tariff15_reservationThenCharging() {
        // Reservation 15 min: RESERVATION element TIME 5.00 @20 %, step 60 s: 0.25 h -> 1.25 / 1.50.
        // Charging 20 kWh: FLAT 0.50 / 0.60 + 5.00 / 5.50. Total 6.75 / 7.60.
        CostBreakdown cost = startingAt("2024-01-15T09:45", BERLIN)
                .period(15, reservation("0.25"))
                .period(60, energy("20"), time("1"))
                .rateWith(example("tariff_15_reservation_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "1.25", "1.50");
        assertCost(cost.fixed(), "0.50", "0.60");
        assertCost(cost.energy(), "5.00", "5.50");
        assertCost(cost.roundedTotal(), "6.75", "7.60");
    }

    @Test
    void tariff15_expiredReservationWithoutExpiryElement_usesTheReservationElement() {
        // No RESERVATION_EXPIRES element: the RESERVATION element prices it. 0.5 h x 5.00 = 2.50 / 3.00; no session FLAT.
        CostBreakdown cost = startingAt("2024-01-15T09:30", BERLIN)
                .period(30, reservation("0.5"))
                .rateWith(example("tariff_15_reservation_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "2.50", "3.00");
        assertCost(cost.roundedTotal(), "2.50", "3.00");
    }

    @Test
    void tariff16_reservationFeeAndSessionFeeAreBothCharged() {
        // Reservation 12 min: FLAT 2.00 + TIME 5.00/h step 300 s: 720 s -> 900 s = 0.25 h -> 1.25; 3.25 / 3.90.
        // Charging 20 kWh: FLAT 0.50 / 0.60 + 5.00 / 5.50. Total 8.75 / 10.00.
        CostBreakdown cost = startingAt("2024-01-15T09:48", BERLIN)
                .period(12, reservation("0.2"))
                .period(60, energy("20"), time("1"))
                .rateWith(example("tariff_16_reservation_2_euro_fee_5_euro_per_hour.json"));
        assertCost(cost.reservation(), "3.25", "3.90");
        assertCost(cost.fixed(), "0.50", "0.60");
        assertCost(cost.roundedTotal(), "8.75", "10.00");
    }

    @Test
    void tariff17_reservationHonoured_noExpiryFee() {
        // Reservation 27 min: TIME 2.00 @20 %, step 600 s: 0.45 h = 1620 s -> 1800 s = 0.5 h -> 1.00 / 1.20.
        // Charging 10 kWh: 0.50 / 0.60 + 2.50 / 2.75. Total 4.00 / 4.55.
        CostBreakdown cost = startingAt("2024-01-15T09:33", BERLIN)
                .period(27, reservation("0.45"))
                .period(40, energy("10"), time("0.6667"))
                .rateWith(example("tariff_17_reservation_with_expire_fee.json"));
        assertCost(cost.reservation(), "1.00", "1.20");
        assertCost(cost.roundedTotal(), "4.00", "4.55");
    }

    @Test
    void tariff17_reservationExpired_feePlusReservationTime() {
        // Expired: RESERVATION_EXPIRES FLAT 4.00 / 4.80, and TIME from the RESERVATION element: 1.00 / 1.20.
        // Total 5.00 / 6.00.
        CostBreakdown cost = startingAt("2024-01-15T09:33", BERLIN)
                .period(27, reservation("0.45"))
                .rateWith(example("tariff_17_reservation_with_expire_fee.json"));
        assertCost(cost.reservation(), "5.00", "6.00");
        assertThat(cost.appliedElements().get(0).elementIndexByDimension())
                .isEqualTo(Map.of(TariffDimensionType.FLAT, 0, TariffDimensionType.TIME, 1));
    }

    @Test
    void tariff18_reservationHonoured_andExpired() {
        Tariff tariff = example("tariff_18_reservation_with_expire_time.json");
        // Honoured: 0.45 h -> 0.5 h x 3.00 = 1.50 / 1.80; charging 10 kWh 3.00 / 3.35. Total 4.50 / 5.15.
        CostBreakdown honoured = startingAt("2024-01-15T09:33", BERLIN)
                .period(27, reservation("0.45"))
                .period(40, energy("10"), time("0.6667"))
                .rateWith(tariff);
        assertCost(honoured.roundedTotal(), "4.50", "5.15");
        // Expired: RESERVATION_EXPIRES TIME 6.00/h: 0.5 h -> 3.00 / 3.60.
        CostBreakdown expired = startingAt("2024-01-15T09:33", BERLIN)
                .period(27, reservation("0.45"))
                .rateWith(tariff);
        assertCost(expired.roundedTotal(), "3.00", "3.60");
    }

    @Test
    void tariffPutExample_withoutLastUpdated_isStillRateable() {
        // TIME 2.00 @10 %, step 300 s: 0.7 h = 2520 s -> 2700 s = 0.75 h -> 1.50 / 1.65.
        CostBreakdown cost = startingAt("2024-01-15T14:00", BERLIN)
                .period(42, energy("7"), time("0.7"))
                .rateWith(example("tariff_put_example.json"));
        assertCost(cost.roundedTotal(), "1.50", "1.65");
    }

    @Test
    void tariffRestrictionMaxDuration_firstHalfHourFreeThenTwoPrices() {
        // Durations at period start 0 s, 1800 s, 3600 s: ENERGY 0.00, 0.25, 0.40 (all @20 %).
        // 5 x 0 + 6 x 0.25 + 4 x 0.40 = 3.10 excl; x 1.2 = 3.72 incl.
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(30, energy("5"), time("0.5"))
                .period(30, energy("6"), time("0.5"))
                .period(25, energy("4"), time("0.4167"))
                .rateWith(example("tariffrestriction_example_max_duration.json"));
        assertCost(cost.energy(), "3.10", "3.72");
    }

    @Test
    void tariffRestrictionMaxPower_pricePerPowerBand() {
        // 11 kW < 16 -> 0.20; 22 kW < 32 -> 0.35; 50 kW -> 0.50 (all @20 %).
        // 8 x 0.20 + 10 x 0.35 + 20 x 0.50 = 1.60 + 3.50 + 10.00 = 15.10 excl; 18.12 incl.
        CostBreakdown cost = startingAt("2024-01-15T10:00", BERLIN)
                .period(45, energy("8"), time("0.75"), maxPower("11"))
                .period(30, energy("10"), time("0.5"), maxPower("22"))
                .period(25, energy("20"), time("0.4167"), maxPower("50"))
                .rateWith(example("tariffrestriction_example_max_power.json"));
        assertCost(cost.energy(), "15.10", "18.12");
    }
}
