package io.chargeclear.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Writes outbox rows the way services do and reads the relayed records back, bytes untouched. */
final class OutboxTestSupport {

    private OutboxTestSupport() {
    }

    static void createOutbox(Statement st, String schema) throws SQLException {
        st.execute("create schema " + schema);
        st.execute("""
                create table %s.outbox_event (
                  id uuid primary key,
                  topic varchar(128) not null,
                  aggregate_id varchar(255) not null,
                  type varchar(128) not null,
                  source varchar(255) not null,
                  subject varchar(255),
                  occurred_at timestamptz not null,
                  payload text not null
                )""".formatted(schema));
    }

    record Row(UUID id, String topic, String aggregateId, String type, String source, String subject,
               Instant occurredAt, String payload) {
    }

    static void insert(Connection c, String schema, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + schema
                + ".outbox_event (id, topic, aggregate_id, type, source, subject, occurred_at, payload)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, r.id());
            ps.setString(2, r.topic());
            ps.setString(3, r.aggregateId());
            ps.setString(4, r.type());
            ps.setString(5, r.source());
            ps.setString(6, r.subject());
            ps.setTimestamp(7, Timestamp.from(r.occurredAt()));
            ps.setString(8, r.payload());
            ps.executeUpdate();
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for everything read so far. */
    static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrap, String topic,
                                                          Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return done.test(seen);
            });
        }
        return seen;
    }

    static ConsumerRecord<byte[], byte[]> awaitById(String bootstrap, String topic, UUID id, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> seen = readUntil(bootstrap, topic,
                rs -> rs.stream().anyMatch(r -> id.toString().equals(header(r, "ce_id"))), timeout);
        return seen.stream().filter(r -> id.toString().equals(header(r, "ce_id"))).findFirst().orElseThrow();
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] headerBytes(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : h.value();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
