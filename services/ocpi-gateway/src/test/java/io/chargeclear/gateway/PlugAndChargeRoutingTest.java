package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.PartnersOnLoopback.Party;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.gateway.PartnersOnLoopback.agreement;
import static io.chargeclear.gateway.PartnersOnLoopback.announce;
import static io.chargeclear.gateway.PartnersOnLoopback.connect;
import static io.chargeclear.gateway.PartnersOnLoopback.endpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plug & Charge through the hub (docs/adr/0029-plug-and-charge.md): a CPO asks about an EMAID contract id without
 * naming the eMSP, and the hub routes it by the contract id's provider id to the eMSP the operator registered for it,
 * gated by the agreements. The CPO and four eMSPs are real OCPI platforms on loopback (two on 2.3.0, two on 2.2.1);
 * the parties with their provider ids and the agreements arrive over real Kafka, as the registry publishes them.
 * Acceptance tests P1–P6 of the OCPI 2.3.0 requirements.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class PlugAndChargeRoutingTest {

    private static final String CC = "NL";
    private static final String CPO = "PCC";
    /** On 2.3.0, holds the provider ids NLPCE and NLQ7X (an EMAID provider need not equal the party id). */
    private static final String EMSP_230 = "PCE";
    /** On 2.2.1, holds DEPC2. */
    private static final String EMSP_221 = "PC2";
    /** Holds NLPCN, but has no agreement with the CPO. */
    private static final String EMSP_NO_AGREEMENT = "PCN";
    /** Holds NLPCS and answers authorizations only after the hub has given up. */
    private static final String EMSP_SILENT = "PCS";
    private static final String TOKEN_C_OF_CPO = "pnc-cpo-" + UUID.randomUUID();
    private static final String AUTHORIZE = "/ocpi/2.3.0/sender/tokens/";

    private static OcpiPartner emsp230;
    private static OcpiPartner emsp221;
    private static OcpiPartner noAgreement;
    private static OcpiPartner silent;
    private static boolean ready;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void connectPartners() throws SQLException {
        if (ready) {
            return;
        }
        ready = true;
        emsp230 = OcpiPartner.emsp(CC, EMSP_230, "pnc-e-" + UUID.randomUUID()).onVersion("2.3.0").start()
                .authorizes("NL-PCE-C12345678-X", "ALLOWED").authorizes("nlpcec12345678x", "ALLOWED")
                .authorizes("NL-Q7X-CAAAAAAAA-1", "ALLOWED").authorizes("NL-PCE-PUSHED", "BLOCKED");
        emsp221 = OcpiPartner.emsp("DE", EMSP_221, "pnc-2-" + UUID.randomUUID()).start()
                .authorizes("DE-PC2-C87654321-Y", "ALLOWED");
        noAgreement = OcpiPartner.emsp(CC, EMSP_NO_AGREEMENT, "pnc-n-" + UUID.randomUUID()).start()
                .authorizes("NL-PCN-C11111111-Z", "ALLOWED");
        silent = OcpiPartner.emsp(CC, EMSP_SILENT, "pnc-s-" + UUID.randomUUID()).start()
                .authorizes("NL-PCS-C22222222-Z", "ALLOWED").authorizationDelay(Duration.ofSeconds(10));
        String cpoPlatform = UUID.randomUUID().toString();
        Map<OcpiPartner, String> platforms = Map.of(emsp230, UUID.randomUUID().toString(),
                emsp221, UUID.randomUUID().toString(), noAgreement, UUID.randomUUID().toString(),
                silent, UUID.randomUUID().toString());
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, cpoPlatform, Party.of(CC, CPO, "CPO"), TokenHeader.sha256(TOKEN_C_OF_CPO));
            announce(kafka, platforms.get(emsp230), emsp(CC, EMSP_230, "NLPCE", "NLQ7X"), unused());
            announce(kafka, platforms.get(emsp221), emsp("DE", EMSP_221, "DEPC2"), unused());
            announce(kafka, platforms.get(noAgreement), emsp(CC, EMSP_NO_AGREEMENT, "NLPCN"), unused());
            announce(kafka, platforms.get(silent), emsp(CC, EMSP_SILENT, "NLPCS"), unused());
            for (String[] emsp : List.of(new String[]{CC, EMSP_230}, new String[]{"DE", EMSP_221},
                    new String[]{CC, EMSP_SILENT})) {
                agreement(kafka, CC, CPO, emsp[0], emsp[1], List.of("tokens", "sessions", "cdrs"));
            }
        }
        for (OcpiPartner partner : List.of(emsp230, emsp221, noAgreement, silent)) {
            connect(cipher, platforms.get(partner), partner, List.of(endpoint("tokens", "SENDER", partner),
                    endpoint("sessions", "RECEIVER", partner), endpoint("cdrs", "RECEIVER", partner)));
        }
        // ready when the provider registry, the connections and the agreements are applied
        await("parties, connections and agreements applied").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> authorize("DE-PC2-C87654321-Y").statusCode() == 200
                        && authorize("NL-PCE-C12345678-X").statusCode() == 200);
        for (OcpiPartner partner : List.of(emsp230, emsp221, noAgreement, silent)) {
            partner.clearReceived();
        }
    }

    @AfterAll
    static void stopPartners() {
        if (emsp230 != null) {
            List.of(emsp230, emsp221, noAgreement, silent).forEach(OcpiPartner::close);
        }
    }

    /** P1: the contract id's provider names the eMSP; FROM is the CPO, TO the eMSP, the answer comes back unchanged. */
    @Test
    void anEmaidWithoutRoutingHeadersGoesToTheEmspHoldingItsProviderId() {
        ExtractableResponse<Response> answer = authorize("NL-PCE-C12345678-X");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getInt("status_code")).isEqualTo(1000);
        assertThat(answer.jsonPath().getString("data.allowed")).isEqualTo("ALLOWED");
        assertThat(answer.jsonPath().getString("data.token.uid")).isEqualTo("NL-PCE-C12345678-X");
        assertThat(answer.jsonPath().getString("data.token.type")).isEqualTo("EMAID");
        assertThat(answer.jsonPath().getString("data.token.party_id")).isEqualTo(EMSP_230);
        assertThat(answer.header("OCPI-from-party-id")).isEqualTo(EMSP_230);

        Received asked = emsp230.awaitReceived("POST", "/NL-PCE-C12345678-X/authorize", Duration.ofSeconds(10));
        assertThat(asked.query()).isEqualTo("type=EMAID");
        assertThat(asked.header("OCPI-from-country-code")).isEqualTo(CC);
        assertThat(asked.header("OCPI-from-party-id")).isEqualTo(CPO);
        assertThat(asked.header("OCPI-to-country-code")).isEqualTo(CC);
        assertThat(asked.header("OCPI-to-party-id")).isEqualTo(EMSP_230);

        // a provider id need not be the eMSP's party id
        assertThat(authorize("NL-Q7X-CAAAAAAAA-1").jsonPath().getString("data.allowed")).isEqualTo("ALLOWED");
        emsp230.awaitReceived("POST", "/NL-Q7X-CAAAAAAAA-1/authorize", Duration.ofSeconds(10));
    }

    /** P2: the provider is read in normal form (case and separators ignored); the uid travels as the CPO sent it. */
    @Test
    void theProviderIsReadIgnoringCaseAndSeparators() {
        ExtractableResponse<Response> answer = authorize("nlpcec12345678x");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("data.allowed")).isEqualTo("ALLOWED");
        emsp230.awaitReceived("POST", "/nlpcec12345678x/authorize", Duration.ofSeconds(10));
    }

    /** P3: an unknown provider, or an eMSP without an agreement, is 404 with 2004, and no eMSP is called. */
    @Test
    void anUnknownProviderOrAnEmspWithoutAgreementIs2004AndNoEmspIsCalled() {
        ExtractableResponse<Response> unknown = authorize("NL-ZZZ-C12345678-X");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getInt("status_code")).isEqualTo(2004);
        assertThat(unknown.jsonPath().getString("status_message")).contains("provider id NLZZZ");

        ExtractableResponse<Response> notAllowed = authorize("NL-PCN-C11111111-Z");
        assertThat(notAllowed.statusCode()).isEqualTo(404);
        assertThat(notAllowed.jsonPath().getInt("status_code")).isEqualTo(2004);
        assertThat(notAllowed.jsonPath().getString("status_message")).contains("no agreement");

        ExtractableResponse<Response> noProvider = authorize("1234");
        assertThat(noProvider.statusCode()).isEqualTo(404);
        assertThat(noProvider.jsonPath().getInt("status_code")).isEqualTo(2004);

        for (OcpiPartner partner : List.of(emsp230, emsp221, noAgreement, silent)) {
            assertThat(partner.received("POST", "/authorize")).as("authorizations asked of %s", partner.partyId())
                    .noneMatch(r -> r.path().contains("ZZZ") || r.path().contains("PCN") || r.path().contains("1234"));
        }
        assertThat(noAgreement.received()).isEmpty();
    }

    /** P4: an eMSP that does not answer within the hub's budget gives the CPO 4002 before the eMSP answers. */
    @Test
    void aSilentEmspIs4002WithinTheHubsBudget() {
        long started = System.nanoTime();
        ExtractableResponse<Response> answer = authorize("NL-PCS-C22222222-Z");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.jsonPath().getInt("status_code")).isEqualTo(4002);
        assertThat(took).as("the hub answered, not the eMSP (which waits 10 s)").isLessThan(Duration.ofSeconds(10));
        silent.awaitReceived("POST", "/NL-PCS-C22222222-Z/authorize", Duration.ofSeconds(10));
    }

    /** P5: a 2.2.1 eMSP is asked with type OTHER, and the CPO gets its EMAID back. */
    @Test
    void a221EmspIsAskedWithTypeOtherAndTheCpoGetsEmaidBack() {
        ExtractableResponse<Response> answer = authorize("DE-PC2-C87654321-Y");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("data.allowed")).isEqualTo("ALLOWED");
        assertThat(answer.jsonPath().getString("data.token.type")).isEqualTo("EMAID");
        Received asked = emsp221.awaitReceived("POST", "/DE-PC2-C87654321-Y/authorize", Duration.ofSeconds(10));
        assertThat(asked.query()).isEqualTo("type=OTHER");
        assertThat(asked.header("OCPI-to-party-id")).isEqualTo(EMSP_221);
    }

    /** Routing headers win: a CPO that names the eMSP is routed there, whatever the contract id's provider. */
    @Test
    void routingHeadersStillWin() {
        ExtractableResponse<Response> answer = cpo().header("OCPI-to-country-code", "DE")
                .header("OCPI-to-party-id", EMSP_221)
                .post(AUTHORIZE + "NL-PCE-C12345678-X/authorize?type=EMAID").then().extract();
        assertThat(answer.jsonPath().getInt("status_code")).as(answer.body().asString()).isEqualTo(2004);
        Received asked = emsp221.awaitReceived("POST", "/NL-PCE-C12345678-X/authorize", Duration.ofSeconds(10));
        assertThat(asked.header("OCPI-to-party-id")).isEqualTo(EMSP_221);
    }

    /** P6: a Plug & Charge session and CDR without routing headers go to the eMSP their cdr_token names. */
    @Test
    void aPlugAndChargeSessionAndCdrGoToTheEmspOfTheirCdrToken() {
        String session = "PNC-S-" + UUID.randomUUID().toString().substring(0, 8);
        cpo().body(session(session)).put("/ocpi/2.3.0/receiver/sessions/" + CC + "/" + CPO + "/" + session)
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        JsonNode delivered = emsp230.awaitReceived("PUT", "/" + session, Duration.ofSeconds(30)).json();
        assertThat(delivered.path("cdr_token").path("type").asText()).isEqualTo("EMAID");
        assertThat(delivered.path("auth_method").asText()).isEqualTo("AUTH_REQUEST");

        String cdr = "PNC-C-" + UUID.randomUUID().toString().substring(0, 8);
        cpo().body(cdr(cdr, session)).post("/ocpi/2.3.0/receiver/cdrs")
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        JsonNode cdrDelivered = emsp230.awaitReceived("POST", "/cdrs", Duration.ofSeconds(30)).json();
        assertThat(cdrDelivered.path("id").asText()).isEqualTo(cdr);
        assertThat(cdrDelivered.path("cdr_token").path("uid").asText()).isEqualTo("NL-PCE-C12345678-X");
        assertThat(emsp221.received("PUT", "/" + session)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ExtractableResponse<Response> authorize(String uid) {
        return cpo().post(AUTHORIZE + uid + "/authorize?type=EMAID").then().extract();
    }

    private static RequestSpecification cpo() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_CPO)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", CPO);
    }

    private static Party emsp(String countryCode, String partyId, String... providers) {
        return new Party(countryCode, partyId, "EMSP", List.of(providers), false);
    }

    private static String unused() {
        return TokenHeader.sha256("unused-" + UUID.randomUUID());
    }

    private static String session(String id) {
        return """
                {"country_code": "%s", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "kwh": 0, "cdr_token": {"country_code": "%1$s", "party_id": "%s", "uid": "NL-PCE-C12345678-X",
                 "type": "EMAID", "contract_id": "NL-PCE-C12345678-X"},
                 "auth_method": "AUTH_REQUEST", "location_id": "LOC1", "evse_uid": "EVSE1", "connector_id": "1",
                 "currency": "EUR", "status": "ACTIVE", "last_updated": "2026-11-01T10:00:05Z"}"""
                .formatted(CC, CPO, id, EMSP_230);
    }

    private static String cdr(String id, String session) {
        return """
                {"country_code": "%s", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "end_date_time": "2026-11-01T11:00:00Z", "session_id": "%s",
                 "cdr_token": {"country_code": "%1$s", "party_id": "%s", "uid": "NL-PCE-C12345678-X",
                 "type": "EMAID", "contract_id": "NL-PCE-C12345678-X"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC1", "address": "Street 1", "city": "Utrecht", "country": "NLD",
                  "coordinates": {"latitude": "52.090736", "longitude": "5.121420"}, "evse_uid": "EVSE1",
                  "evse_id": "NL*PCC*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                  "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-11-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 10}]}],
                 "total_cost": {"before_taxes": 3.00, "taxes": [{"name": "VAT", "percentage": 21, "amount": 0.63}]},
                 "total_energy": 10, "total_time": 1, "last_updated": "2026-11-01T11:00:05Z"}"""
                .formatted(CC, CPO, id, session, EMSP_230);
    }
}
