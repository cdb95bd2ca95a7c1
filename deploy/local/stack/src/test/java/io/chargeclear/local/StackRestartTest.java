package io.chargeclear.local;

import io.chargeclear.local.OutboxTestSupport.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ephemeral stack as the test kit launches it, with its control socket: PostgreSQL and the Kafka broker are
 * stopped and started again on the same ports with the same data, and the outbox relay resumes by itself after
 * each, relaying what was committed before the stop and while the broker was away.
 */
class StackRestartTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "ocpi.session.v1";
    private static final String SCHEMA = "restart";

    @Test
    void postgresAndKafkaRestartWithTheirDataAndTheRelayResumes() throws Exception {
        List<String> args = List.of("--ephemeral", "--exit-on-stdin-eof", "--control-port", "0");
        try (ChildStack stack = ChildStack.launch(args, Path.of("target", "local-stack-restart.log"), READY_TIMEOUT)) {
            assertThat(stack.controlPort()).isPresent();
            Row first = row("R-1");
            Row beforePgStop = row("R-2");
            try (Connection c = connect(stack); Statement st = c.createStatement()) {
                OutboxTestSupport.createOutbox(st, SCHEMA);
                OutboxTestSupport.insert(c, SCHEMA, first);
                OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, first.id(), TIMEOUT);
                OutboxTestSupport.insert(c, SCHEMA, beforePgStop);
            }

            stack.control("STOP_PG", CONTROL_TIMEOUT);
            assertThatThrownBy(() -> connect(stack).close()).isInstanceOf(SQLException.class);
            stack.control("START_PG", CONTROL_TIMEOUT);

            Row afterPgRestart = row("R-3");
            try (Connection c = connect(stack); Statement st = c.createStatement()) {
                assertThat(count(st)).as("outbox rows kept across the restart").isEqualTo(2);
                OutboxTestSupport.insert(c, SCHEMA, afterPgRestart);
            }
            OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, beforePgStop.id(), TIMEOUT);
            OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, afterPgRestart.id(), TIMEOUT);

            stack.control("STOP_KAFKA", CONTROL_TIMEOUT);
            Row whileKafkaDown = row("R-4");
            try (Connection c = connect(stack)) {
                OutboxTestSupport.insert(c, SCHEMA, whileKafkaDown);
            }
            stack.control("START_KAFKA", CONTROL_TIMEOUT);
            Row afterKafkaRestart = row("R-5");
            try (Connection c = connect(stack)) {
                OutboxTestSupport.insert(c, SCHEMA, afterKafkaRestart);
            }
            // the broker kept its log: the first record is still there, and the relay sent the held and the new row
            OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, first.id(), TIMEOUT);
            OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, whileKafkaDown.id(), TIMEOUT);
            OutboxTestSupport.awaitById(stack.kafkaBootstrap(), TOPIC, afterKafkaRestart.id(), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> stack.control("RELAYED", CONTROL_TIMEOUT).contains(SCHEMA));

            assertThatThrownBy(() -> stack.control("REBOOT", CONTROL_TIMEOUT))
                    .hasMessageContaining("ERROR REBOOT unknown command");
        }
    }

    private static Connection connect(ChildStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password());
    }

    private static int count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from " + SCHEMA + ".outbox_event")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Row row(String session) {
        return new Row(UUID.randomUUID(), TOPIC, session, "ocpi.session.updated.v1", "/chargeclear/ocpi-gateway",
                session, Instant.now().truncatedTo(ChronoUnit.MICROS), "{\"id\":\"" + session + "\"}");
    }
}
