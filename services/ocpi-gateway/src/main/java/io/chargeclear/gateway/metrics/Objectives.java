package io.chargeclear.gateway.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import java.util.concurrent.TimeUnit;

/** Reads a p99 out of a Timer's in-memory window (its percentiles decay over 15 minutes). */
final class Objectives {

    private Objectives() {
    }

    /** The p99 in milliseconds of the timer's recent window; null when it has recorded nothing. */
    static Double p99Millis(Timer timer) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        if (snapshot.count() == 0) {
            return null;
        }
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (Math.abs(value.percentile() - 0.99) < 1e-9) {
                return Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            }
        }
        return null;
    }
}
