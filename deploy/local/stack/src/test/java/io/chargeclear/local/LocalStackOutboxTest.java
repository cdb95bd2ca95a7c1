package io.chargeclear.local;

import io.chargeclear.local.OutboxTestSupport.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.chargeclear.local.OutboxTestSupport.awaitById;
import static io.chargeclear.local.OutboxTestSupport.headerBytes;
import static io.chargeclear.local.OutboxTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The stack in-process, ephemeral: outbox rows reach Kafka as CloudEvents-in-headers records, bytes untouched. */
class LocalStackOutboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        StackOptions o = new StackOptions();
        o.ephemeral = true;
        stack = LocalStack.start(o);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            Path dataDir = stack.dataDir();
            stack.close();
            assertThat(Files.exists(dataDir)).as("ephemeral data dir deleted").isFalse();
        }
    }

    @Test
    void outboxRowsAreRelayedWithCloudEventsHeadersByteForByte() throws Exception {
        Row before = new Row(UUID.randomUUID(), "hub.party.v1", "NL*ABC", "hub.party.registered.v1",
                "/chargeclear/party-registry", "NL*ABC", Instant.parse("2025-03-01T10:15:30.123456Z"),
                "{\"party_id\":\"ABC\",\"country_code\":\"NL\",\"name\":\"Zoë € \\\"quoted\\\"\"}");
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                OutboxTestSupport.createOutbox(st, "demo");
            }
            // written in the same transaction as the table: before any relay engine for "demo" can exist
            OutboxTestSupport.insert(c, "demo", before);
            assertThat(stack.relayedSchemas()).doesNotContain("demo");
            c.commit();
        }

        // snapshot.mode=initial: the row written before the slot existed is relayed too
        ConsumerRecord<byte[], byte[]> r1 = awaitById(stack.kafkaBootstrap(), before.topic(), before.id(), TIMEOUT);
        assertRelayed(r1, before, "2025-03-01T10:15:30.123456Z");
        assertThat(stack.relayedSchemas()).contains("demo");

        // streamed row, null subject -> no ce_subject header; another topic
        Row after = new Row(UUID.randomUUID(), "ocpi.cdr.v1", "CDR-42", "ocpi.cdr.received.v1",
                "/chargeclear/ocpi-gateway", null, Instant.parse("2025-03-01T23:59:59Z"), "{\"id\":\"CDR-42\"}");
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password())) {
            OutboxTestSupport.insert(c, "demo", after);
        }
        ConsumerRecord<byte[], byte[]> r2 = awaitById(stack.kafkaBootstrap(), after.topic(), after.id(), TIMEOUT);
        assertRelayed(r2, after, "2025-03-01T23:59:59.000000Z"); // Debezium ZonedTimestamp: always 6 fraction digits
        assertThat(r2.headers().lastHeader("ce_subject")).isNull();
    }

    private static void assertRelayed(ConsumerRecord<byte[], byte[]> r, Row row, String expectedTime) {
        assertThat(r.topic()).isEqualTo(row.topic());
        assertThat(r.key()).isEqualTo(utf8(row.aggregateId()));
        assertThat(r.value()).isEqualTo(utf8(row.payload()));
        assertThat(headerBytes(r, "ce_id")).isEqualTo(utf8(row.id().toString()));
        assertThat(headerBytes(r, "ce_type")).isEqualTo(utf8(row.type()));
        assertThat(headerBytes(r, "ce_source")).isEqualTo(utf8(row.source()));
        if (row.subject() != null) assertThat(headerBytes(r, "ce_subject")).isEqualTo(utf8(row.subject()));
        assertThat(headerBytes(r, "ce_specversion")).isEqualTo(utf8("1.0"));
        assertThat(headerBytes(r, "content-type")).isEqualTo(utf8("application/json"));
        // ISO-8601 UTC, as CloudEvents "time" wants it
        String time = OutboxTestSupport.header(r, "ce_time");
        assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
        assertThat(Instant.parse(time)).isEqualTo(row.occurredAt());
        assertThat(headerBytes(r, "ce_time")).isEqualTo(utf8(expectedTime));
        assertThat(r.headers().headers("ce_type")).hasSize(1);
        List<String> expectedHeaders = new java.util.ArrayList<>(
                List.of("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "content-type"));
        if (row.subject() != null) expectedHeaders.add("ce_subject");
        assertThat(java.util.Arrays.stream(r.headers().toArray()).map(h -> h.key()))
                .as("exactly the CloudEvents headers").containsExactlyInAnyOrderElementsOf(expectedHeaders);
    }

    @Test
    void topicCatalogueIsCreatedWithItsConfigs() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            List<String> names = TopicCatalogue.topics().stream().map(TopicCatalogue.Topic::name).toList();
            assertThat(names).hasSize(20).contains("hub.party.v1", "ocpi.delivery.v1", "ocpi.payment.v1",
                    "ocpi.invoice-reconciliation.v1", "settlement.net-position.v1", "settlement.invoice-record.v1");
            Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(d.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));

            ConfigResource party = new ConfigResource(ConfigResource.Type.TOPIC, "hub.party.v1");
            ConfigResource cdr = new ConfigResource(ConfigResource.Type.TOPIC, "ocpi.cdr.v1");
            ConfigResource posting = new ConfigResource(ConfigResource.Type.TOPIC, "settlement.posting.v1");
            Map<ConfigResource, Config> cfg = admin.describeConfigs(List.of(party, cdr, posting)).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(cfg.get(party).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(cfg.get(cdr).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(cfg.get(cdr).get("retention.ms").value()).isEqualTo("604800000");
            assertThat(cfg.get(posting).get("retention.ms").value()).isEqualTo("-1");
        }
        // creating again is a no-op
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            assertThat(TopicCatalogue.ensureTopics(admin)).isEmpty();
        }
    }

    @Test
    void postgresHasLogicalDecodingAndTheApplicationRole() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.user(), stack.password());
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("select current_setting('wal_level'), current_setting('server_version_num')::int,"
                    + " r.rolreplication, r.rolsuper from pg_roles r where r.rolname = current_user");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("logical");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(LocalPostgres.isRoot() && !LocalPostgres.unshareUsable() ? 150000 : 170000);
            assertThat(rs.getBoolean(3)).isTrue();
            assertThat(rs.getBoolean(4)).as("relay works without superuser").isFalse();
        }
    }
}
