package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.tariffs.ReservationRestrictionType;
import io.chargeclear.model.ocpi.tariffs.TariffRestrictions;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.function.BiPredicate;

/**
 * Decides whether all restrictions of a tariff element hold for a period (logical AND), as OCPI 2.2.1
 * §mod_tariffs "TariffRestrictions class" defines each bound: minimums inclusive, maximums and end bounds exclusive.
 */
final class RestrictionMatcher {

    private static final int SECONDS_PER_DAY = 24 * 60 * 60;

    private RestrictionMatcher() {
    }

    /**
     * True when the element with these restrictions may price the period: its reservation marker must be the one
     * wanted ({@code null} for session periods) and every other restriction must hold.
     */
    static boolean matches(TariffRestrictions restrictions, PeriodState state, ReservationRestrictionType wanted) {
        ReservationRestrictionType reservation = restrictions == null ? null : restrictions.reservation();
        if (reservation != wanted) {
            return false;
        }
        return restrictions == null
                || (timeOfDay(restrictions, state.localStart().toLocalTime())
                && dateRange(restrictions, state.localStart().toLocalDate())
                && dayOfWeek(restrictions, state.localStart().getDayOfWeek())
                && atLeast(restrictions.minKwh(), state.energySoFarKwh())
                && below(restrictions.maxKwh(), state.energySoFarKwh())
                && atLeast(decimal(restrictions.minDuration()), state.durationSoFarSecs())
                && below(decimal(restrictions.maxDuration()), state.durationSoFarSecs())
                && measured(restrictions.minCurrent(), state.minCurrent(), state.maxCurrent(), RestrictionMatcher::atLeast)
                && measured(restrictions.maxCurrent(), state.maxCurrent(), state.minCurrent(), RestrictionMatcher::below)
                && measured(restrictions.minPower(), state.minPower(), state.maxPower(), RestrictionMatcher::atLeast)
                && measured(restrictions.maxPower(), state.maxPower(), state.minPower(), RestrictionMatcher::below));
    }

    // OCPI 2.2.1 §mod_tariffs "start_time"/"end_time": at or after start, before end; end < start wraps past midnight,
    // and end "00:00" means the end of the day (ADR 0004, D8).
    private static boolean timeOfDay(TariffRestrictions r, LocalTime localTime) {
        if (r.startTime() == null && r.endTime() == null) {
            return true;
        }
        int now = localTime.toSecondOfDay();
        int start = r.startTime() == null ? 0 : LocalTime.parse(r.startTime()).toSecondOfDay();
        int end = r.endTime() == null ? SECONDS_PER_DAY : endOfWindow(r.endTime());
        if (end > start) {
            return now >= start && now < end;
        }
        return now >= start || now < end;
    }

    private static int endOfWindow(String endTime) {
        int end = LocalTime.parse(endTime).toSecondOfDay();
        return end == 0 ? SECONDS_PER_DAY : end;
    }

    // OCPI 2.2.1 §mod_tariffs "start_date" (inclusive) / "end_date" (exclusive), local date.
    private static boolean dateRange(TariffRestrictions r, LocalDate localDate) {
        boolean afterStart = r.startDate() == null || !localDate.isBefore(LocalDate.parse(r.startDate()));
        boolean beforeEnd = r.endDate() == null || localDate.isBefore(LocalDate.parse(r.endDate()));
        return afterStart && beforeEnd;
    }

    private static boolean dayOfWeek(TariffRestrictions r, DayOfWeek localDay) {
        return r.dayOfWeek() == null || r.dayOfWeek().isEmpty()
                || r.dayOfWeek().stream().anyMatch(day -> day.name().equals(localDay.name()));
    }

    /**
     * A current or power bound is compared with the period's measurement of the same side (MIN_ for min_, MAX_ for
     * max_), falling back to the other side; a period that measured neither cannot contradict the bound (ADR 0004, D7).
     */
    private static boolean measured(BigDecimal bound, BigDecimal sameSide, BigDecimal otherSide,
                                    BiPredicate<BigDecimal, BigDecimal> test) {
        BigDecimal value = sameSide != null ? sameSide : otherSide;
        return bound == null || value == null || test.test(bound, value);
    }

    private static boolean atLeast(BigDecimal min, BigDecimal value) {
        return min == null || value.compareTo(min) >= 0;
    }

    private static boolean below(BigDecimal max, BigDecimal value) {
        return max == null || value.compareTo(max) < 0;
    }

    private static BigDecimal decimal(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value.longValue());
    }
}
