package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.PartnersOnLoopback.Party;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.OcpiJson;
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
import java.util.UUID;

import static io.chargeclear.gateway.PartnersOnLoopback.agreement;
import static io.chargeclear.gateway.PartnersOnLoopback.announce;
import static io.chargeclear.gateway.PartnersOnLoopback.connect;
import static io.chargeclear.gateway.PartnersOnLoopback.endpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Invoice reconciliation through the hub (OCPI 2.3.0 edition 2, docs/adr/0032-invoice-reconciliation.md): a CPO's
 * records go to the eMSP its CDRs went to, are forwarded as sent, and are checked against what the hub routed; what
 * does not match is reported, never refused. The CPO, the eMSP and a payment terminal provider are real OCPI
 * platforms on loopback on 2.3.0; parties and agreements arrive over real Kafka. Acceptance test R1.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class InvoiceReconciliationTest {

    private static final String CC = "NL";
    private static final String CPO = "IRC";
    private static final String EMSP = "IRE";
    private static final String PTP = "IRT";
    private static final String TOKEN_C_OF_CPO = "ir-cpo-" + UUID.randomUUID();
    private static final String RECORDS = "/ocpi/2.3.0/receiver/invoicereconciliation/" + CC + "/" + CPO + "/";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static OcpiPartner emsp;
    private static OcpiPartner ptp;
    private static OcpiPartner cpo;
    private static boolean ready;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void connectPartners() throws SQLException {
        if (ready) {
            return;
        }
        ready = true;
        cpo = OcpiPartner.cpo(CC, CPO, "ir-c-" + UUID.randomUUID()).onVersion("2.3.0").start();
        emsp = OcpiPartner.emsp(CC, EMSP, "ir-e-" + UUID.randomUUID()).onVersion("2.3.0").start();
        ptp = OcpiPartner.paymentTerminalProvider(CC, PTP, "ir-t-" + UUID.randomUUID()).start();
        String cpoPlatform = UUID.randomUUID().toString();
        String emspPlatform = UUID.randomUUID().toString();
        String ptpPlatform = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, cpoPlatform, Party.of(CC, CPO, "CPO"), TokenHeader.sha256(TOKEN_C_OF_CPO));
            announce(kafka, emspPlatform, Party.of(CC, EMSP, "EMSP"), TokenHeader.sha256("unused-" + UUID.randomUUID()));
            announce(kafka, ptpPlatform, new Party(CC, PTP, "OTHER", List.of(), true),
                    TokenHeader.sha256("unused-" + UUID.randomUUID()));
            agreement(kafka, CC, CPO, CC, EMSP, List.of("cdrs"));
            agreement(kafka, CC, CPO, CC, PTP, List.of("cdrs"));
        }
        connect(cipher, cpoPlatform, cpo, List.of(endpoint("invoicereconciliation", "RECEIVER", cpo)));
        connect(cipher, emspPlatform, emsp, List.of(endpoint("cdrs", "RECEIVER", emsp),
                endpoint("invoicereconciliation", "RECEIVER", emsp)));
        connect(cipher, ptpPlatform, ptp, List.of(endpoint("cdrs", "RECEIVER", ptp)));
        await("parties, connections and agreements applied").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> fromCpo().body(cdr("WARMUP-" + RUN, EMSP, null)).post("/ocpi/2.3.0/receiver/cdrs")
                        .then().extract().jsonPath().getInt("status_code") == 1000);
    }

    @AfterAll
    static void stopPartners() {
        if (cpo != null) {
            List.of(cpo, emsp, ptp).forEach(OcpiPartner::close);
        }
    }

    /**
     * R1: a record of three CDRs goes to their eMSP without routing headers, clean; a second record with one of
     * them again, a credited one, an unknown one and one paid at a terminal is still forwarded, with each
     * discrepancy in the answer and the operator's report; deleting it tells the eMSP and clears the report.
     */
    @Test
    void recordsAreForwardedAsSentAndWhatDoesNotMatchIsReported() {
        String a = "IR-A-" + RUN;
        String b = "IR-B-" + RUN;
        String c = "IR-C-" + RUN;
        String paid = "IR-P-" + RUN;
        for (String id : List.of(a, b, c)) {
            fromCpo().body(cdr(id, EMSP, null)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                    .body("status_code", equalTo(1000));
        }
        fromCpo().body(cdr(paid, PTP, null)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                .body("status_code", equalTo(1000));

        String clean = "R1-" + RUN;
        ExtractableResponse<Response> first = fromCpo().body(record(clean, List.of(a, b, c))).put(RECORDS + clean)
                .then().extract();
        assertThat(first.jsonPath().getInt("status_code")).as(first.asString()).isEqualTo(1000);
        Received forwarded = emsp.awaitReceived("PUT", "/" + CC + "/" + CPO + "/" + clean, Duration.ofSeconds(30));
        assertThat(forwarded.json().path("cdrs")).hasSize(3);
        assertThat(forwarded.json().path("invoice_id").asText()).isEqualTo("INV-" + clean);

        // then the CPO credits B
        fromCpo().body(cdr("IR-B-CREDIT-" + RUN, EMSP, b)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                .body("status_code", equalTo(1000));
        String messy = "R2-" + RUN;
        ExtractableResponse<Response> second = fromCpo().header("OCPI-to-country-code", CC)
                .header("OCPI-to-party-id", EMSP).body(record(messy, List.of(a, b, "IR-NOPE-" + RUN, paid)))
                .put(RECORDS + messy).then().extract();
        assertThat(second.jsonPath().getInt("status_code")).as(second.asString()).isEqualTo(1000);
        assertThat(second.jsonPath().getString("status_message")).contains("ON_ANOTHER_RECORD " + a,
                "CREDITED " + b, "UNKNOWN_CDR IR-NOPE-" + RUN, "TERMINAL_PAID " + paid,
                "NOT_DELIVERED_TO_COUNTERPARTY " + paid);
        emsp.awaitReceived("PUT", "/" + CC + "/" + CPO + "/" + messy, Duration.ofSeconds(30));

        List<String> reported = DeliveryFailuresTest.admin().queryParam("issuer", CC + "*" + CPO)
                .get("/admin/reconciliation/discrepancies").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.record_id == '" + messy + "' }.collect { it.kind + ' ' + it.cdr_id }",
                        String.class);
        assertThat(reported).contains("ON_ANOTHER_RECORD " + a, "ON_ANOTHER_RECORD " + b, "CREDITED " + b,
                "UNKNOWN_CDR IR-NOPE-" + RUN, "TERMINAL_PAID " + paid, "NOT_DELIVERED_TO_COUNTERPARTY " + paid);
        assertThat(DeliveryFailuresTest.admin().queryParam("issuer", CC + "*" + CPO)
                .get("/admin/reconciliation/discrepancies").then().extract().jsonPath()
                .getList("findAll { it.record_id == '" + clean + "' }.cdr_id", String.class)).isEmpty();

        fromCpo().delete(RECORDS + messy).then().statusCode(200).body("status_code", equalTo(1000));
        emsp.awaitReceived("DELETE", "/" + CC + "/" + CPO + "/" + messy, Duration.ofSeconds(30));
        assertThat(DeliveryFailuresTest.admin().queryParam("issuer", CC + "*" + CPO)
                .get("/admin/reconciliation/discrepancies").then().extract().jsonPath()
                .getList("findAll { it.record_id == '" + messy + "' }.cdr_id", String.class)).isEmpty();

        // the issuer reads its record back; the eMSP lists what was sent to it
        fromCpo().get(RECORDS + clean).then().statusCode(200).body("data.invoice_id", equalTo("INV-" + clean));
    }

    /** A record that cannot be placed, or is malformed, is refused naming why; the admin report names bad filters. */
    @Test
    void aRecordWithoutACounterpartyOrWithBadFieldsIsRefused() {
        String lost = "R-LOST-" + RUN;
        fromCpo().body(record(lost, List.of("IR-NEVER-" + RUN))).put(RECORDS + lost).then().statusCode(200)
                .body("status_code", equalTo(2002));
        fromCpo().body(record("R-BAD-" + RUN, List.of())).put(RECORDS + "R-BAD-" + RUN).then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", org.hamcrest.Matchers.containsString("cdrs"));
        DeliveryFailuresTest.admin().queryParam("issuer", "NL-IRC").get("/admin/reconciliation/discrepancies")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("issuer"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static RequestSpecification fromCpo() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_CPO)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", CPO);
    }

    private static String record(String id, List<String> cdrs) {
        return OcpiJson.mapper().createObjectNode().put("country_code", CC).put("party_id", CPO).put("id", id)
                .put("invoice_id", "INV-" + id).<ObjectNode>set("cdrs", OcpiJson.mapper().valueToTree(cdrs))
                .put("last_updated", "2026-12-01T00:00:00Z").toString();
    }

    private static String cdr(String id, String receiver, String credits) {
        return PartnersOnLoopback.cdr(CC, CPO, id, receiver, credits);
    }
}
