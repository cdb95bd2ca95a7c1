package io.chargeclear.rating.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each CDR's first outcome per CPO: {@code chargeclear_cdrs_rated_total{party, outcome=rated|flagged}} (the flagged
 * share is flagged over both) and {@code chargeclear_cdr_rating_lag_seconds{party}}, from the gateway's receipt of
 * the CDR to that outcome. Recorded when the outcome is written, inside the consumer's transaction: a batch that
 * rolls back and is consumed again counts its CDRs again (at least once; rare, and only ever more, never fewer).
 */
@ApplicationScoped
public class RatingMetrics {

    static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};

    private final MeterRegistry metrics;
    private final Map<String, Meters> byCpo = new ConcurrentHashMap<>();

    public RatingMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** The CDR of {@code cpo} ({@code NL*DC1}) received at {@code receivedAt} got its first outcome at {@code at}. */
    public void firstOutcome(String cpo, boolean flagged, Instant receivedAt, Instant at) {
        Meters meters = byCpo.computeIfAbsent(cpo, this::meters);
        (flagged ? meters.flagged : meters.rated).increment();
        if (receivedAt != null) {
            Duration lag = Duration.between(receivedAt, at);
            meters.lag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** Each CPO's counts since start and its p99 receipt-to-outcome over the last 15 minutes, by party. */
    public List<Figures> figures() {
        return byCpo.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            Meters m = e.getValue();
            HistogramSnapshot snapshot = m.lag.takeSnapshot();
            Double p99 = null;
            if (snapshot.count() > 0) {
                for (ValueAtPercentile value : snapshot.percentileValues()) {
                    if (Math.abs(value.percentile() - 0.99) < 1e-9) {
                        p99 = Math.round(value.value(TimeUnit.SECONDS) * 10) / 10.0;
                    }
                }
            }
            return new Figures(e.getKey(), (long) m.rated.count(), (long) m.flagged.count(), p99);
        }).toList();
    }

    /** One CPO's figures; {@code lagP99Seconds} null when no CDR of it was rated recently. */
    public record Figures(String party, long rated, long flagged, Double lagP99Seconds) {
    }

    private Meters meters(String cpo) {
        return new Meters(
                Counter.builder("chargeclear.cdrs.rated").description("CDRs by their first outcome: rated or flagged")
                        .tags("party", cpo, "outcome", "rated").register(metrics),
                Counter.builder("chargeclear.cdrs.rated").description("CDRs by their first outcome: rated or flagged")
                        .tags("party", cpo, "outcome", "flagged").register(metrics),
                Timer.builder("chargeclear.cdr.rating.lag")
                        .description("From the gateway's receipt of a CDR to its first rating or flag")
                        .tag("party", cpo).serviceLevelObjectives(BUCKETS)
                        .publishPercentiles(0.99).distributionStatisticExpiry(Duration.ofMinutes(15))
                        .distributionStatisticBufferLength(3).percentilePrecision(2)
                        .register(metrics));
    }

    private record Meters(Counter rated, Counter flagged, Timer lag) {
    }
}
