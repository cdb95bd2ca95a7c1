package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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

import static io.chargeclear.gateway.PartnersOnLoopback.agreement;
import static io.chargeclear.gateway.PartnersOnLoopback.announce;
import static io.chargeclear.gateway.PartnersOnLoopback.connect;
import static io.chargeclear.gateway.PartnersOnLoopback.endpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invoice reconciliation records the hub issues itself for settlement's statements
 * (docs/adr/0032-invoice-reconciliation.md, "The hub's own records"), taken from settlement.invoice-record.v1 over
 * real Kafka: PUT from the hub's party (hub_party_id NL*CCH) to the statement's eMSP on OCPI 2.3.0 and as a copy to
 * its CPO, never to an eMSP on 2.2.1 (which reads settlement's party API instead), readable by both on the hub's
 * Sender, and issued once however often the event comes. The partners are real OCPI platforms on loopback.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class HubInvoiceRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CC = "NL";
    private static final String CPO = "HRC";
    private static final String EMSP = "HRE";
    private static final String EMSP_221 = "HRO";
    private static final String TOKEN_C_OF_CPO = "hr-cpo-" + UUID.randomUUID();
    private static final String TOKEN_C_OF_EMSP = "hr-emsp-" + UUID.randomUUID();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String HUB_RECORDS = "/" + CC + "/CCH/";

    private static OcpiPartner cpo;
    private static OcpiPartner emsp;
    private static OcpiPartner emsp221;
    private static String emspPlatform;
    private static String emsp221Platform;
    private static boolean ready;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void connectPartners() throws SQLException {
        if (ready) {
            return;
        }
        ready = true;
        cpo = OcpiPartner.cpo(CC, CPO, "hr-c-" + UUID.randomUUID()).onVersion("2.3.0").start();
        emsp = OcpiPartner.emsp(CC, EMSP, "hr-e-" + UUID.randomUUID()).onVersion("2.3.0").start();
        emsp221 = OcpiPartner.emsp(CC, EMSP_221, "hr-o-" + UUID.randomUUID()).start();
        String cpoPlatform = UUID.randomUUID().toString();
        emspPlatform = UUID.randomUUID().toString();
        emsp221Platform = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, cpoPlatform, Party.of(CC, CPO, "CPO"), TokenHeader.sha256(TOKEN_C_OF_CPO));
            announce(kafka, emspPlatform, Party.of(CC, EMSP, "EMSP"), TokenHeader.sha256(TOKEN_C_OF_EMSP));
            announce(kafka, emsp221Platform, Party.of(CC, EMSP_221, "EMSP"),
                    TokenHeader.sha256("unused-" + UUID.randomUUID()));
            agreement(kafka, CC, CPO, CC, EMSP_221, List.of("cdrs"));
        }
        connect(cipher, cpoPlatform, cpo, List.of(endpoint("invoicereconciliation", "RECEIVER", cpo)));
        connect(cipher, emspPlatform, emsp, List.of(endpoint("invoicereconciliation", "RECEIVER", emsp)));
        connect(cipher, emsp221Platform, emsp221, List.of(endpoint("cdrs", "RECEIVER", emsp221)));
        await("parties, connections and agreements applied").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> fromCpo().body(cdr("HR-WARMUP-" + RUN)).post("/ocpi/2.3.0/receiver/cdrs")
                        .then().extract().jsonPath().getInt("status_code") == 1000);
    }

    @AfterAll
    static void stopPartners() {
        if (cpo != null) {
            List.of(cpo, emsp, emsp221).forEach(OcpiPartner::close);
        }
    }

    /**
     * A statement between a CPO and an eMSP both on 2.3.0: the record reaches the eMSP and, as a copy, the CPO, from
     * the hub's party; both list it on the hub's Sender; the same record again (a replayed event) sends nothing.
     */
    @Test
    void theHubsRecordIsPutToThe230EmspAndItsCpoFromTheHubPartyAndReadableOnTheSender() throws SQLException {
        String statement = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            issue(kafka, id, id, statement, EMSP, List.of("HR-1-" + RUN, "HR-2-" + RUN));

            Received put = emsp.awaitReceived("PUT", HUB_RECORDS + id, WAIT);
            JsonNode record = put.json();
            assertThat(record.path("country_code").asText()).as("issued by the hub's party").isEqualTo(CC);
            assertThat(record.path("party_id").asText()).isEqualTo("CCH");
            assertThat(record.path("id").asText()).isEqualTo(id);
            assertThat(record.path("invoice_id").asText()).isEqualTo(statement);
            assertThat(record.path("cdrs")).extracting(JsonNode::asText)
                    .containsExactly("HR-1-" + RUN, "HR-2-" + RUN);
            assertThat(record.path("last_updated").asText()).isEqualTo("2026-11-25T00:05:12Z");
            assertThat(put.headers()).containsEntry("ocpi-from-country-code", CC)
                    .containsEntry("ocpi-from-party-id", "CCH").containsEntry("ocpi-to-party-id", EMSP);
            Received copy = cpo.awaitReceived("PUT", HUB_RECORDS + id, WAIT);
            assertThat(copy.json()).isEqualTo(record);
            assertThat(copy.headers()).containsEntry("ocpi-to-party-id", CPO);

            // on the hub's Sender: the eMSP it was issued to and the CPO it was copied to
            for (RequestSpecification party : List.of(fromEmsp(), fromCpo())) {
                List<String> listed = party.get("/ocpi/2.3.0/sender/invoicereconciliation").then().statusCode(200)
                        .extract().jsonPath().getList("data.findAll { it.party_id == 'CCH' }.id", String.class);
                assertThat(listed).contains(id);
            }

            // the same record again under another event id, then another record on the same partition: the first
            // is queued once only
            issue(kafka, id, id, statement, EMSP, List.of("HR-1-" + RUN, "HR-2-" + RUN));
            String next = UUID.randomUUID().toString();
            issue(kafka, id, next, UUID.randomUUID().toString(), EMSP, List.of("HR-3-" + RUN));
            emsp.awaitReceived("PUT", HUB_RECORDS + next, WAIT);
        }
        assertThat(jobs(emspPlatform, id)).isEqualTo(1);
        assertThat(emsp.received("PUT", HUB_RECORDS + id)).hasSize(1);
    }

    /**
     * A statement of a 2.3.0 CPO and a 2.2.1 eMSP: the CPO gets its copy, the eMSP nothing (2.2.1 has no such module;
     * it reads settlement's party API). A CDR pushed after it to the same eMSP proves the queue held no record for it.
     */
    @Test
    void aRecordIsNotPushedToAnEmspOn221() throws SQLException {
        String id = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            issue(kafka, id, id, UUID.randomUUID().toString(), EMSP_221, List.of("HR-4-" + RUN));
        }
        cpo.awaitReceived("PUT", HUB_RECORDS + id, WAIT);
        // the record's deliveries were queued in one transaction, before this CDR's delivery to the same platform
        String marker = "HR-MARK-" + RUN;
        fromCpo().body(cdr(marker)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200);
        await("the marker CDR reached the 2.2.1 eMSP").atMost(WAIT)
                .until(() -> emsp221.received().stream().anyMatch(r -> r.body().contains(marker)));
        assertThat(jobs(emsp221Platform, id)).isZero();
        assertThat(emsp221.received()).noneMatch(r -> r.path().contains(id));
        assertThat(fromEmsp().get("/ocpi/2.3.0/sender/invoicereconciliation").then().statusCode(200).extract()
                .jsonPath().getList("data.id", String.class)).as("not the eMSP's record").doesNotContain(id);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Puts a record of the hub's on settlement.invoice-record.v1, as settlement writes it, under Kafka key {@code key}. */
    private static void issue(KafkaTestClient kafka, String key, String id, String statement, String emspPartyId,
                              List<String> cdrs) {
        ObjectNode event = OcpiJson.mapper().createObjectNode();
        event.putObject("record").put("country_code", CC).put("party_id", "CCH").put("id", id)
                .put("invoice_id", statement).put("last_updated", "2026-11-25T00:05:12Z")
                .set("cdrs", OcpiJson.mapper().valueToTree(cdrs));
        event.put("statement_id", statement).put("run_id", UUID.randomUUID().toString())
                .put("period_start", "2026-11-24T00:00:00Z").put("period_end", "2026-11-25T00:00:00Z")
                .put("currency", "EUR").put("part", 1).put("parts", 1).putArray("omitted_cdr_ids");
        event.putObject("cpo").put("country_code", CC).put("party_id", CPO);
        event.putObject("emsp").put("country_code", CC).put("party_id", emspPartyId);
        kafka.produce("settlement.invoice-record.v1", key, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "settlement.invoice-record.issued.v1", "ce_source", "/chargeclear/settlement",
                "ce_subject", statement), event.toString());
    }

    /** Delivery jobs the gateway queued for the platform of the hub's record {@code id}. */
    private static int jobs(String platform, String id) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement("select count(*) from ocpi_gateway.delivery_job"
                     + " where receiver_platform = ? and object_key = ?")) {
            query.setString(1, platform);
            query.setString(2, "invoicereconciliation:" + CC + "*CCH*" + id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static RequestSpecification fromCpo() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_CPO)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", CPO);
    }

    private static RequestSpecification fromEmsp() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_EMSP)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", CC).header("OCPI-from-party-id", EMSP);
    }

    /** A CDR of the CPO for the 2.2.1 eMSP, in the 2.3.0 shape. */
    private static String cdr(String id) {
        return PartnersOnLoopback.cdr(CC, CPO, id, EMSP_221, null);
    }
}
