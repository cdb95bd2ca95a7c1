package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service prunes outbox rows past their retention (7 days; every 2 s under test) and keeps the recent ones;
 * the relay still delivered the pruned rows' events, ignores the deletes and goes on relaying.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OutboxPruningTest {

    private static final String TOPIC = "settlement.posting.v1";

    @Test
    void rowsPastTheRetentionArePrunedAndTheRelayGoesOn() throws SQLException {
        UUID old = insert(Instant.now().minus(30, ChronoUnit.DAYS));
        UUID recent = insert(Instant.now().minus(1, ChronoUnit.DAYS));
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            kafka.awaitRecord(TOPIC, r -> old.toString().equals(KafkaTestClient.header(r, "ce_id")),
                    Duration.ofSeconds(60));

            await("the old row pruned").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !exists(old));
            assertThat(exists(recent)).as("a row within the retention stays").isTrue();

            UUID after = insert(Instant.now());
            kafka.awaitRecord(TOPIC, r -> after.toString().equals(KafkaTestClient.header(r, "ce_id")),
                    Duration.ofSeconds(60));
        }
    }

    private static UUID insert(Instant occurredAt) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("insert into"
                + " settlement.outbox_event (id, topic, aggregate_id, type, source, subject, occurred_at, payload)"
                + " values (?, ?, ?, 'settlement.test-pruning.v1', '/chargeclear/test', null, ?, '{}')")) {
            insert.setObject(1, id);
            insert.setString(2, TOPIC);
            insert.setString(3, "pruning-test");
            insert.setTimestamp(4, Timestamp.from(occurredAt));
            insert.executeUpdate();
        }
        return id;
    }

    private static boolean exists(UUID id) throws SQLException {
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement("select 1 from settlement.outbox_event where id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }
}
