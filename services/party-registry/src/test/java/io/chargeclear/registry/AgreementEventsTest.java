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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.chargeclear.registry.AgreementAdminTest.Pair;
import static io.chargeclear.registry.PlatformAdminTest.admin;
import static io.chargeclear.registry.PlatformAdminTest.freshPartyId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agreement and standard-terms changes reach {@code hub.agreement.v1} through the outbox and Debezium, with
 * CloudEvents headers and the full snapshot, and only if they commit.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AgreementEventsTest {

    private static final Duration RELAY = Duration.ofSeconds(60);
    private static final String TOPIC = "hub.agreement.v1";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void creatingAndEndingAnAgreementPublishSnapshots() throws Exception {
        Pair pair = Pair.registered();
        String id = pair.create("2026-01-01T00:00:00Z", null);

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> created = kafka.awaitRecord(TOPIC,
                    r -> id.equals(r.key()) && "hub.agreement.created.v1".equals(header(r, "ce_type")), RELAY);

            assertThat(header(created, "ce_source")).isEqualTo("/chargeclear/party-registry");
            assertThat(header(created, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(created, "ce_subject")).isEqualTo(id);
            assertThat(header(created, "ce_id")).matches("[0-9a-f-]{36}");
            assertThat(header(created, "content-type")).isEqualTo("application/json");
            assertThat(Instant.parse(header(created, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
            JsonNode payload = json.readTree(created.value());
            assertThat(payload.path("agreement_id").asText()).isEqualTo(id);
            assertThat(payload.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(payload.path("revision").asLong()).isEqualTo(1);
            assertThat(payload.path("cpo").path("country_code").asText()).isEqualTo(pair.cpoCc());
            assertThat(payload.path("cpo").path("party_id").asText()).isEqualTo(pair.cpoPid());
            assertThat(payload.path("emsp").path("party_id").asText()).isEqualTo(pair.emspPid());
            assertThat(payload.path("valid_from").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(payload.path("valid_until").isNull()).isTrue();
            assertThat(payload.path("modules")).hasSize(8);
            assertThat(payload.path("hub_fee").path("percent").isTextual()).as("percent is a decimal string").isTrue();
            assertThat(payload.path("hub_fee").path("percent").asText()).isEqualTo("2.5");
            assertThat(payload.path("hub_fee").path("per_session").isArray()).as("one fee per currency").isTrue();
            assertThat(payload.path("hub_fee").path("per_session")).hasSize(1);
            assertThat(payload.path("hub_fee").path("per_session").path(0).path("amount").isTextual()).isTrue();
            assertThat(payload.path("hub_fee").path("per_session").path(0).path("amount").asText()).isEqualTo("0.10");
            assertThat(payload.path("hub_fee").path("per_session").path(0).path("currency").asText()).isEqualTo("EUR");
            assertThat(payload.path("sla").path("cdr_within_hours").asInt()).isEqualTo(48);
            assertThat(payload.path("sla").path("authorization_answer_within_ms").asInt()).isEqualTo(5000);
            assertThat(payload.path("dispute_window_days").asInt()).isEqualTo(30);
            assertThat(payload.path("ended_at").isNull()).isTrue();
            Instant.parse(payload.path("changed_at").asText());

            admin().delete("/admin/agreements/" + id).then().statusCode(200);
            ConsumerRecord<String, String> ended = kafka.awaitRecord(TOPIC,
                    r -> id.equals(r.key()) && "hub.agreement.ended.v1".equals(header(r, "ce_type")), RELAY);
            JsonNode after = json.readTree(ended.value());
            assertThat(after.path("status").asText()).isEqualTo("ENDED");
            assertThat(after.path("revision").asLong()).isEqualTo(2);
            assertThat(Instant.parse(after.path("valid_until").asText()))
                    .isEqualTo(Instant.parse(after.path("ended_at").asText()));
            assertThat(after.path("hub_fee").path("percent").asText()).isEqualTo("2.5");
        }
    }

    @Test
    void refusedRequestsLeaveNoEventBehind() throws Exception {
        Pair pair = Pair.registered();
        String id = pair.create("2026-01-01T00:00:00Z", null);
        admin().body(pair.json("2027-01-01T00:00:00Z", null)).post("/admin/agreements").then().statusCode(409);
        admin().body(pair.json("2027-01-01T00:00:00Z", null, "{\"percent\": \"200\"}", ""))
                .post("/admin/agreements").then().statusCode(400);
        admin().body(new Pair(pair.cpoCc(), pair.cpoPid(), AgreementAdminTest.freshCountry(), freshPartyId()).json("2027-01-01T00:00:00Z", null))
                .post("/admin/agreements").then().statusCode(400);
        admin().delete("/admin/agreements/" + id).then().statusCode(200);
        admin().delete("/admin/agreements/" + id).then().statusCode(409);

        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement(
                     "select type from party_registry.outbox_event where topic = ? and payload like ? order by occurred_at")) {
            query.setString(1, TOPIC);
            query.setString(2, "%\"party_id\":\"" + pair.cpoPid() + "\"%");
            try (ResultSet rs = query.executeQuery()) {
                List<String> types = new ArrayList<>();
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
                assertThat(types).as("events of the pair: the one creation and the one ending")
                        .containsExactly("hub.agreement.created.v1", "hub.agreement.ended.v1");
            }
        }
    }

    @Test
    void standardTermsAreSeededAndEveryChangeIsPublished() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> seeded = kafka.awaitRecord(TOPIC, r -> "standard-terms".equals(r.key())
                    && "hub.agreement.standard-terms-changed.v1".equals(header(r, "ce_type"))
                    && revision(r) == 1, RELAY);
            JsonNode initial = json.readTree(seeded.value());
            assertThat(initial.path("mode").asText()).isEqualTo("AGREEMENT_REQUIRED");
            assertThat(initial.path("hub_fee").path("percent").asText()).isEqualTo("0");
            assertThat(initial.path("modules")).hasSize(7);
            assertThat(initial.path("sla").path("cdr_within_hours").asInt()).isEqualTo(48);
            assertThat(initial.path("dispute_window_days").asInt()).isEqualTo(30);
            Instant.parse(initial.path("changed_at").asText());
            assertThat(header(seeded, "ce_subject")).isEqualTo("standard-terms");

            int revision = admin().body("""
                            {"mode": "OPEN_MARKET", "modules": ["locations", "tariffs"],
                             "hub_fee": {"per_session": {"amount": "0.20", "currency": "EUR"}}}
                            """).put("/admin/agreements/standard-terms")
                    .then().statusCode(200).extract().path("revision");
            ConsumerRecord<String, String> changed = kafka.awaitRecord(TOPIC, r -> "standard-terms".equals(r.key())
                    && revision(r) == revision, RELAY);
            assertThat(header(changed, "ce_type")).isEqualTo("hub.agreement.standard-terms-changed.v1");
            assertThat(header(changed, "ce_source")).isEqualTo("/chargeclear/party-registry");
            JsonNode payload = json.readTree(changed.value());
            assertThat(payload.path("mode").asText()).isEqualTo("OPEN_MARKET");
            assertThat(payload.path("modules").toString()).isEqualTo("[\"locations\",\"tariffs\"]");
            assertThat(payload.path("hub_fee").path("percent").isNull()).isTrue();
            assertThat(payload.path("hub_fee").path("per_session").path(0).path("amount").asText()).isEqualTo("0.20");

            admin().body("{\"mode\": \"AGREEMENT_REQUIRED\", \"hub_fee\": {\"percent\": \"0\"}}")
                    .put("/admin/agreements/standard-terms").then().statusCode(200);
        }
    }

    private long revision(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).path("revision").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaTestClient.header(record, name);
    }
}
