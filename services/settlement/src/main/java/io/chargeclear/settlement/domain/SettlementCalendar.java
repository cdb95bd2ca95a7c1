package io.chargeclear.settlement.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The hub's settlement periods: days, weeks (Monday to Monday) or calendar months, cut at midnight in the hub's
 * time zone. A period is half-open, {@code [start, end)}; a CDR belongs to the period its session ended in. Across
 * a daylight-saving change a day lasts 23 or 25 hours: periods follow the local calendar, not fixed durations.
 */
public final class SettlementCalendar {

    /** How long a period lasts. */
    public enum Length { DAILY, WEEKLY, MONTHLY }

    /** One settlement period, {@code [start, end)}. */
    public record Period(Instant start, Instant end) {

        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a period ends after it starts: " + start + " .. " + end);
            }
        }

        public boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    private final Length length;
    private final ZoneId zone;

    public SettlementCalendar(Length length, ZoneId zone) {
        this.length = Objects.requireNonNull(length, "length");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public Length length() {
        return length;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The period an instant falls in. */
    public Period periodOf(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate first = switch (length) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
        return between(first);
    }

    /** The period right after {@code period}. */
    public Period next(Period period) {
        return periodOf(period.end());
    }

    /** The latest period that has ended by {@code now}. */
    public Period lastClosed(Instant now) {
        Period current = periodOf(now);
        return periodOf(current.start().minusNanos(1));
    }

    /**
     * The period that starts at {@code start} and ends at {@code end}.
     *
     * @throws IllegalArgumentException naming the expected boundaries when the two are not one whole period
     */
    public Period period(Instant start, Instant end) {
        Period expected = periodOf(start);
        if (!expected.start().equals(start) || !expected.end().equals(end)) {
            throw new IllegalArgumentException("settlement periods are " + length.name().toLowerCase()
                    + " in time zone " + zone + ": the period around " + start + " runs from " + expected.start()
                    + " to " + expected.end());
        }
        return expected;
    }

    private Period between(LocalDate first) {
        LocalDate after = switch (length) {
            case DAILY -> first.plusDays(1);
            case WEEKLY -> first.plusWeeks(1);
            case MONTHLY -> first.plusMonths(1);
        };
        return new Period(startOf(first), startOf(after));
    }

    private Instant startOf(LocalDate day) {
        ZonedDateTime midnight = day.atStartOfDay(zone);
        return midnight.toInstant();
    }
}
