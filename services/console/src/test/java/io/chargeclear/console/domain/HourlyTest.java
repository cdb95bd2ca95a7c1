package io.chargeclear.console.domain;

import io.chargeclear.console.domain.Hourly.Chart;
import io.chargeclear.console.domain.Hourly.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HourlyTest {

    static final Instant NOW = Instant.parse("2026-12-07T21:30:00Z");

    @Test
    void theLastHoursEndWithTheCurrentOneOldestFirst() {
        assertThat(Hourly.hours(NOW, 3)).containsExactly(Instant.parse("2026-12-07T19:00:00Z"),
                Instant.parse("2026-12-07T20:00:00Z"), Instant.parse("2026-12-07T21:00:00Z"));
    }

    @Test
    void momentsCountInTheirHourAndOutsideTheWindowNotAtAll() {
        Chart chart = Hourly.count("CDRs", "CDRs", NOW, 3, List.of(Instant.parse("2026-12-07T19:00:00Z"),
                Instant.parse("2026-12-07T20:59:59Z"), Instant.parse("2026-12-07T20:00:00Z"),
                Instant.parse("2026-12-07T18:59:59Z"), Instant.parse("2026-12-07T22:00:00Z")), null);
        assertThat(chart.bars()).extracting(Hourly.Bar::hour, Hourly.Bar::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("19", 1L), org.assertj.core.groups.Tuple.tuple("20", 2L),
                        org.assertj.core.groups.Tuple.tuple("21", 0L));
        assertThat(chart.max()).isEqualTo(2);
        // the tallest bar fills the drawing's height less the labels' line, an empty hour draws nothing
        assertThat(chart.bars().get(1).height()).isEqualTo(Hourly.HEIGHT - 14);
        assertThat(chart.bars().get(1).y()).isZero();
        assertThat(chart.bars().get(2).height()).isZero();
        assertThat(chart.empty()).isFalse();
        assertThat(Hourly.count("CDRs", "CDRs", NOW, 3, List.of(), null).empty()).isTrue();
    }

    @Test
    void aShareIsWholePercentOfTheHoursPointsAndAnEmptyHourHasNone() {
        Chart chart = Hourly.share("flagged", NOW, 2, List.of(new Point(Instant.parse("2026-12-07T21:01:00Z"), 1),
                new Point(Instant.parse("2026-12-07T21:02:00Z"), 0), new Point(Instant.parse("2026-12-07T21:03:00Z"), 0)),
                null);
        assertThat(chart.bars()).extracting(Hourly.Bar::shown).containsExactly("-", "33 %");
        assertThat(chart.max()).as("a share is drawn against 100 %").isEqualTo(100);
        Chart noneFlagged = Hourly.share("flagged", NOW, 2, List.of(new Point(Instant.parse("2026-12-07T21:01:00Z"), 0)),
                null);
        assertThat(noneFlagged.empty()).as("0 % is a value, not an empty chart").isFalse();
        assertThat(noneFlagged.bars()).extracting(Hourly.Bar::shown).containsExactly("-", "0 %");
    }

    @Test
    void theMedianIsTheNearestRankAndAnEmptyHourHasNone() {
        assertThat(Hourly.percentile(List.of(5L, 1L, 3L, 2L), 50)).isEqualTo(2);
        assertThat(Hourly.percentile(List.of(5L, 1L, 3L, 2L), 95)).isEqualTo(5);
        assertThat(Hourly.percentile(List.of(7L), 50)).isEqualTo(7);
        Chart chart = Hourly.median("latency", "ms", NOW, 2, List.of(new Point(Instant.parse("2026-12-07T20:10:00Z"), 40),
                new Point(Instant.parse("2026-12-07T20:20:00Z"), 10), new Point(Instant.parse("2026-12-07T20:30:00Z"), 20)),
                null);
        assertThat(chart.bars()).extracting(Hourly.Bar::shown).containsExactly("20 ms", "-");
    }
}
