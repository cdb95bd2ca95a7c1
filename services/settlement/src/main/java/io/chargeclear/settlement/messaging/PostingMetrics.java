package io.chargeclear.settlement.messaging;

import io.chargeclear.model.event.CdrRated;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code chargeclear_cdr_posting_lag_seconds{party}}: from the gateway's receipt of a CPO's CDR
 * ({@code cdr_received_at} on {@code rating.cdr-rated.v1}) to its first booking in the ledger. Only a CDR's first
 * rating counts (a later revision is a correction, not the CDR's way through the hub), and only one that says when
 * it was received. Recorded when the booking is written, inside the batch's transaction: a batch that rolls back and
 * is consumed again counts again (at least once).
 */
@ApplicationScoped
public class PostingMetrics {

    static final Duration[] BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(6)};

    private final MeterRegistry metrics;
    private final Map<String, Timer> byCpo = new ConcurrentHashMap<>();

    public PostingMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void posted(CdrRated rated) {
        if (rated == null || rated.revision() != 1 || rated.cdrReceivedAt() == null || rated.cpo() == null) {
            return;
        }
        Duration lag = Duration.between(rated.cdrReceivedAt(), Instant.now());
        byCpo.computeIfAbsent(rated.cpo().toString(), cpo -> Timer.builder("chargeclear.cdr.posting.lag")
                        .description("From the gateway's receipt of a CDR to its first booking in the ledger")
                        .tag("party", cpo).serviceLevelObjectives(BUCKETS).register(metrics))
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
