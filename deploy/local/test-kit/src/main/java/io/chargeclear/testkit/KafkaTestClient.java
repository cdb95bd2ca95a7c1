package io.chargeclear.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Plain kafka-clients helper for tests: produce a record with CloudEvents-style string headers, or wait for a
 * record matching a predicate. Each {@link #awaitRecord} reads the topic from the beginning with a fresh
 * consumer group (no offsets committed), so it sees records produced before it was called.
 * <pre>{@code
 * try (KafkaTestClient kafka = KafkaTestClient.local()) {
 *     var r = kafka.awaitRecord("hub.party.v1", rec -> "NL*ABC".equals(rec.key()), Duration.ofSeconds(30));
 *     assertEquals("hub.party.registered.v1", KafkaTestClient.header(r, "ce_type"));
 * }
 * }</pre>
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Against the infrastructure started by {@link LocalInfraResource}. */
    public static KafkaTestClient local() {
        return new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Produces synchronously; header values are written as UTF-8 bytes (null values are skipped). */
    public RecordMetadata produce(String topic, String key, Map<String, String> headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (v != null) record.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
            });
        }
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from the earliest offset until a record matches; fails with an {@link AssertionError}
     * (listing how many records were seen) after {@code timeout}.
     */
    public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                      Duration timeout) {
        List<ConsumerRecord<String, String>> found = awaitRecords(topic, match, 1, timeout);
        return found.get(0);
    }

    /** Like {@link #awaitRecord} but waits for {@code count} matching records and returns them in read order. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic,
                                                             Predicate<ConsumerRecord<String, String>> match,
                                                             int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> matched = new ArrayList<>();
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> infos = Awaitility.await("topic " + topic + " exists").atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), p -> p != null && !p.isEmpty());
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    if (match.test(r)) {
                        matched.add(r);
                        if (matched.size() >= count) return matched;
                    }
                }
            }
        }
        throw new AssertionError("no" + (count > 1 ? " " + count : "") + " matching record on " + topic
                + " within " + timeout + " (" + seen + " record(s) read, " + matched.size() + " matched)");
    }

    /** A header's value as a UTF-8 string (the last one if repeated), or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "test-producer");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }
}
