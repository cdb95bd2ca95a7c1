package io.chargeclear.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every whole-hub benchmark prints the same way: latency percentiles from microsecond histograms, the machine a
 * figure was measured on and how busy it was, so results of different benchmarks read alike.
 */
final class Figures {

    private Figures() {
    }

    /** The value at {@code percentile} (the maximum at 100), in the histogram's unit; NaN when it is empty. */
    static double value(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return Double.NaN;
        }
        return percentile >= 100 ? micros.getMaxValue() : micros.getValueAtPercentile(percentile);
    }

    /** A microsecond histogram's percentile in milliseconds: two decimals below 100 ms, whole ones above. */
    static String ms(Histogram micros, double percentile) {
        double value = value(micros, percentile);
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value >= 100_000 ? "%,.0f" : "%.2f",
                value / 1000);
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute load averages, e.g. {@code 1.20, 0.80, 0.50}. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Cores, CPU model, memory and Java version, as one sentence. */
    static String machine() {
        String model = "unknown CPU";
        String memory = "unknown memory";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).map(line -> line.split(":", 2)[1].trim())
                    .findFirst().orElse(model);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal"))
                    .map(line -> String.format(Locale.ROOT, "%.1f GiB memory",
                            Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse(memory);
        } catch (IOException e) {
            // keep the defaults: the figures stand without the machine's description
        }
        return String.format(Locale.ROOT, "Machine: %d cores (`nproc`), %s, %s; Java %s.",
                Runtime.getRuntime().availableProcessors(), model, memory, Runtime.version());
    }
}
