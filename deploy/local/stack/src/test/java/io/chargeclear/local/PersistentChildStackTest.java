package io.chargeclear.local;

import io.chargeclear.local.OutboxTestSupport.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.chargeclear.local.OutboxTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack as a child JVM (the way the test kit launches it), in persistent mode: data, slot and relay offsets
 * survive a stop/start, and a row committed just before the stop is still relayed.
 */
class PersistentChildStackTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TOPIC = "ocpi.session.v1";

    @TempDir
    Path dir;

    @Test
    void dataSurvivesRestartAndNothingCommittedIsLost() throws Exception {
        Path dataDir = dir.resolve("hub");
        Path log = Path.of("target", "local-stack-persistent.log");
        List<String> args = List.of("--data-dir", dataDir.toString(),
                "--postgres-port", Integer.toString(LocalPostgres.freePort()),
                "--kafka-port", Integer.toString(LocalPostgres.freePort()),
                "--kafka-controller-port", Integer.toString(LocalPostgres.freePort()),
                "--exit-on-stdin-eof");
        Row first = row("S-1");
        Row beforeStop = row("S-2");
        Row afterRestart = row("S-3");

        try (ChildStack stack = ChildStack.launch(args, log, READY_TIMEOUT)) {
            System.err.printf("child stack ready in %d ms (pid %d)%n", stack.startupTime().toMillis(), stack.pid());
            assertThat(stack.reactiveUrl()).startsWith("postgresql://127.0.0.1:").endsWith("/chargeclear");
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password());
                 Statement st = c.createStatement()) {
                OutboxTestSupport.createOutbox(st, "demo2");
                OutboxTestSupport.insert(c, "demo2", first);
                OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, first.id(), TIMEOUT);
                // committed, then the stack is stopped at once: the relay may or may not have sent it yet
                OutboxTestSupport.insert(c, "demo2", beforeStop);
            }
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("kafka/meta.properties"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("debezium/demo2.offsets"))).isTrue();

        try (ChildStack stack = ChildStack.launch(args, log, READY_TIMEOUT)) {
            System.err.printf("child stack restarted in %d ms%n", stack.startupTime().toMillis());
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password());
                 Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select count(*) from demo2.outbox_event")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("outbox rows kept across restart").isEqualTo(2);
                }
                OutboxTestSupport.insert(c, "demo2", afterRestart);
            }
            List<String> ids = List.of(first.id().toString(), beforeStop.id().toString(), afterRestart.id().toString());
            List<ConsumerRecord<byte[], byte[]>> records = OutboxTestSupport.readUntil(stack.kafkaBootstrap(), TOPIC,
                    rs -> rs.stream().map(r -> header(r, "ce_id")).collect(Collectors.toSet()).containsAll(ids),
                    TIMEOUT);
            Map<String, Long> counts = records.stream()
                    .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
            System.err.println("deliveries per event after restart: " + ids.stream()
                    .collect(Collectors.toMap(Function.identity(), id -> counts.getOrDefault(id, 0L))));
            // nothing lost; the event acknowledged well before the stop is not re-sent (offsets flushed on stop)
            assertThat(counts.get(first.id().toString())).isEqualTo(1);
            assertThat(counts.get(beforeStop.id().toString())).isGreaterThanOrEqualTo(1);
            assertThat(counts.get(afterRestart.id().toString())).isGreaterThanOrEqualTo(1);
        }
    }

    private static Row row(String session) {
        return new Row(UUID.randomUUID(), TOPIC, session, "ocpi.session.updated.v1", "/chargeclear/ocpi-gateway",
                session, Instant.now().truncatedTo(ChronoUnit.MICROS), "{\"id\":\"" + session + "\"}");
    }
}
