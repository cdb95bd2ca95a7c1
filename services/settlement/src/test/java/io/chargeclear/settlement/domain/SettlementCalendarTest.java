package io.chargeclear.settlement.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void periodsAreCutAtMidnightInTheHubsTimeZone() {
        SettlementCalendar daily = new SettlementCalendar(SettlementCalendar.Length.DAILY, AMSTERDAM);
        // 23:30 UTC on 24 November is 00:30 on the 25th in Amsterdam
        SettlementCalendar.Period period = daily.periodOf(Instant.parse("2026-11-24T23:30:00Z"));
        assertThat(period.start()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));

        SettlementCalendar weekly = new SettlementCalendar(SettlementCalendar.Length.WEEKLY, AMSTERDAM);
        assertThat(weekly.periodOf(Instant.parse("2026-11-25T12:00:00Z")).start())
                .as("weeks start on Monday").isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));

        SettlementCalendar monthly = new SettlementCalendar(SettlementCalendar.Length.MONTHLY, AMSTERDAM);
        SettlementCalendar.Period march = monthly.periodOf(Instant.parse("2026-03-15T12:00:00Z"));
        assertThat(march.start()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(march.end()).as("summer time starts in March").isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    }

    @Test
    void aDayAcrossTheClockChangeLasts23Hours() {
        SettlementCalendar daily = new SettlementCalendar(SettlementCalendar.Length.DAILY, AMSTERDAM);
        SettlementCalendar.Period day = daily.periodOf(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void aPeriodThatIsNotOneWholePeriodIsRefusedNamingTheRightOne() {
        SettlementCalendar daily = new SettlementCalendar(SettlementCalendar.Length.DAILY, ZoneId.of("UTC"));
        assertThat(daily.period(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z")))
                .isEqualTo(new SettlementCalendar.Period(Instant.parse("2026-11-24T00:00:00Z"),
                        Instant.parse("2026-11-25T00:00:00Z")));
        assertThatThrownBy(() -> daily.period(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daily").hasMessageContaining("2026-11-25T00:00:00Z");
        assertThat(daily.lastClosed(Instant.parse("2026-11-25T08:00:00Z")).start())
                .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Property(tries = 500)
    void everyInstantFallsInExactlyOnePeriodAndPeriodsFollowEachOtherWithoutGaps(
            @ForAll @LongRange(min = 1_600_000_000L, max = 2_000_000_000L) long seconds) {
        Instant at = Instant.ofEpochSecond(seconds);
        for (SettlementCalendar.Length length : SettlementCalendar.Length.values()) {
            SettlementCalendar calendar = new SettlementCalendar(length, AMSTERDAM);
            SettlementCalendar.Period period = calendar.periodOf(at);
            assertThat(period.contains(at)).isTrue();
            assertThat(calendar.next(period).start()).isEqualTo(period.end());
            assertThat(calendar.periodOf(period.start())).isEqualTo(period);
            assertThat(calendar.periodOf(period.end().minusNanos(1))).isEqualTo(period);
            assertThat(calendar.period(period.start(), period.end())).isEqualTo(period);
        }
    }
}
