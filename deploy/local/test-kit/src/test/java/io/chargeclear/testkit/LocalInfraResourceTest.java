package io.chargeclear.testkit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit as a service uses it: config injected into Quarkus, outbox relayed, direct Kafka access. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class LocalInfraResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrap;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void configPointsAtTheRunningInfrastructure() {
        assertEquals(LocalInfraResource.kafkaBootstrap(), kafkaBootstrap);
        assertEquals(LocalInfraResource.jdbcUrl(), jdbcUrl);
        assertEquals(jdbcUrl.substring("jdbc:".length()), reactiveUrl);
        assertTrue(reactiveUrl.matches("postgresql://[^/]+:\\d+/chargeclear"), reactiveUrl);
    }

    @Test
    void serviceOutboxRowIsRelayedToKafka() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalInfraResource.username(),
                LocalInfraResource.password())) {
            try (Statement st = c.createStatement()) {
                st.execute("create schema if not exists kit");
                st.execute("create table if not exists kit.outbox_event (id uuid primary key,"
                        + " topic varchar(128) not null, aggregate_id varchar(255) not null,"
                        + " type varchar(128) not null, source varchar(255) not null, subject varchar(255),"
                        + " occurred_at timestamptz not null, payload text not null)");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into kit.outbox_event values (?,?,?,?,?,?,?,?)")) {
                ps.setObject(1, id);
                ps.setString(2, "rating.cdr-rated.v1");
                ps.setString(3, "CDR-1");
                ps.setString(4, "rating.cdr-rated.v1");
                ps.setString(5, "/chargeclear/cdr-rating");
                ps.setString(6, null);
                ps.setObject(7, OffsetDateTime.parse("2025-05-01T12:00:00Z"));
                ps.setString(8, "{\"cdr_id\":\"CDR-1\"}");
                ps.executeUpdate();
            }
        }
        try (KafkaTestClient kafka = KafkaTestClient.local()) {
            ConsumerRecord<String, String> r = kafka.awaitRecord("rating.cdr-rated.v1",
                    rec -> id.toString().equals(KafkaTestClient.header(rec, "ce_id")), Duration.ofSeconds(60));
            assertEquals("CDR-1", r.key());
            assertEquals("{\"cdr_id\":\"CDR-1\"}", r.value());
            assertEquals("rating.cdr-rated.v1", KafkaTestClient.header(r, "ce_type"));
            assertEquals("1.0", KafkaTestClient.header(r, "ce_specversion"));
            assertEquals("2025-05-01T12:00:00.000000Z", KafkaTestClient.header(r, "ce_time"));
        }
    }

    @Test
    void postgresAndKafkaRestartOnTheirPortsWithTheirData() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalInfraResource.username(),
                LocalInfraResource.password()); Statement st = c.createStatement()) {
            st.execute("create table if not exists public.restart_marker (id text primary key)");
            st.execute("insert into public.restart_marker values ('" + marker + "')");
        }
        String key = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = KafkaTestClient.local()) {
            kafka.produce("hub.agreement.v1", key, Map.of("ce_type", "hub.agreement.signed.v1"), "{\"x\":2}");
        }

        LocalInfraResource.restartPostgres();
        LocalInfraResource.restartKafka();

        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalInfraResource.username(),
                LocalInfraResource.password()); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from public.restart_marker where id = '" + marker + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        try (KafkaTestClient kafka = KafkaTestClient.local()) {
            kafka.awaitRecord("hub.agreement.v1", rec -> key.equals(rec.key()), Duration.ofSeconds(30));
        }
    }

    @Test
    void produceAndAwaitRoundTrip() {
        try (KafkaTestClient kafka = KafkaTestClient.local()) {
            String key = UUID.randomUUID().toString();
            kafka.produce("hub.agreement.v1", key, Map.of("ce_type", "hub.agreement.signed.v1"), "{\"x\":1}");
            ConsumerRecord<String, String> r = kafka.awaitRecord("hub.agreement.v1", rec -> key.equals(rec.key()),
                    Duration.ofSeconds(30));
            assertEquals("hub.agreement.signed.v1", KafkaTestClient.header(r, "ce_type"));
        }
    }
}
