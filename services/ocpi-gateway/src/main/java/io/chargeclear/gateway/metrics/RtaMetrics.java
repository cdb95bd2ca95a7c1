package io.chargeclear.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real-time authorization per eMSP: {@code chargeclear_rta_duration_seconds}, the eMSP's answer time as a
 * histogram (fixed buckets around the 500 ms objective, so {@code histogram_quantile} gives p99 over any window),
 * and {@code chargeclear_rta_timeouts_total}, registered at zero with the timer so the share of timeouts is
 * defined from the first authorization on. The {@link Objectives} read the same meters.
 */
@ApplicationScoped
public class RtaMetrics {

    static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(750),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry metrics;
    private final Map<String, Meters> byEmsp = new ConcurrentHashMap<>();

    public RtaMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** One authorization forwarded to {@code emsp} ({@code NL*DM1}) took {@code took}; {@code timedOut} if unanswered. */
    public void record(String emsp, Duration took, boolean timedOut) {
        Meters meters = meters(emsp);
        meters.duration.record(took);
        if (timedOut) {
            meters.timeouts.increment();
        }
    }

    public Map<String, Meters> all() {
        return byEmsp;
    }

    private Meters meters(String emsp) {
        return byEmsp.computeIfAbsent(emsp, party -> new Meters(
                Timer.builder("chargeclear.rta.duration")
                        .description("Real-time authorizations forwarded to the eMSP: time to its answer or failure")
                        .tag("party", party).serviceLevelObjectives(BUCKETS)
                        .publishPercentiles(0.99).distributionStatisticExpiry(Duration.ofMinutes(15))
                        .distributionStatisticBufferLength(3).percentilePrecision(2)
                        .register(metrics),
                Counter.builder("chargeclear.rta.timeouts")
                        .description("Real-time authorizations the eMSP did not answer within the timeout")
                        .tag("party", party).register(metrics)));
    }

    public record Meters(Timer duration, Counter timeouts) {
    }
}
