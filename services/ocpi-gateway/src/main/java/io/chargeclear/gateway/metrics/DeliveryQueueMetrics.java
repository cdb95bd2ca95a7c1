package io.chargeclear.gateway.metrics;

import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.kit.background.BackgroundWork;
import io.chargeclear.kit.directory.PartyDirectorySnapshot;
import io.chargeclear.model.event.OcpiParty;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The delivery queue per receiver, for the objective "a push is delivered within 5 minutes while the partner is
 * up": {@code chargeclear_delivery_pending}, {@code chargeclear_delivery_oldest_pending_age_seconds} and
 * {@code chargeclear_delivery_receiver_up} (1 while the receiver answers: connected, not OFFLINE, its last attempt
 * not failed) per receiving party, refreshed by one grouped query every {@code objectives.refresh-interval} (a
 * scrape reads memory, never the database; the age is counted from the cached oldest time, so it grows between
 * refreshes); and at delivery {@code chargeclear_delivery_latency_seconds}, queued to delivered, per receiver and
 * module, with {@code chargeclear_delivery_outcomes_total} for every job that ended, by outcome (delivered, failed,
 * dropped, withheld).
 * A receiver is its platform's parties, {@code NL*DC1}, several joined by {@code +}.
 */
@ApplicationScoped
public class DeliveryQueueMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryQueueMetrics.class);
    static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1)};

    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final PartyDirectorySnapshot directory;
    private final Duration refresh;
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private volatile long timer = -1;

    public DeliveryQueueMetrics(Vertx vertx, MeterRegistry metrics, PartyDirectorySnapshot directory,
                                @ConfigProperty(name = "chargeclear.objectives.refresh-interval",
                                        defaultValue = "PT15S") Duration refresh) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.directory = directory;
        this.refresh = refresh;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(refresh.toMillis(), id -> BackgroundWork.run(vertx, this::refresh, LOG,
                "the delivery queue's metrics could not be refreshed; they are at the next interval"));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The receiving platform as its parties, {@code NL*DC1}; {@code unknown} until the directory names it. */
    public String receiver(String platformId) {
        String label = labels.get(platformId);
        return label == null ? OcpiRequestMetrics.UNKNOWN : label;
    }

    /** A job of {@code module} queued at {@code requestedAt} was delivered to {@code platformId} now. */
    public void delivered(String platformId, String module, Instant requestedAt) {
        if (requestedAt == null) {
            return;
        }
        Duration took = Duration.between(requestedAt, Instant.now());
        Duration latency = took.isNegative() ? Duration.ZERO : took;
        withReceiver(platformId, party -> latencies.computeIfAbsent(party + "|" + module,
                        k -> Timer.builder("chargeclear.delivery.latency")
                                .description("Delivery jobs from queued to delivered (the receiver's 2xx answer)")
                                .tags("party", party, "module", module).serviceLevelObjectives(BUCKETS)
                                .publishPercentiles(0.99).distributionStatisticExpiry(Duration.ofMinutes(15))
                                .distributionStatisticBufferLength(3).percentilePrecision(2)
                                .register(metrics))
                .record(latency));
    }

    /** A job to {@code platformId} ended {@code outcome} (delivered, failed, dropped, withheld). */
    public void ended(String platformId, String module, String outcome) {
        withReceiver(platformId, party -> outcomes.computeIfAbsent(party + "|" + module + "|" + outcome,
                k -> Counter.builder("chargeclear.delivery.outcomes")
                        .description("Delivery jobs that ended, by receiver, module and outcome")
                        .tags("party", party, "module", module, "outcome", outcome).register(metrics)).increment());
    }

    /**
     * Runs {@code use} with the receiver's label: at once when known, else once the in-memory directory named it
     * (a receiver's first deliveries come before the queue's next refresh).
     */
    private void withReceiver(String platformId, Consumer<String> use) {
        String known = labels.get(platformId);
        if (known != null) {
            use.accept(known);
            return;
        }
        directory.current().subscribe().with(dir -> {
            String label = label(dir, platformId);
            if (label != null) {
                labels.put(platformId, label);
            }
            use.accept(label == null ? OcpiRequestMetrics.UNKNOWN : label);
        }, failure -> use.accept(OcpiRequestMetrics.UNKNOWN));
    }

    /** The platform's parties, {@code NL*DC1}, several joined by {@code +}; null when the directory has none. */
    private static String label(PartyDirectorySnapshot.Directory dir, String platformId) {
        List<OcpiParty> parties = dir.activeParties(platformId);
        if (parties.isEmpty()) {
            parties = dir.platform(platformId).stream().map(PartyDirectorySnapshot.Entry::party).distinct().toList();
        }
        return parties.isEmpty() ? null
                : parties.stream().map(OcpiParty::toString).sorted().collect(Collectors.joining("+"));
    }

    public Map<String, Queue> queues() {
        return queues;
    }

    public Map<String, Timer> latencies() {
        return latencies;
    }

    /** One grouped query over the queue, the receivers and the connections; the directory is in memory. */
    Uni<Void> refresh() {
        return directory.current().flatMap(dir -> Panache.withSession(() -> DeliveryReceiver.<DeliveryReceiver>listAll()
                .flatMap(receivers -> Panache.getSession().flatMap(session -> session.createSelectionQuery(
                                "select receiverPlatform, count(*), min(requestedAt) from DeliveryJob"
                                        + " where status = '" + DeliveryJob.PENDING + "' group by receiverPlatform",
                                Object[].class).getResultList())
                        .flatMap(pending -> PartnerConnection.<PartnerConnection>listAll().invoke(connections -> {
                            Map<String, Object[]> byReceiver = new HashMap<>();
                            pending.forEach(row -> byReceiver.put((String) row[0], row));
                            Map<String, PartnerConnection> connected = connections.stream()
                                    .collect(Collectors.toMap(c -> c.platformId, c -> c, (a, b) -> a));
                            for (DeliveryReceiver r : receivers) {
                                String label = label(dir, r.platformId);
                                if (label != null) {
                                    labels.put(r.platformId, label);
                                }
                                Object[] row = byReceiver.get(r.platformId);
                                PartnerConnection connection = connected.get(r.platformId);
                                boolean up = connection != null && connection.offlineSince == null
                                        && r.consecutiveFailures == 0;
                                queue(r.platformId).set(row == null ? 0 : ((Number) row[1]).longValue(),
                                        row == null ? null : (Instant) row[2], up);
                            }
                        })))).replaceWithVoid());
    }

    /** The receiver's gauges; registered again when the directory names its parties differently. */
    private Queue queue(String platformId) {
        Queue known = queues.get(platformId);
        if (known != null && !known.party.equals(receiver(platformId))) {
            known.gauges.forEach(metrics::remove);
            queues.remove(platformId);
        }
        return queues.computeIfAbsent(platformId, id -> {
            Queue queue = new Queue(receiver(id));
            Tags tags = Tags.of("party", queue.party);
            queue.gauges.add(Gauge.builder("chargeclear.delivery.pending", queue, Queue::pending)
                    .description("Delivery jobs waiting for the receiver").tags(tags).register(metrics));
            queue.gauges.add(Gauge.builder("chargeclear.delivery.oldest.pending.age", queue, Queue::oldestAgeSeconds)
                    .description("How long the receiver's oldest waiting job has waited (0: none waits)")
                    .baseUnit("seconds").tags(tags).register(metrics));
            queue.gauges.add(Gauge.builder("chargeclear.delivery.receiver.up", queue, Queue::upValue)
                    .description("1 while the receiver answers: connected, not OFFLINE, its last attempt not failed")
                    .tags(tags).register(metrics));
            return queue;
        });
    }

    /** One receiver's queue as last read. */
    public static final class Queue {
        public final String party;
        final List<Meter> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile long pending;
        private volatile Instant oldest;
        private volatile boolean up;

        Queue(String party) {
            this.party = party;
        }

        void set(long pending, Instant oldest, boolean up) {
            this.pending = pending;
            this.oldest = oldest;
            this.up = up;
        }

        public double pending() {
            return pending;
        }

        public double oldestAgeSeconds() {
            Instant at = oldest;
            return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
        }

        double upValue() {
            return up ? 1 : 0;
        }

        public boolean up() {
            return up;
        }
    }
}
