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

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chargeclear.gateway.PartnersOnLoopback.agreement;
import static io.chargeclear.gateway.PartnersOnLoopback.announce;
import static io.chargeclear.gateway.PartnersOnLoopback.connect;
import static io.chargeclear.gateway.PartnersOnLoopback.endpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment terminals through the hub (OCPI 2.3.0 payments, docs/adr/0031-payment-terminals-through-the-hub.md): a
 * payment terminal provider (party of role OTHER registered as one) and a CPO on 2.3.0, and a CPO on 2.2.1, are real
 * OCPI platforms on loopback; parties and agreements arrive over real Kafka. The official payments examples are used
 * as sent, defects included (2.2.1 Price shape, a failure without {@code eft_data}, a minimal terminal). Acceptance
 * tests T1–T3 and T5 (routing) and V11 of the OCPI 2.3.0 requirements.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class PaymentsRoutingTest {

    private static final Path EXAMPLES = Path.of("../../shared-model/src/test/resources/ocpi/examples");
    private static final String CC = "NL";
    private static final String CPO = "PYC";
    private static final String CPO_221 = "PY2";
    private static final String PTP = "PYT";
    private static final String TOKEN_C_OF_CPO = "pay-cpo-" + UUID.randomUUID();
    private static final String TOKEN_C_OF_PTP = "pay-ptp-" + UUID.randomUUID();
    private static final String TERMINAL = "452cf8a1-79aa-4a0e-9aee-dc788586053c";
    private static final String REFERENCE = "pp-100100-1948213567";
    private static final String PAYMENTS = "/ocpi/2.3.0/receiver/payments/";

    private static OcpiPartner cpo;
    private static OcpiPartner cpo221;
    private static OcpiPartner ptp;
    private static boolean ready;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void connectPartners() throws SQLException {
        if (ready) {
            return;
        }
        ready = true;
        cpo = OcpiPartner.cpo(CC, CPO, "pay-c-" + UUID.randomUUID()).onVersion("2.3.0").start();
        cpo221 = OcpiPartner.cpo(CC, CPO_221, "pay-2-" + UUID.randomUUID()).start();
        ptp = OcpiPartner.paymentTerminalProvider(CC, PTP, "pay-t-" + UUID.randomUUID()).start();
        String cpoPlatform = UUID.randomUUID().toString();
        String cpo221Platform = UUID.randomUUID().toString();
        String ptpPlatform = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, cpoPlatform, Party.of(CC, CPO, "CPO"), TokenHeader.sha256(TOKEN_C_OF_CPO));
            announce(kafka, cpo221Platform, Party.of(CC, CPO_221, "CPO"),
                    TokenHeader.sha256("unused-" + UUID.randomUUID()));
            announce(kafka, ptpPlatform, new Party(CC, PTP, "OTHER", List.of(), true),
                    TokenHeader.sha256(TOKEN_C_OF_PTP));
            for (String cpoParty : List.of(CPO, CPO_221)) {
                agreement(kafka, CC, cpoParty, CC, PTP, List.of("payments", "commands", "sessions", "cdrs"));
            }
        }
        connect(cipher, cpoPlatform, cpo, List.of(endpoint("payments", "RECEIVER", cpo),
                endpoint("commands", "RECEIVER", cpo)));
        connect(cipher, cpo221Platform, cpo221, List.of(endpoint("commands", "RECEIVER", cpo221)));
        connect(cipher, ptpPlatform, ptp, List.of(endpoint("payments", "SENDER", ptp), endpoint("sessions", "RECEIVER", ptp),
                endpoint("cdrs", "RECEIVER", ptp), endpoint("commands", "SENDER", ptp)));
        // ready when the provider, the connections and the agreement are applied: a terminal reaches the CPO
        await("parties, connections and agreements applied").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> fromPtp().header("OCPI-to-country-code", CC).header("OCPI-to-party-id", CPO)
                        .body("{\"terminal_id\": \"WARMUP\"}").post(PAYMENTS + "terminals")
                        .then().extract().jsonPath().getInt("status_code") == 1000);
        cpo.awaitReceived("POST", "/payments/receiver/terminals", Duration.ofSeconds(30));
        cpo.clearReceived();
    }

    @AfterAll
    static void stopPartners() {
        if (cpo != null) {
            List.of(cpo, cpo221, ptp).forEach(OcpiPartner::close);
        }
    }

    /** V1: payments is on the 2.3.0 details only. */
    @Test
    void onlyThe230DetailsListPayments() {
        List<String> on230 = fromCpo().get("/ocpi/2.3.0").then().statusCode(200).extract().jsonPath()
                .getList("data.endpoints.identifier", String.class);
        List<String> on221 = fromCpo().get("/ocpi/2.2.1").then().statusCode(200).extract().jsonPath()
                .getList("data.endpoints.identifier", String.class);
        assertThat(on230).contains("payments");
        assertThat(on221).doesNotContain("payments");
    }

    /**
     * T1: the CPO's activation reaches the provider; the provider's terminal reaches the CPO and the hub's terminal
     * registry knows it; T2: the CPO's location assignment without TO headers reaches the owning provider.
     */
    @Test
    void terminalsAreActivatedCreatedAndAssignedThroughTheRegistry() throws IOException {
        ExtractableResponse<Response> activated = fromCpo().header("OCPI-to-country-code", CC)
                .header("OCPI-to-party-id", PTP).body(example("payment_terminal_activate.json"))
                .post("/ocpi/2.3.0/sender/payments/terminals/activate").then().extract();
        assertThat(activated.jsonPath().getInt("status_code")).as(activated.asString()).isEqualTo(1000);
        Received activation = ptp.awaitReceived("POST", "/terminals/activate", Duration.ofSeconds(10));
        assertThat(activation.json().path("reference").asText()).isEqualTo("Term-SerialNumber");
        assertThat(activation.header("OCPI-from-party-id")).isEqualTo(CPO);

        fromPtp().header("OCPI-to-country-code", CC).header("OCPI-to-party-id", CPO)
                .body(example("payment_terminal_create.json")).post(PAYMENTS + "terminals")
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        Received created = cpo.awaitReceived("POST", "/payments/receiver/terminals", Duration.ofSeconds(30));
        assertThat(created.json().path("terminal_id").asText()).isEqualTo(TERMINAL);
        await("the CPO reads the terminal from the hub").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fromCpo().get("/ocpi/2.3.0/sender/payments/terminals").then().statusCode(200).extract()
                        .jsonPath().getList("data.terminal_id", String.class)).contains(TERMINAL));

        // T2: no TO headers; the registry says whose terminal it is
        ExtractableResponse<Response> assigned = fromCpo().body(example("payment_terminal_location_assignment.json"))
                .patch("/ocpi/2.3.0/sender/payments/terminals/" + TERMINAL).then().extract();
        assertThat(assigned.jsonPath().getInt("status_code")).as(assigned.asString()).isEqualTo(1000);
        Received patch = ptp.awaitReceived("PATCH", "/terminals/" + TERMINAL, Duration.ofSeconds(10));
        assertThat(patch.json().path("location_ids")).hasSize(3);
        assertThat(patch.header("OCPI-to-party-id")).isEqualTo(PTP);
        await("the hub's copy has the assignment").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fromPtp().get(PAYMENTS + "terminals/" + TERMINAL).then().statusCode(200).extract()
                        .jsonPath().getList("data.location_ids", String.class)).hasSize(3));

        // the official PUT example has no terminal_id: the URL's is kept
        fromCpo().body(example("payment_terminal_put_update.json"))
                .put("/ocpi/2.3.0/sender/payments/terminals/" + TERMINAL).then().statusCode(200)
                .body("status_code", org.hamcrest.Matchers.equalTo(1000));
        ptp.awaitReceived("PUT", "/terminals/" + TERMINAL, Duration.ofSeconds(10));

        // a terminal the hub does not know, without TO headers, is refused naming it
        fromCpo().body("{\"location_ids\": []}").patch("/ocpi/2.3.0/sender/payments/terminals/NO-SUCH-TERMINAL")
                .then().statusCode(404).body("status_message", org.hamcrest.Matchers.containsString("NO-SUCH-TERMINAL"));
    }

    /**
     * T3 and T5: the provider's START_SESSION reaches the CPO; the CPO's session and CDR go to the provider; the
     * confirmation in the 2.2.1 Price shape, without TO headers, reaches the CPO normalised; one without eft_data is
     * accepted with a warning.
     */
    @Test
    void aTerminalPaidSessionFlowsFromStartToConfirmation() throws IOException, SQLException {
        String start = """
                {"response_url": "%s/results/1", "location_id": "LOC1", "evse_uid": "EVSE1",
                 "authorization_reference": "%s",
                 "token": {"country_code": "%s", "party_id": "%s", "uid": "TERMINAL-%s", "type": "AD_HOC_USER",
                  "contract_id": "TERMINAL-%s", "issuer": "Terminals", "valid": true, "whitelist": "NEVER",
                  "last_updated": "2026-11-01T10:00:00Z"}}"""
                .formatted(ptp.baseUrl(), REFERENCE, CC, PTP, TERMINAL.substring(0, 8), TERMINAL.substring(0, 8));
        ExtractableResponse<Response> started = fromPtp().header("OCPI-to-country-code", CC)
                .header("OCPI-to-party-id", CPO).body(start).post("/ocpi/2.3.0/receiver/commands/START_SESSION")
                .then().extract();
        assertThat(started.jsonPath().getInt("status_code")).as(started.asString()).isEqualTo(1000);
        Received command = cpo.awaitReceived("POST", "/START_SESSION", Duration.ofSeconds(10));
        assertThat(command.json().path("authorization_reference").asText()).isEqualTo(REFERENCE);

        String session = "PAY-S-" + UUID.randomUUID().toString().substring(0, 8);
        fromCpo().body(session(session)).put("/ocpi/2.3.0/receiver/sessions/" + CC + "/" + CPO + "/" + session)
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        assertThat(ptp.awaitReceived("PUT", "/" + session, Duration.ofSeconds(30)).json()
                .path("authorization_reference").asText()).isEqualTo(REFERENCE);
        String cdr = "PAY-C-" + UUID.randomUUID().toString().substring(0, 8);
        fromCpo().body(cdr(cdr, session)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                .body("status_code", org.hamcrest.Matchers.equalTo(1000));
        assertThat(ptp.awaitReceived("POST", "/cdrs", Duration.ofSeconds(30)).json().path("invoice_reference_id")
                .asText()).isEqualTo("INV-" + cdr);

        // the confirmation names no CPO: the session's authorization_reference does
        ExtractableResponse<Response> confirmed = fromPtp()
                .body(example("payment_financial_advice_confirmation_create.json"))
                .post(PAYMENTS + "financial-advice-confirmations").then().extract();
        assertThat(confirmed.jsonPath().getInt("status_code")).as(confirmed.asString()).isEqualTo(1000);
        assertThat(confirmed.jsonPath().getString("status_message")).contains("2.2.1 Price shape");
        JsonNode fac = cpo.awaitReceived("POST", "/financial-advice-confirmations", Duration.ofSeconds(30)).json();
        assertThat(fac.path("total_costs").path("before_taxes").decimalValue())
                .isEqualByComparingTo(new BigDecimal("4.00"));
        assertThat(fac.path("total_costs").path("taxes").get(0).path("amount").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.40"));
        assertThat(fac.path("total_costs").has("incl_vat")).isFalse();
        assertThat(fac.path("eft_data")).hasSize(6);
        assertThat(outboxEvents("ocpi.financial-advice-confirmation.received.v1",
                "452cf8a1-79aa-4a0e-9aee-dc788586053c")).isEqualTo(1);

        // T5: the failure example lacks eft_data; it is accepted with a warning and reaches the CPO as sent otherwise
        cpo.clearReceived();
        ExtractableResponse<Response> failed = fromPtp().header("OCPI-to-country-code", CC)
                .header("OCPI-to-party-id", CPO)
                .body(example("payment_financial_advice_confirmation_example_failure.json"))
                .post(PAYMENTS + "financial-advice-confirmations").then().extract();
        assertThat(failed.jsonPath().getInt("status_code")).as(failed.asString()).isEqualTo(1000);
        assertThat(failed.jsonPath().getString("status_message")).contains("eft_data");
        JsonNode failure = cpo.awaitReceived("POST", "/financial-advice-confirmations", Duration.ofSeconds(30)).json();
        assertThat(failure.path("capture_status_code").asText()).isEqualTo("FAILED");

        // the provider reads its own confirmation back; the CPO reads what it was sent
        fromPtp().get(PAYMENTS + "financial-advice-confirmations/452cf8a1-79aa-4a0e-9aee-dc788586053c")
                .then().statusCode(200).body("data.capture_status_code", org.hamcrest.Matchers.equalTo("FAILED"));
        fromCpo().get("/ocpi/2.3.0/sender/payments/financial-advice-confirmations").then().statusCode(200)
                .body("data.authorization_reference", org.hamcrest.Matchers.hasItem(REFERENCE));
    }

    /** A confirmation whose reference is on no session the hub sent the provider cannot be placed. */
    @Test
    void aConfirmationThatNamesNoKnownSessionIsRefused() {
        fromPtp().body("""
                {"id": "FAC-UNKNOWN", "authorization_reference": "pp-unknown", "currency": "EUR",
                 "total_costs": {"before_taxes": 1.00}, "eft_data": ["x"], "capture_status_code": "SUCCESS",
                 "last_updated": "2026-11-01T10:00:00Z"}""").post(PAYMENTS + "financial-advice-confirmations")
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(2002))
                .body("status_message", org.hamcrest.Matchers.containsString("pp-unknown"));
        fromPtp().body("{\"id\": \"F2\", \"authorization_reference\": \"pp\", \"currency\": \"EUR\","
                        + " \"capture_status_code\": \"MAYBE\", \"total_costs\": {\"before_taxes\": 1},"
                        + " \"last_updated\": \"2026-11-01T10:00:00Z\"}")
                .post(PAYMENTS + "financial-advice-confirmations").then().statusCode(400)
                .body("status_code", org.hamcrest.Matchers.equalTo(2001))
                .body("status_message", org.hamcrest.Matchers.containsString("capture_status_code"));
    }

    /** V11: payments towards a CPO on 2.2.1 is 4000 and nothing is forwarded; only providers push terminals. */
    @Test
    void paymentsTowardsA221CpoAre4000AndOnlyProvidersPushTerminals() {
        fromPtp().header("OCPI-to-country-code", CC).header("OCPI-to-party-id", CPO_221)
                .body("{\"terminal_id\": \"T-221\"}").post(PAYMENTS + "terminals")
                .then().statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(4000));
        assertThat(cpo221.received()).isEmpty();

        fromCpo().header("OCPI-to-country-code", CC).header("OCPI-to-party-id", CPO)
                .body("{\"terminal_id\": \"T-CPO\"}").post(PAYMENTS + "terminals")
                .then().statusCode(403)
                .body("status_message", org.hamcrest.Matchers.containsString("not registered as a payment terminal"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String example(String file) throws IOException {
        return Files.readString(EXAMPLES.resolve("2.3.0-ed2-payments").resolve(file));
    }

    private static RequestSpecification fromCpo() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_CPO)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", CPO);
    }

    private static RequestSpecification fromPtp() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_PTP)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", PTP);
    }

    private static String session(String id) {
        return """
                {"country_code": "%s", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "kwh": 0, "cdr_token": {"country_code": "%1$s", "party_id": "%s", "uid": "TERMINAL-1",
                 "type": "AD_HOC_USER", "contract_id": "TERMINAL-1"},
                 "auth_method": "COMMAND", "authorization_reference": "%s", "location_id": "LOC1", "evse_uid": "EVSE1",
                 "connector_id": "1", "currency": "EUR", "status": "ACTIVE", "last_updated": "2026-11-01T10:00:05Z"}"""
                .formatted(CC, CPO, id, PTP, REFERENCE);
    }

    private static String cdr(String id, String session) {
        return """
                {"country_code": "%s", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "end_date_time": "2026-11-01T11:00:00Z", "session_id": "%s", "authorization_reference": "%s",
                 "invoice_reference_id": "INV-%3$s",
                 "cdr_token": {"country_code": "%1$s", "party_id": "%s", "uid": "TERMINAL-1",
                 "type": "AD_HOC_USER", "contract_id": "TERMINAL-1"},
                 "auth_method": "COMMAND",
                 "cdr_location": {"id": "LOC1", "address": "Street 1", "city": "Utrecht", "country": "NLD",
                  "coordinates": {"latitude": "52.090736", "longitude": "5.121420"}, "evse_uid": "EVSE1",
                  "evse_id": "NL*PYC*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                  "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-11-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 10}]}],
                 "total_cost": {"before_taxes": 4.00, "taxes": [{"name": "VAT", "percentage": 10, "amount": 0.40}]},
                 "total_energy": 10, "total_time": 1, "last_updated": "2026-11-01T11:00:05Z"}"""
                .formatted(CC, CPO, id, session, REFERENCE, PTP);
    }
    private static long outboxEvents(String type, String subject) throws SQLException {
        try (Connection db = db(); PreparedStatement query = db.prepareStatement(
                "select count(*) from ocpi_gateway.outbox_event where type = ? and subject = ?")) {
            query.setString(1, type);
            query.setString(2, subject);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }
}
