package io.chargeclear.kit.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the consumers are doing about failures, for readiness and metrics: which consumers are retrying a record
 * right now (the infrastructure is failing them), how many records are parked, and counters of both.
 * Metrics: {@code chargeclear.consumer.retries} and {@code chargeclear.consumer.parked} (counters, tag
 * {@code consumer}), {@code chargeclear.consumer.retrying} and {@code chargeclear.dead_letters.parked} (gauges).
 */
@ApplicationScoped
public class ConsumerMonitor {

    /** A consumer held on one record by a transient failure. */
    public record Retrying(String eventId, Instant since, int attempts, String lastError) {
    }

    private final MeterRegistry registry;
    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();
    private final AtomicLong parked = new AtomicLong();
    private volatile Map<String, Long> parkedByConsumer = Map.of();

    public ConsumerMonitor(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("chargeclear.consumer.retrying", retrying, Map::size);
        registry.gauge("chargeclear.dead_letters.parked", parked);
    }

    /** {@code consumer} failed transiently on {@code eventId} and will try again. */
    public void retrying(String consumer, String eventId, int attempts, String error) {
        retrying.compute(consumer, (name, known) -> new Retrying(eventId,
                known != null && known.eventId().equals(eventId) ? known.since() : Instant.now(), attempts, error));
        Counter.builder("chargeclear.consumer.retries").description("transient failures retried")
                .tag("consumer", consumer).register(registry).increment();
    }

    /** {@code consumer} is past the record it was retrying (applied or parked). */
    public void moving(String consumer) {
        retrying.remove(consumer);
    }

    /** {@code consumer} parked a record. */
    public void parked(String consumer) {
        Counter.builder("chargeclear.consumer.parked").description("records parked in the dead-letter table")
                .tag("consumer", consumer).register(registry).increment();
    }

    void parkedNow(Map<String, Long> counts) {
        parkedByConsumer = new TreeMap<>(counts);
        parked.set(counts.values().stream().mapToLong(Long::longValue).sum());
    }

    /** @return the consumers retrying now, by name */
    public Map<String, Retrying> retrying() {
        return new TreeMap<>(retrying);
    }

    /** @return the parked count last read from the database */
    public long parkedCount() {
        return parked.get();
    }

    /** @return the parked counts per consumer last read from the database (consumers with none absent) */
    public Map<String, Long> parkedByConsumer() {
        return parkedByConsumer;
    }
}
