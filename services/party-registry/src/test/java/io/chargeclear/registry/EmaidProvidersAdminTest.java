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

import java.time.Duration;

import static io.chargeclear.registry.PlatformAdminTest.admin;
import static io.chargeclear.registry.PlatformAdminTest.freshPartyId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.nullValue;

/**
 * The operator's registry of EMAID provider ids (Plug & Charge): given when an eMSP is registered, replaced later,
 * one holder per id, normalised, and carried to the other services on {@code hub.party.v1}.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class EmaidProvidersAdminTest {

    private static final Duration RELAY = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    private static String emsp(String pid, String providers) {
        return """
                {"name": "P&C %s", "parties": [
                  {"country_code": "NL", "party_id": "%s", "role": "EMSP", "name": "eMSP %s", "emaid_provider_ids": %s}]}
                """.formatted(pid, pid, pid, providers);
    }

    @Test
    void providerIdsAreNormalisedShownAndPublished() throws Exception {
        String pid = freshPartyId();
        // shown and published in id order
        String[] expected = java.util.stream.Stream.of("NL" + pid, "NL" + pid.charAt(0) + "X9").sorted()
                .toArray(String[]::new);
        String id = admin().body(emsp(pid, "[\"nl-" + pid.toLowerCase() + "\", \"NL*" + pid.charAt(0) + "X9\"]"))
                .post("/admin/platforms").then().statusCode(201)
                .body("parties[0].emaid_provider_ids", contains(expected))
                .body("parties[0].payment_terminal_provider", nullValue())
                .extract().path("id");

        admin().get("/admin/platforms/" + id).then().statusCode(200)
                .body("parties[0].emaid_provider_ids", contains(expected));

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> record = kafka.awaitRecord("hub.party.v1",
                    r -> id.equals(r.key()) && "hub.platform.registered.v1".equals(KafkaTestClient.header(r, "ce_type")),
                    RELAY);
            JsonNode party = json.readTree(record.value()).path("parties").get(0);
            assertThat(party.path("emaid_provider_ids").toString())
                    .isEqualTo("[\"" + expected[0] + "\",\"" + expected[1] + "\"]");
            assertThat(party.path("payment_terminal_provider").asBoolean(true)).isFalse();
        }
    }

    @Test
    void aProviderIdHasOneHolder() {
        String holder = freshPartyId();
        String other = freshPartyId();
        admin().body(emsp(holder, "[\"NL" + holder + "\"]")).post("/admin/platforms").then().statusCode(201);

        admin().body(emsp(other, "[\"nl" + holder.toLowerCase() + "\"]")).post("/admin/platforms").then()
                .statusCode(409)
                .body("message", containsString("EMAID provider id NL" + holder + " is held by eMSP NL/" + holder));
        // nothing of the refused registration stays: its party can still be registered
        admin().body(emsp(other, "[]")).post("/admin/platforms").then().statusCode(201);
    }

    @Test
    void providerIdsAreReplacedLaterAndFollowTheHolder() throws Exception {
        String pid = freshPartyId();
        String id = admin().body(emsp(pid, "[\"NL" + pid + "\"]")).post("/admin/platforms").then().statusCode(201)
                .extract().path("id");

        admin().body("{\"emaid_provider_ids\": [\"nl-" + pid.toLowerCase() + "\", \"BE" + pid + "\"]}")
                .put("/admin/platforms/" + id + "/parties/nl/" + pid.toLowerCase() + "/emaid-provider-ids")
                .then().statusCode(200)
                .body("parties[0].emaid_provider_ids", contains("BE" + pid, "NL" + pid))
                .body("revision", org.hamcrest.Matchers.equalTo(2));
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> record = kafka.awaitRecord("hub.party.v1",
                    r -> id.equals(r.key())
                            && "hub.platform.party-updated.v1".equals(KafkaTestClient.header(r, "ce_type")), RELAY);
            assertThat(json.readTree(record.value()).path("parties").get(0).path("emaid_provider_ids").toString())
                    .isEqualTo("[\"BE" + pid + "\",\"NL" + pid + "\"]");
        }

        admin().body("{\"emaid_provider_ids\": []}")
                .put("/admin/platforms/" + id + "/parties/NL/" + pid + "/emaid-provider-ids")
                .then().statusCode(200).body("parties[0].emaid_provider_ids", empty());
        // taken away, the id is free for another eMSP; unregistering frees them too
        String next = freshPartyId();
        String nextId = admin().body(emsp(next, "[\"NL" + pid + "\"]")).post("/admin/platforms").then()
                .statusCode(201).extract().path("id");
        admin().delete("/admin/platforms/" + nextId).then().statusCode(200);
        admin().body(emsp(freshPartyId(), "[\"NL" + pid + "\"]")).post("/admin/platforms").then().statusCode(201);
    }

    @Test
    void wrongIdsAndWrongPartiesAreRefusedNamingTheField() {
        String pid = freshPartyId();
        admin().body(emsp(pid, "[\"NL\"]")).post("/admin/platforms").then().statusCode(400)
                .body("message", containsString("parties[0].emaid_provider_ids[0] must be an EMAID provider id"));
        admin().body(emsp(pid, "[\"NLABC\", \"nl-abc\"]")).post("/admin/platforms").then().statusCode(400)
                .body("message", containsString("parties[0].emaid_provider_ids[1]: NLABC is listed twice"));
        admin().body("""
                {"name": "CPO", "parties": [{"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "c",
                  "emaid_provider_ids": ["NL%s"]}]}
                """.formatted(pid, pid)).post("/admin/platforms").then().statusCode(400)
                .body("message", containsString("parties[0].emaid_provider_ids: only a party of role EMSP"));
        admin().body("""
                {"name": "PTP", "parties": [{"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "c",
                  "payment_terminal_provider": true}]}
                """.formatted(pid)).post("/admin/platforms").then().statusCode(400)
                .body("message", containsString("parties[0].payment_terminal_provider: only a party of role OTHER"));

        String id = admin().body(emsp(pid, "[]")).post("/admin/platforms").then().statusCode(201)
                .extract().path("id");
        admin().body("{\"emaid_provider_ids\": [\"NL" + pid + "\"]}")
                .put("/admin/platforms/" + id + "/parties/DE/" + pid + "/emaid-provider-ids")
                .then().statusCode(404).body("message", containsString("eMSP party DE/" + pid));
        admin().body("{\"emaid_provider_ids\": \"NL" + pid + "\"}")
                .put("/admin/platforms/" + id + "/parties/NL/" + pid + "/emaid-provider-ids")
                .then().statusCode(400).body("message", containsString("emaid_provider_ids"));
        admin().body("{}").put("/admin/platforms/" + id + "/parties/NL/" + pid + "/emaid-provider-ids")
                .then().statusCode(400).body("message", containsString("emaid_provider_ids"));
    }

    @Test
    void aPaymentTerminalProviderIsAPartyOfRoleOther() {
        String pid = freshPartyId();
        admin().body("""
                {"name": "Terminals %s", "parties": [{"country_code": "NL", "party_id": "%s", "role": "OTHER",
                  "name": "Terminals", "payment_terminal_provider": true}]}
                """.formatted(pid, pid)).post("/admin/platforms").then().statusCode(201)
                .body("parties[0].payment_terminal_provider", org.hamcrest.Matchers.equalTo(true))
                .body("parties[0].emaid_provider_ids", nullValue());
    }
}
