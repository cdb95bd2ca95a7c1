package io.chargeclear.settlement;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.settlement.SettlementFlows.admin;
import static io.chargeclear.settlement.SettlementFlows.amountText;
import static io.chargeclear.settlement.SettlementFlows.asPlatform;
import static io.chargeclear.settlement.SettlementFlows.is;
import static io.chargeclear.settlement.SettlementFlows.letters;
import static io.chargeclear.settlement.SettlementFlows.nextDay;
import static io.chargeclear.settlement.SettlementFlows.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Terminal-paid sessions through settlement over real Kafka and PostgreSQL (brief §3.5, T4–T6,
 * docs/adr/0030-terminal-paid-sessions-in-settlement.md): a CDR whose receiver is a payment terminal provider, or
 * whose session a financial advice confirmation (FAC) names, is owed by no eMSP and books nothing; the CPO sees it
 * on its terminal-paid list against what the terminal captured, with flags. Runs are global and follow each other,
 * so each test settles the day after the last run and reads only its own parties.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class TerminalPaidFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FAC_TYPE = "ocpi.financial-advice-confirmation.received.v1";

    private KafkaTestClient kafka;
    private String cpo;
    private String ptp;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String suffix = letters();
        cpo = "DE*C" + suffix;
        ptp = "DE*P" + suffix;
        emsp = "DE*M" + suffix;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void t4ATerminalPaidCdrIsOwedByNoEmspAndTheCpoSeesItsTotalAgainstTheCapture() {
        String tokenC = "token-c-" + UUID.randomUUID();
        registerPlatform(List.of(party(cpo, "CPO", false)), TokenHeader.sha256(tokenC));
        registerPlatform(List.of(party(ptp, "OTHER", true)), null);
        awaitPaymentTerminalProvider(ptp);
        Instant day = nextDay();
        Instant evening = day.plus(18, ChronoUnit.HOURS);
        // the PTP's START_SESSION gave the session its authorization_reference; the CPO invoices (invoice_reference_id)
        new RatedCdrs(kafka, cpo, ptp).withPaymentKeys("TP-1", "4.00", "4.40", "0.12", "pp-100100-1948213567",
                "INV-1", evening);
        new RatedCdrs(kafka, cpo, emsp).withPaymentKeys("RFID-1", "3.30", "3.63", "0.18", null, null, evening);
        confirmation("452cf8a1-79aa-4a0e-9aee-dc788586053c", "pp-100100-1948213567", "4.00", "0.40", "EUR",
                "SUCCESS", true, evening.plus(10, ChronoUnit.MINUTES));
        awaitBooked(cpo, "RFID-1");
        awaitLine(cpo, "TP-1", line -> line.get("confirmation_id") != null);
        assertThat(journal(cpo, "TP-1")).as("no journal entry at all: nobody owes it through the hub").isEmpty();

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        assertThat(run.<Map<String, Object>>getList("statements.findAll { " + is("it.emsp", ptp) + " }")).as("no statement billing the PTP")
                .isEmpty();
        Map<String, Object> withEmsp = run.getMap("statements.find { " + is("it.cpo", cpo) + " && "
                + is("it.emsp", emsp) + " }");
        assertThat(withEmsp.get("cdr_count")).as("only the eMSP's CDR").isEqualTo(1);
        assertThat(amountText(withEmsp, "emsp_payable")).isEqualTo("3.63");
        assertThat(run.<Map<String, Object>>getList("net_positions.findAll { " + is("it.party", ptp) + " }")).isEmpty();
        List<Map<String, Object>> cpoPositions = run.getList("net_positions.findAll { " + is("it.party", cpo) + " }");
        assertThat(cpoPositions).extracting(p -> amountText(p, "receivable")).as("the terminal payment is in no total")
                .containsExactly("3.45");

        List<Map<String, Object>> lines = run.getList("terminal_paid.findAll { " + is("it.cpo", cpo) + " }");
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("cdr_id")).isEqualTo("TP-1");
            assertThat(line.get("authorization_reference")).isEqualTo("pp-100100-1948213567");
            assertThat(money(line, "cdr_total")).isEqualTo(tuple("4.40", "EUR"));
            assertThat(money(line, "captured")).isEqualTo(tuple("4.40", "EUR"));
            assertThat(line.get("capture_status_code")).isEqualTo("SUCCESS");
            assertThat(line.get("eft_data")).isEqualTo(List.of("Mastercard", "Amount: EUR 4.40"));
            assertThat((List<?>) line.get("flags")).isEmpty();
        });

        // the CPO reads it with its own token; the CSV says the same
        await("the CPO's token known").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asPlatform(tokenC).get("/party/settlement/terminal-paid").statusCode() == 200);
        List<Map<String, Object>> mine = asPlatform(tokenC).queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString())
                .get("/party/settlement/terminal-paid").then().statusCode(200).extract().path("$");
        assertThat(mine).extracting(l -> l.get("cdr_id")).containsExactly("TP-1");
        String csv = asPlatform(tokenC).accept("text/csv").get("/party/settlement/terminal-paid").then()
                .statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("cpo,cdr_id,authorization_reference,");
        assertThat(csv.lines().skip(1)).singleElement().satisfies(row -> assertThat(row)
                .contains(",TP-1,pp-100100-1948213567,INV-1,").contains(",4.40,EUR,").endsWith(",SUCCESS,"));
    }

    @Test
    void t5AFailedCaptureWithoutEftDataIsFlaggedFailed() {
        registerPlatform(List.of(party(ptp, "OTHER", true)), null);
        awaitPaymentTerminalProvider(ptp);
        Instant day = nextDay();
        Instant noon = day.plus(12, ChronoUnit.HOURS);
        new RatedCdrs(kafka, cpo, ptp).withPaymentKeys("TP-F", "4.00", "4.40", "0.12", "pp-failed", "INV-F", noon);
        confirmation("fac-failed", "pp-failed", "4.00", "0.40", "EUR", "FAILED", false, noon.plusSeconds(600));
        awaitLine(cpo, "TP-F", line -> line.get("confirmation_id") != null);

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        assertThat(run.<Map<String, Object>>getList("statements.findAll { " + is("it.emsp", ptp) + " }")).isEmpty();
        Map<String, Object> line = run.<String, Object>getMap("terminal_paid.find { " + is("it.cpo", cpo) + " }");
        assertThat(line.get("capture_status_code")).isEqualTo("FAILED");
        assertThat(line.get("eft_data")).as("accepted without eft_data").isEqualTo(List.of());
        assertThat(line.get("flags")).isEqualTo(List.of("FAILED"));
    }

    @Test
    void t6AnEmspsAdHocUserAppSessionIsBilledToTheEmsp() {
        registerPlatform(List.of(party(ptp, "OTHER", true)), null);
        awaitPaymentTerminalProvider(ptp);
        Instant day = nextDay();
        // the eMSP's app started the session (AD_HOC_USER token): it has an authorization_reference and an invoice
        // reference, but its receiver is an eMSP and no FAC names it
        new RatedCdrs(kafka, cpo, emsp).withPaymentKeys("APP-1", "4.00", "4.40", "0.12", "app-7781", "INV-APP",
                day.plus(9, ChronoUnit.HOURS));
        awaitBooked(cpo, "APP-1");

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        Map<String, Object> statement = run.getMap("statements.find { " + is("it.cpo", cpo) + " && "
                + is("it.emsp", emsp) + " }");
        assertThat(amountText(statement, "emsp_payable")).isEqualTo("4.40");
        assertThat(run.<Map<String, Object>>getList("net_positions.findAll { " + is("it.party", emsp) + " }"))
                .extracting(p -> amountText(p, "net")).containsExactly("-4.40");
        assertThat(run.<Map<String, Object>>getList("terminal_paid.findAll { " + is("it.cpo", cpo) + " }")).isEmpty();
    }

    @Test
    void aConfirmationBeforeItsCdrMakesTheCdrTerminalPaid() {
        // the receiver is not (yet) known as a payment terminal provider: the FAC alone classifies the CDR
        Instant day = nextDay();
        Instant morning = day.plus(7, ChronoUnit.HOURS);
        confirmation("fac-early", "pp-early", "4.00", "0.40", "EUR", "SUCCESS", true, morning.plusSeconds(900));
        awaitLine(cpo, null, line -> "fac-early".equals(line.get("confirmation_id"))
                && ((List<?>) line.get("flags")).contains("ORPHAN_CONFIRMATION"));
        new RatedCdrs(kafka, cpo, ptp).withPaymentKeys("TP-E", "4.00", "4.40", "0.12", "pp-early", "INV-E", morning);
        awaitLine(cpo, "TP-E", line -> "fac-early".equals(line.get("confirmation_id")));
        assertThat(journal(cpo, "TP-E")).isEmpty();

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        assertThat(run.<Map<String, Object>>getList("statements.findAll { " + is("it.cpo", cpo) + " }")).isEmpty();
        List<Map<String, Object>> lines = run.getList("terminal_paid.findAll { " + is("it.cpo", cpo) + " }");
        assertThat(lines).as("linked: no orphan left").singleElement().satisfies(line -> {
            assertThat(line.get("cdr_id")).isEqualTo("TP-E");
            assertThat((List<?>) line.get("flags")).isEmpty();
        });
    }

    @Test
    void aConfirmationAfterItsCdrWasBookedReversesTheBooking() {
        Instant day = nextDay();
        Instant morning = day.plus(8, ChronoUnit.HOURS);
        new RatedCdrs(kafka, cpo, ptp).withPaymentKeys("TP-L", "4.00", "4.40", "0.12", "pp-late", null, morning);
        awaitBooked(cpo, "TP-L");
        confirmation("fac-late", "pp-late", "4.00", "0.40", "EUR", "SUCCESS", true, morning.plusSeconds(900));
        await("TP-L reversed").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> journal(cpo, "TP-L").size() == 2);
        assertThat(journal(cpo, "TP-L")).extracting(e -> e.get("purpose")).containsExactly("CDR", "REVERSAL");
        awaitLine(cpo, "TP-L", line -> "fac-late".equals(line.get("confirmation_id")));

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        Map<String, Object> statement = run.getMap("statements.find { " + is("it.cpo", cpo) + " }");
        assertThat(amountText(statement, "emsp_payable")).as("booked and taken back in the same period").isEqualTo("0.00");
        assertThat(run.<Map<String, Object>>getList("net_positions.findAll { " + is("it.party", ptp) + " }"))
                .extracting(p -> amountText(p, "net")).containsExactly("0.00");
        Map<String, Object> line = run.<String, Object>getMap("terminal_paid.find { " + is("it.cpo", cpo) + " }");
        assertThat(money(line, "cdr_total")).isEqualTo(tuple("4.40", "EUR"));
        assertThat((List<?>) line.get("flags")).isEmpty();
    }

    @Test
    void mismatchesMissingAndOrphanConfirmationsAreFlagged() {
        registerPlatform(List.of(party(ptp, "OTHER", true)), null);
        awaitPaymentTerminalProvider(ptp);
        Instant day = nextDay();
        Instant afternoon = day.plus(15, ChronoUnit.HOURS);
        RatedCdrs cdrs = new RatedCdrs(kafka, cpo, ptp);
        cdrs.withPaymentKeys("TP-MM", "4.00", "4.40", "0.12", "pp-mm", "INV-MM", afternoon);
        cdrs.withPaymentKeys("TP-PS", "4.00", "4.40", "0.12", "pp-ps", "INV-PS", afternoon);
        cdrs.withPaymentKeys("TP-NO", "4.00", "4.40", "0.12", "pp-no", "INV-NO", afternoon);
        cdrs.withPaymentKeys("TP-PTP", "4.00", "4.40", "0.12", "pp-ptp", null, afternoon);
        // 4.00 + 0.41 is a cent more than the CDR; 4.40 in USD is another currency; nothing matches pp-orphan
        confirmation("fac-mm", "pp-mm", "4.00", "0.41", "EUR", "SUCCESS", true, afternoon.plusSeconds(600));
        confirmation("fac-ps", "pp-ps", "4.00", "0.40", "USD", "PARTIAL_SUCCESS", true, afternoon.plusSeconds(600));
        confirmation("fac-orphan", "pp-orphan", "9.00", "0.90", "EUR", "SUCCESS", true, afternoon.plusSeconds(600));
        awaitLine(cpo, "TP-MM", line -> line.get("confirmation_id") != null);
        awaitLine(cpo, "TP-PS", line -> line.get("confirmation_id") != null);
        awaitLine(cpo, "TP-NO", line -> true);
        awaitLine(cpo, "TP-PTP", line -> true);
        awaitLine(cpo, null, line -> "fac-orphan".equals(line.get("confirmation_id")));

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> lines = run.getList("terminal_paid.findAll { " + is("it.cpo", cpo) + " }");
        assertThat(lines).extracting(l -> l.get("cdr_id"), l -> l.get("confirmation_id"), l -> l.get("flags"))
                .containsExactlyInAnyOrder(
                        tuple("TP-MM", "fac-mm", List.of("AMOUNT_MISMATCH")),
                        tuple("TP-PS", "fac-ps", List.of("PARTIAL_SUCCESS", "AMOUNT_MISMATCH")),
                        tuple("TP-NO", null, List.of("MISSING_CONFIRMATION")),
                        tuple("TP-PTP", null, List.of()),
                        tuple(null, "fac-orphan", List.of("ORPHAN_CONFIRMATION")));
        assertThat(lines).filteredOn(l -> "fac-mm".equals(l.get("confirmation_id"))).singleElement()
                .satisfies(l -> assertThat(money(l, "captured")).isEqualTo(tuple("4.41", "EUR")));
        assertThat(run.<Map<String, Object>>getList("statements.findAll { " + is("it.cpo", cpo) + " }")).isEmpty();

        String csv = admin().accept("text/csv").queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString()).queryParam("party", cpo)
                .get("/admin/settlement/terminal-paid").then().statusCode(200).extract().asString();
        assertThat(csv.lines().skip(1)).hasSize(5)
                .anySatisfy(row -> assertThat(row).contains(",TP-PS,").endsWith(",PARTIAL_SUCCESS,"
                        + "PARTIAL_SUCCESS;AMOUNT_MISMATCH"))
                .anySatisfy(row -> assertThat(row).contains(",fac-orphan,").endsWith(",ORPHAN_CONFIRMATION"));
    }

    @Test
    void aRedeliveredConfirmationCountsOnceAnOlderCopyChangesNothingAndTerminalsAreSkipped() throws SQLException {
        registerPlatform(List.of(party(ptp, "OTHER", true)), null);
        awaitPaymentTerminalProvider(ptp);
        Instant day = nextDay();
        Instant noon = day.plus(12, ChronoUnit.HOURS);
        new RatedCdrs(kafka, cpo, ptp).withPaymentKeys("TP-R", "4.00", "4.40", "0.12", "pp-r", "INV-R", noon);
        // a terminal on the same topic, and a FAC settlement cannot read (no authorization_reference)
        kafka.produce("ocpi.payment.v1", ptp + "*T-1", headers(UUID.randomUUID().toString(), "ocpi.terminal.changed.v1"),
                """
                {"module": "terminals", "owner": %s, "object_id": "T-1", "token_type": null, "operation": "PUT",
                 "object": {"terminal_id": "T-1", "last_updated": "2026-01-01T00:00:00Z"}, "recipient": %s,
                 "sender_platform": "p", "last_updated": "2026-01-01T00:00:00Z",
                 "received_at": "2026-01-01T00:00:00Z", "ocpi_version": "2.3.0"}"""
                        .formatted(partyJson(ptp), partyJson(cpo)));
        String unreadable = UUID.randomUUID().toString();
        kafka.produce("ocpi.payment.v1", ptp + "*fac-bad", headers(unreadable, FAC_TYPE),
                event("fac-bad", null, "4.00", "0.40", "EUR", "SUCCESS", true, noon));
        String first = UUID.randomUUID().toString();
        String failed = event("fac-r", "pp-r", "4.00", "0.40", "EUR", "FAILED", false, noon.plusSeconds(60));
        String succeeded = event("fac-r", "pp-r", "4.00", "0.40", "EUR", "SUCCESS", true, noon.plusSeconds(120));
        for (int i = 0; i < 3; i++) {
            kafka.produce("ocpi.payment.v1", ptp + "*fac-r", headers(first, FAC_TYPE), failed);
        }
        String newer = UUID.randomUUID().toString();
        kafka.produce("ocpi.payment.v1", ptp + "*fac-r", headers(newer, FAC_TYPE), succeeded);
        // an older copy, delivered last
        String older = UUID.randomUUID().toString();
        kafka.produce("ocpi.payment.v1", ptp + "*fac-r", headers(older, FAC_TYPE), failed);
        String applied = "select count(*) from settlement.inbox_event where consumer = 'terminal-payments'"
                + " and event_id in ('" + first + "', '" + newer + "', '" + older + "')";
        String parked = "select count(*) from settlement.dead_letter where consumer = 'terminal-payments'"
                + " and event_id = '" + unreadable + "'";
        await("every copy applied, the unreadable one parked").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> count(applied) == 3 && count(parked) == 1);

        assertThat(count("select count(*) from settlement.inbox_event where consumer = 'terminal-payments'"
                + " and event_id = '" + first + "'")).as("the redelivered record applied once").isEqualTo(1);
        assertThat(count("select count(*) from settlement.financial_advice_confirmation where ptp_country_code = '"
                + ptp.substring(0, 2) + "' and ptp_party_id = '" + ptp.substring(3) + "'"))
                .as("one confirmation, however often it came").isEqualTo(1);
        assertThat(count("select count(*) from settlement.dead_letter where consumer = 'terminal-payments'"
                + " and record_key = '" + ptp + "*T-1'")).as("the terminal is not settlement's").isZero();

        List<Map<String, Object>> lines = terminalPaid(cpo);
        assertThat(lines).filteredOn(l -> "TP-R".equals(l.get("cdr_id"))).singleElement().satisfies(line -> {
            assertThat(line.get("capture_status_code")).as("the newest copy").isEqualTo("SUCCESS");
            assertThat((List<?>) line.get("flags")).isEmpty();
        });
    }

    // ---- helpers

    /** A FAC of this test's PTP for this test's CPO on ocpi.payment.v1, as the gateway writes it. */
    private void confirmation(String id, String authorizationReference, String beforeTaxes, String tax,
                              String currency, String status, boolean eftData, Instant lastUpdated) {
        kafka.produce("ocpi.payment.v1", ptp + "*" + id, headers(UUID.randomUUID().toString(), FAC_TYPE),
                event(id, authorizationReference, beforeTaxes, tax, currency, status, eftData, lastUpdated));
    }

    private String event(String id, String authorizationReference, String beforeTaxes, String tax, String currency,
                         String status, boolean eftData, Instant lastUpdated) {
        String object = """
                {"id": "%s", %s "total_costs": {"before_taxes": %s, "taxes": [{"name": "VAT", "amount": %s}]},
                 "currency": "%s", %s "capture_status_code": "%s", "capture_status_message": "from the PSP",
                 "last_updated": "%s"}""".formatted(id,
                authorizationReference == null ? "" : "\"authorization_reference\": \"" + authorizationReference + "\",",
                beforeTaxes, tax, currency,
                eftData ? "\"eft_data\": [\"Mastercard\", \"Amount: EUR 4.40\"]," : "", status, lastUpdated);
        return """
                {"module": "financial-advice-confirmations", "owner": %s, "object_id": "%s", "token_type": null,
                 "operation": "POST", "object": %s, "recipient": %s, "sender_platform": "ptp-platform",
                 "last_updated": "%s", "received_at": "%s", "ocpi_version": "2.3.0"}"""
                .formatted(partyJson(ptp), id, object, partyJson(cpo), lastUpdated, lastUpdated);
    }

    private static Map<String, String> headers(String eventId, String type) {
        return Map.of("ce_id", eventId, "ce_type", type, "ce_source", "/chargeclear/ocpi-gateway",
                "ce_specversion", "1.0");
    }

    private static String partyJson(String party) {
        return "{\"country_code\": \"" + party.substring(0, 2) + "\", \"party_id\": \"" + party.substring(3) + "\"}";
    }

    private static String party(String party, String role, boolean paymentTerminalProvider) {
        return """
                {"country_code": "%s", "party_id": "%s", "role": "%s", "name": "%s",
                 "payment_terminal_provider": %s}""".formatted(party.substring(0, 2), party.substring(3), role,
                party, paymentTerminalProvider);
    }

    /** A platform on hub.party.v1 with these parties, and a token C when {@code tokenHash} is given. */
    private void registerPlatform(List<String> parties, String tokenHash) {
        String platform = "terminal-paid-test-" + UUID.randomUUID();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type",
                "hub.platform.connected.v1", "ce_source", "/chargeclear/party-registry", "ce_specversion", "1.0"), """
                {"platform_id": "%s", "name": "%s", "status": "ACTIVE", "revision": 1, "plain_tokens": false,
                 "parties": [%s], "credentials": [%s], "changed_at": "2026-11-24T10:00:00Z"}""".formatted(platform,
                platform, String.join(",", parties), tokenHash == null ? ""
                        : "{\"token_hash\": \"" + tokenHash + "\", \"kind\": \"C\", \"expires_at\": null}"));
    }

    private static void awaitPaymentTerminalProvider(String party) {
        await(party + " known as a payment terminal provider").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get("/admin/directory/parties").then().statusCode(200).extract()
                        .jsonPath().getList("findAll { it.country_code == '" + party.substring(0, 2)
                                + "' && it.party_id == '" + party.substring(3)
                                + "' && it.payment_terminal_provider == true }").size() == 1);
    }

    /** Waits for the CPO's terminal-paid line of {@code cdrId} (an orphan FAC's when null) to satisfy {@code test}. */
    private static void awaitLine(String cpo, String cdrId, java.util.function.Predicate<Map<String, Object>> test) {
        await((cdrId == null ? "an orphan confirmation" : cdrId) + " on the terminal-paid list").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> terminalPaid(cpo).stream()
                        .anyMatch(l -> java.util.Objects.equals(cdrId, l.get("cdr_id")) && test.test(l)));
    }

    private static List<Map<String, Object>> terminalPaid(String cpo) {
        return admin().queryParam("party", cpo).get("/admin/settlement/terminal-paid").then().statusCode(200)
                .extract().path("$");
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); var query = db.createStatement(); var rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Map<String, Object>> journal(String owner, String cdrId) {
        return admin().get("/admin/settlement/journal/" + owner.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                .extract().path("$");
    }

    private static void awaitBooked(String owner, String cdrId) {
        await(cdrId + " booked").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> !journal(owner, cdrId).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static org.assertj.core.groups.Tuple money(Map<String, Object> holder, String field) {
        Map<String, Object> money = (Map<String, Object>) holder.get(field);
        return tuple(money.get("amount"), money.get("currency"));
    }
}
