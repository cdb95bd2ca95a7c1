package io.chargeclear.testkit;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service with a party directory must do with {@code hub.party.v1}: apply snapshots in order,
 * ignore a redelivered event (inbox) and a stale revision, and forget an unregistered platform. A service's
 * test class extends this with {@code @QuarkusTest} and the {@link LocalInfraResource}; the events are
 * produced to the real Kafka broker exactly as the party registry's outbox relay writes them.
 */
public abstract class PartyDirectoryContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TOPIC = "hub.party.v1";

    /** The schema the service under test owns, e.g. {@code ocpi_gateway}. */
    protected abstract String schema();

    @Test
    void appliesSnapshotsOnceInOrderAndForgetsUnregisteredPlatforms() throws Exception {
        String platform = UUID.randomUUID().toString();
        String partyId = UUID.randomUUID().toString().substring(0, 3).toUpperCase();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            String registered = send(kafka, platform, "hub.platform.registered.v1", 2, "ACTIVE", partyId);
            awaitParty(partyId, "ACTIVE", 2);

            // the same event again (at-least-once delivery), then an older revision arriving late
            send(kafka, platform, registered, "hub.platform.registered.v1", 2, "ACTIVE", partyId);
            send(kafka, platform, "hub.platform.registered.v1", 1, "ACTIVE", "OLD");
            send(kafka, platform, "hub.platform.suspended.v1", 3, "SUSPENDED", partyId);
            awaitParty(partyId, "SUSPENDED", 3);

            assertThat(partyIds()).doesNotContain("OLD");
            assertThat(inboxRows(registered)).as("a redelivered event is recorded once").isEqualTo(1);

            send(kafka, platform, "hub.platform.unregistered.v1", 4, "UNREGISTERED", partyId);
            await("unregistered platform leaves the directory").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(partyIds()).doesNotContain(partyId));
        }
    }

    @Test
    void theDirectoryIsOperatorOnly() {
        given().get("/admin/directory/parties").then().statusCode(401);
    }

    private String send(KafkaTestClient kafka, String platform, String type, long revision, String status,
                        String partyId) {
        return send(kafka, platform, UUID.randomUUID().toString(), type, revision, status, partyId);
    }

    private String send(KafkaTestClient kafka, String platform, String eventId, String type, long revision,
                        String status, String partyId) {
        String payload = """
                {"platform_id": "%s", "name": "Contract platform", "status": "%s", "revision": %d,
                 "parties": [{"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "Contract CPO"}],
                 "changed_at": "2026-11-24T10:00:00.000000Z"}""".formatted(platform, status, revision, partyId);
        kafka.produce(TOPIC, platform, Map.of("ce_id", eventId, "ce_type", type, "ce_source",
                "/chargeclear/party-registry", "ce_specversion", "1.0", "ce_subject", platform,
                "ce_time", "2026-11-24T10:00:00.000000Z", "content-type", "application/json"), payload);
        return eventId;
    }

    private void awaitParty(String partyId, String status, long revision) {
        await("party " + partyId + " " + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<Map<String, Object>> rows = admin().get("/admin/directory/parties").then().statusCode(200)
                            .extract().jsonPath().getList("findAll { it.party_id == '" + partyId + "' }");
                    assertThat(rows).hasSize(1);
                    assertThat(rows.get(0)).containsEntry("status", status)
                            .containsEntry("revision", (int) revision)
                            .containsEntry("country_code", "NL")
                            .containsEntry("role", "CPO");
                });
    }

    private List<String> partyIds() {
        return admin().get("/admin/directory/parties").then().statusCode(200).extract().jsonPath()
                .getList("party_id", String.class);
    }

    private int inboxRows(String eventId) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement(
                     "select count(*) from " + schema() + ".inbox_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin").contentType(ContentType.JSON);
    }
}
