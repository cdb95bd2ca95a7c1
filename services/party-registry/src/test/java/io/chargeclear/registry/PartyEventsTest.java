package io.chargeclear.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static io.chargeclear.registry.PlatformAdminTest.admin;
import static io.chargeclear.registry.PlatformAdminTest.freshPartyId;
import static io.chargeclear.registry.PlatformAdminTest.platformJson;
import static io.chargeclear.registry.PlatformAdminTest.register;
import static org.assertj.core.api.Assertions.assertThat;

/** Platform changes reach Kafka through the outbox and Debezium, with CloudEvents headers, and only if they commit. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class PartyEventsTest {

    private static final Duration RELAY = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void registeringAPlatformPublishesItsSnapshotOnHubPartyTopic() throws Exception {
        String pid = freshPartyId();
        var registered = admin().body(platformJson("Evented", "BE", pid, "CPO")).post("/admin/platforms")
                .then().statusCode(201).extract();
        String id = registered.path("id");
        String tokenA = registered.path("token_a");

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> record = kafka.awaitRecord("hub.party.v1",
                    r -> id.equals(r.key()) && "hub.platform.registered.v1".equals(header(r, "ce_type")), RELAY);

            assertThat(header(record, "ce_source")).isEqualTo("/chargeclear/party-registry");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(header(record, "ce_id")).matches("[0-9a-f-]{36}");
            assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
            JsonNode payload = json.readTree(record.value());
            assertThat(payload.path("platform_id").asText()).isEqualTo(id);
            assertThat(payload.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(payload.path("revision").asLong()).isEqualTo(1);
            assertThat(payload.path("plain_tokens").asBoolean(true)).isFalse();
            assertThat(payload.path("parties").get(0).path("party_id").asText()).isEqualTo(pid);
            assertThat(payload.path("credentials")).hasSize(1);
            assertThat(payload.path("credentials").get(0).path("kind").asText()).isEqualTo("A");
            assertThat(payload.path("credentials").get(0).path("token_hash").asText())
                    .as("only the token's SHA-256 travels").isEqualTo(sha256(tokenA)).doesNotContain(tokenA);

            admin().post("/admin/platforms/" + id + "/suspend").then().statusCode(200);
            ConsumerRecord<String, String> suspended = kafka.awaitRecord("hub.party.v1",
                    r -> id.equals(r.key()) && "hub.platform.suspended.v1".equals(header(r, "ce_type")), RELAY);
            assertThat(json.readTree(suspended.value()).path("revision").asLong()).isEqualTo(2);
            assertThat(json.readTree(suspended.value()).path("status").asText()).isEqualTo("SUSPENDED");
        }
    }

    @Test
    void aRefusedChangeLeavesNoEventBehind() throws Exception {
        String pid = freshPartyId();
        register("Holder", "AT", pid, "EMSP");
        String intruder = "Intruder " + pid;
        admin().body(platformJson(intruder, "AT", pid, "EMSP")).post("/admin/platforms").then().statusCode(409);

        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement(
                     "select count(*) from party_registry.outbox_event where payload like ?")) {
            // the party as the snapshot writes it; a bare party id could also occur inside a token hash or a UUID
            query.setString(1, "%\"country_code\":\"AT\",\"party_id\":\"" + pid + "\"%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("events mentioning the party: the holder's registration only").isEqualTo(1);
            }
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaTestClient.header(record, name);
    }
}
