package io.chargeclear.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The day as a chart: values bucketed by hour (UTC) over the last {@code hours} hours ending with the current one,
 * and scaled to bars of an SVG drawing. Plain Java, so the rules (which hour a moment falls in, what a share or a
 * median of an empty hour is) are tested without a server.
 */
public final class Hourly {

    /** Width and height of one chart's drawing, in SVG units. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 120;

    private Hourly() {
    }

    /** One hour's bar: its label, its value as shown, where it is drawn, and whether its hour is written below it. */
    public record Bar(String hour, String shown, long value, int x, int y, int width, int height, boolean labelled) {
    }

    /** A chart: a title, its bars, the largest value (the top of the scale) and a note (e.g. data cut at a limit). */
    public record Chart(String title, String unit, List<Bar> bars, long max, boolean empty, String note) {

        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        /** Where the hours' labels stand, below the bars. */
        public int axisY() {
            return HEIGHT - 2;
        }
    }

    /** Something that happened at a moment, with a value (a latency in ms, 1 for flagged and 0 for not). */
    public record Point(Instant at, long value) {
    }

    /** The start of each hour shown, oldest first. */
    static List<Instant> hours(Instant now, int hours) {
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant> starts = new ArrayList<>(hours);
        for (int i = hours - 1; i >= 0; i--) {
            starts.add(current.minus(Duration.ofHours(i)));
        }
        return starts;
    }

    /** How many moments fall in each hour. */
    public static Chart count(String title, String unit, Instant now, int hours, List<Instant> moments, String note) {
        return chart(title, unit, now, hours, moments.stream().map(at -> new Point(at, 1)).toList(),
                points -> (long) points.size(), value -> Long.toString(value), 0, note);
    }

    /** The share of points with value 1 in each hour, in whole percent; an hour without points shows none. */
    public static Chart share(String title, Instant now, int hours, List<Point> points, String note) {
        return chart(title, "%", now, hours, points, in -> in.isEmpty() ? -1L
                        : Math.round(100.0 * in.stream().filter(p -> p.value() == 1).count() / in.size()),
                value -> value < 0 ? "-" : value + " %", 100, note);
    }

    /** The median value of each hour's points; an hour without points shows none. */
    public static Chart median(String title, String unit, Instant now, int hours, List<Point> points, String note) {
        return chart(title, unit, now, hours, points,
                in -> in.isEmpty() ? -1L : percentile(in.stream().map(Point::value).toList(), 50),
                value -> value < 0 ? "-" : value + " " + unit, 0, note);
    }

    /** The nearest-rank percentile of the values (not empty). */
    public static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Buckets the points by hour and measures each hour ({@code -1}: the hour has nothing to measure); {@code scale}
     * is the top of the scale, or 0 for the largest value.
     */
    private static Chart chart(String title, String unit, Instant now, int hours, List<Point> points,
                               Function<List<Point>, Long> measure, Function<Long, String> shown, long scale,
                               String note) {
        List<Instant> starts = hours(now, hours);
        Instant first = starts.get(0);
        Instant end = starts.get(starts.size() - 1).plus(Duration.ofHours(1));
        List<List<Point>> buckets = new ArrayList<>();
        starts.forEach(s -> buckets.add(new ArrayList<>()));
        for (Point point : points) {
            if (point.at() != null && !point.at().isBefore(first) && point.at().isBefore(end)) {
                buckets.get((int) Duration.between(first, point.at()).toHours()).add(point);
            }
        }
        List<Long> values = buckets.stream().map(measure).toList();
        long max = scale > 0 ? scale : Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(0));
        int slot = WIDTH / hours;
        List<Bar> bars = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            long value = values.get(i);
            int height = value <= 0 ? 0 : (int) Math.max(1, Math.round((double) value * (HEIGHT - 14) / max));
            bars.add(new Bar(String.format("%02d", starts.get(i).atZone(java.time.ZoneOffset.UTC).getHour()),
                    shown.apply(value), value, i * slot + 1, HEIGHT - 14 - height, slot - 2, height, i % 3 == 0));
        }
        boolean empty = buckets.stream().allMatch(List::isEmpty);
        return new Chart(title, unit, bars, max, empty, note);
    }
}
