package io.chargeclear.gateway;

import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Strict input at the OCPI edge (ADR 0015) and the one routing decision for sessions and CDRs (ADR 0008): hostile
 * or careless bodies and path ids are refused with HTTP 400 and OCPI 2001 naming the field, and such a request
 * leaves nothing behind: no stored copy, no event in the outbox, no delivery. CPO A pushes; eMSP B (agreement with
 * A) and eMSP C (none) are real OCPI platforms on loopback that the hub delivers to.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class StrictInputTest {

    private static final String CPO = "SIA";
    private static final String EMSP_B = "SIB";
    private static final String EMSP_C = "SIC";
    private static final String TOKEN_C_OF_A = "strict-a-" + UUID.randomUUID();
    private static final String SESSIONS = "/ocpi/2.2.1/receiver/sessions/NL/" + CPO + "/";

    private static OcpiPartner b;
    private static OcpiPartner c;
    private static boolean ready;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void connectPartners() throws SQLException {
        if (ready) {
            return;
        }
        ready = true;
        b = OcpiPartner.emsp("DE", EMSP_B, "strict-b-" + UUID.randomUUID()).start();
        c = OcpiPartner.emsp("DE", EMSP_C, "strict-c-" + UUID.randomUUID()).start();
        String platformA = UUID.randomUUID().toString();
        String platformB = UUID.randomUUID().toString();
        String platformC = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, platformA, "NL", CPO, "CPO", TokenHeader.sha256(TOKEN_C_OF_A));
            announce(kafka, platformB, "DE", EMSP_B, "EMSP", TokenHeader.sha256("unused-" + UUID.randomUUID()));
            announce(kafka, platformC, "DE", EMSP_C, "EMSP", TokenHeader.sha256("unused-" + UUID.randomUUID()));
            String agreement = UUID.randomUUID().toString();
            kafka.produce("hub.agreement.v1", agreement, Map.of("ce_id", UUID.randomUUID().toString(),
                    "ce_type", "hub.agreement.created.v1"), """
                    {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                     "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                     "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["sessions", "cdrs"],
                     "hub_fee": {"percent": "0"}, "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                     "dispute_window_days": 30, "ended_at": null, "changed_at": "2026-01-01T00:00:00Z"}"""
                    .formatted(agreement, CPO, EMSP_B));
        }
        connect(platformB, b);
        connect(platformC, c);
        // ready when A is known and its agreement with B lets a session through
        await("platforms and agreement applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> cpo().body(session("WARMUP", EMSP_B)).put(SESSIONS + "WARMUP")
                        .then().extract().jsonPath().getInt("status_code") == 1000);
        b.awaitReceived("PUT", "/WARMUP", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopPartners() {
        if (b != null) {
            b.close();
            c.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aNulInAPathIdIs2001NamingTheParameterNotADatabaseError() {
        refused(cpo().body(session("NUL1", EMSP_B)).put(SESSIONS + "NUL%001"), "session_id");
        refused(cpo().get(SESSIONS + "X%00Y"), "session_id");
        refused(cpo().body(session("P1", EMSP_B)).put("/ocpi/2.2.1/receiver/sessions/nl/" + CPO + "/P1"),
                "country_code");
        refused(cpo().get("/ocpi/2.2.1/receiver/cdrs/NL/" + CPO + "/a%23b"), "cdr_id");
        refused(cpo().get("/ocpi/2.2.1/receiver/tariffs/NL/" + CPO + "/%2E%2E"), "tariff_id");
    }

    @Test
    void hostileSessionBodiesAreRefusedNamingTheFieldAndLeaveNothingBehind() throws SQLException {
        Map<String, String[]> cases = new LinkedHashMap<>();
        // id -> {body, field the refusal names}
        cases.put("H01", new String[]{session("H01", EMSP_B).replace("\"LOC1\"", "\"LOC\\u00001\""), "location_id"});
        cases.put("H02", new String[]{session("H02", EMSP_B).replace("\"kwh\": 0,", "\"kwh\": 0, \"kwh\": 5,"), "kwh"});
        cases.put("H03", new String[]{session("H03", EMSP_B).replace("\"ACTIVE\"", "1"), "status"});
        cases.put("H04", new String[]{session("H04", EMSP_B).replace("\"ACTIVE\"", "\" ACTIVE\""), "status"});
        cases.put("H05", new String[]{session("H05", EMSP_B).replace("\"ACTIVE\"", "\"active\""), "status"});
        cases.put("H06", new String[]{session("H06", EMSP_B).replace("\"LOC1\"", "5"), "location_id"});
        cases.put("H07", new String[]{session("H07", EMSP_B).replace("\"kwh\": 0", "\"kwh\": \"0\""), "kwh"});
        cases.put("H08", new String[]{session("H08", EMSP_B).replace("\"EVSE1\"", "\"E\\ud800\""), "evse_uid"});
        cases.put("H09", new String[]{session("H09", EMSP_B).replace("\"EVSE1\"", "\"../../DE/SIB/x\""), "evse_uid"});
        cases.put("H10", new String[]{session("H10", EMSP_B).replace("\"kwh\": 0", "\"kwh\": 0, \"charging_periods\":"
                + " [{\"start_date_time\": \"2026-11-01T10:00:00Z\", \"dimensions\": [{\"type\": \"ENERGY\", \"volume\": 1},"
                + " {\"type\": \"TIME\", \"volume\": -2}]}]"), "charging_periods[0].dimensions[1].volume"});
        cases.put("H11", new String[]{session("H11", EMSP_B).replace("\"country_code\": \"DE\"",
                "\"country_code\": \"de\""), "cdr_token.country_code"});
        cases.put("H12", new String[]{session("H12", EMSP_B).replace("\"2026-11-01T10:00:00Z\", \"kwh\"",
                "\"2026-13-01T10:00:00Z\", \"kwh\""), "start_date_time"});
        cases.put("H13", new String[]{session("H13", EMSP_B).replace("\"Zuid\"", "\"Zu\\nid\""), "meter_id"});
        cases.put("H14", new String[]{session("H14", EMSP_B).replace("\"kwh\": 0", "\"kwh\": -1"), "kwh"});
        cases.put("H15", new String[]{session("H15", EMSP_B).replace("\"kwh\": 0", "\"kwh\": 1e999999999"), "kwh"});
        cases.put("H16", new String[]{session("H16", EMSP_B).replace("\"kwh\": 0", "\"kwh\": NaN"), "kwh"});
        for (Map.Entry<String, String[]> hostile : cases.entrySet()) {
            refused(cpo().body(hostile.getValue()[0]).put(SESSIONS + hostile.getKey()), hostile.getValue()[1]);
            assertNothingStored(hostile.getKey());
        }
        assertNothingDeliveredOf(cases.keySet().toArray(String[]::new));
    }

    @Test
    void malformedUtf8IsRefusedNotReplaced() throws SQLException {
        byte[] text = session("U01", EMSP_B).replace("Zuid", "Zu\u00e9d").getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[text.length];
        System.arraycopy(text, 0, broken, 0, text.length);
        int at = indexOf(text, (byte) 0xC3);
        broken[at + 1] = (byte) 0x28; // a lead byte followed by no continuation byte
        cpo().body(broken).put(SESSIONS + "U01").then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", containsString("UTF-8"));
        byte[] overlong = session("U02", EMSP_B).replace("Zuid", "Zu@d").getBytes(StandardCharsets.UTF_8);
        int slash = indexOf(overlong, (byte) '@');
        byte[] withOverlong = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, withOverlong, 0, slash);
        withOverlong[slash] = (byte) 0xC0; // overlong encoding of '/'
        withOverlong[slash + 1] = (byte) 0xAF;
        System.arraycopy(overlong, slash + 1, withOverlong, slash + 2, overlong.length - slash - 1);
        cpo().body(withOverlong).put(SESSIONS + "U02").then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", containsString("UTF-8"));
        assertNothingStored("U01");
        assertNothingStored("U02");
    }

    @Test
    void anObjectOverTheLimitIsRefusedBeforeItReachesTheOutbox() throws SQLException {
        String big = session("BIG1", EMSP_B).replace("\"kwh\": 0", "\"kwh\": 0, \"padding\": \"" + "x".repeat(300_000) + "\"");
        refused(cpo().body(big).put(SESSIONS + "BIG1"), "262144");
        // over Kafka's 1 MB record, under the HTTP body limit: still an OCPI answer naming the object limit
        String huge = session("BIG2", EMSP_B).replace("\"kwh\": 0", "\"kwh\": 0, \"padding\": \"" + "x".repeat(1_200_000) + "\"");
        refused(cpo().body(huge).put(SESSIONS + "BIG2"), "262144");
        assertNothingStored("BIG1");
        assertNothingStored("BIG2");
    }

    @Test
    void aCdrWithANegativeVolumeIsRefusedNamingThePeriodDimension() throws SQLException {
        String cdr = cdr("CDRNEG", EMSP_B).replace("\"volume\": 1.973", "\"volume\": -2");
        refused(cpo().body(cdr).post("/ocpi/2.2.1/receiver/cdrs"), "charging_periods[0].dimensions[0].volume");
        assertNothingStored("CDRNEG");
    }

    @Test
    void aSessionAddressedToOnePartyWithTheTokenOfAnotherIsRefusedAndGoesNowhere() throws SQLException {
        cpo().header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP_B)
                .body(session("MIX1", EMSP_C)).put(SESSIONS + "MIX1")
                .then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", allOf(containsString("OCPI-to"), containsString("cdr_token")));
        cpo().header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP_C)
                .body(cdr("MIXCDR", EMSP_B)).post("/ocpi/2.2.1/receiver/cdrs")
                .then().statusCode(400).body("status_code", equalTo(2001));
        assertNothingStored("MIX1");
        assertNothingStored("MIXCDR");

        cpo().header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP_B)
                .body(session("MATCH1", EMSP_B)).put(SESSIONS + "MATCH1")
                .then().statusCode(200).body("status_code", equalTo(1000));
        assertThat(b.awaitReceived("PUT", "/MATCH1", Duration.ofSeconds(60)).path())
                .endsWith("/NL/" + CPO + "/MATCH1");
        assertThat(recipientOf("MATCH1")).isEqualTo("DE*" + EMSP_B);
        assertThat(b.received("PUT", "/MIX1")).isEmpty();
        assertThat(c.received()).noneMatch(r -> r.path().contains("/MIX1") || r.path().contains("/MATCH1")
                || r.path().contains("MIXCDR"));
    }

    @Test
    void aPatchIsHeldToTheSameRulesAsAPut() throws SQLException {
        cpo().body(session("PATCH1", EMSP_B)).put(SESSIONS + "PATCH1").then().statusCode(200)
                .body("status_code", equalTo(1000));
        refused(cpo().body("{\"meter_id\": \"M\\u0000\", \"last_updated\": \"2026-11-01T10:05:00Z\"}")
                .patch(SESSIONS + "PATCH1"), "meter_id");
        refused(cpo().body("{\"charging_periods\": [{\"start_date_time\": \"2026-11-01T10:00:00Z\", \"dimensions\":"
                + " [{\"type\": \"TIME\", \"volume\": -2}]}], \"last_updated\": \"2026-11-01T10:05:00Z\"}")
                .patch(SESSIONS + "PATCH1"), "charging_periods[0].dimensions[0].volume");
        refused(cpo().body("{\"status\": \"COMPLETED\", \"status\": \"ACTIVE\", \"last_updated\": \"2026-11-01T10:05:00Z\"}")
                .patch(SESSIONS + "PATCH1"), "status");
        cpo().get(SESSIONS + "PATCH1").then().statusCode(200).body("data.status", equalTo("ACTIVE"))
                .body("data.last_updated", equalTo("2026-11-01T10:00:00Z"))
                .body("data.charging_periods", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPatchCannotMoveASessionToAnotherEmsp() throws SQLException {
        cpo().body(session("MOVE1", EMSP_B)).put(SESSIONS + "MOVE1").then().statusCode(200)
                .body("status_code", equalTo(1000));
        cpo().body("{\"cdr_token\": {\"country_code\": \"DE\", \"party_id\": \"%s\", \"uid\": \"T1\", \"type\": \"RFID\","
                        .formatted(EMSP_C) + " \"contract_id\": \"DE-C-1\"}, \"last_updated\": \"2026-11-01T10:05:00Z\"}")
                .patch(SESSIONS + "MOVE1").then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", containsString("cdr_token"));
        assertThat(recipientOf("MOVE1")).isEqualTo("DE*" + EMSP_B);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static RequestSpecification cpo() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_C_OF_A)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", CPO);
    }

    private static void refused(io.restassured.response.Response response, String named) {
        ValidatableResponse then = response.then();
        then.statusCode(400).body("status_code", equalTo(2001)).body("status_message", containsString(named));
    }

    private static String session(String id, String emsp) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z", "kwh": 0,
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "T1", "type": "RFID", "contract_id": "DE-C-1"},
                 "auth_method": "WHITELIST", "location_id": "LOC1", "evse_uid": "EVSE1", "connector_id": "1",
                 "meter_id": "Zuid", "currency": "EUR", "status": "ACTIVE", "last_updated": "2026-11-01T10:00:00Z"}"""
                .formatted(CPO, id, emsp);
    }

    private static String cdr(String id, String emsp) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "end_date_time": "2026-11-01T12:00:00Z",
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "T1", "type": "RFID", "contract_id": "DE-C-1"},
                 "auth_method": "WHITELIST",
                 "cdr_location": {"id": "LOC1", "address": "F.Rooseveltlaan 3A", "city": "Gent", "country": "BEL",
                   "coordinates": {"latitude": "51.047599", "longitude": "3.729944"}, "evse_uid": "3256",
                   "evse_id": "BE*BEC*E041503003", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_1_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-11-01T10:00:00Z",
                   "dimensions": [{"type": "TIME", "volume": 1.973}], "tariff_id": "12"}],
                 "total_cost": {"excl_vat": 4.0, "incl_vat": 4.4}, "total_energy": 15.342, "total_time": 1.973,
                 "last_updated": "2026-11-01T12:01:13Z"}""".formatted(CPO, id, emsp);
    }

    private static void announce(KafkaTestClient kafka, String platform, String cc, String party, String role,
                                 String tokenHash) {
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), """
                {"platform_id": "%s", "name": "Strict input %s", "status": "ACTIVE", "revision": 1,
                 "parties": [{"country_code": "%s", "party_id": "%s", "role": "%s", "name": "%s"}],
                 "credentials": [{"token_hash": "%s", "kind": "C"}], "changed_at": "%s"}"""
                .formatted(platform, party, cc, party, role, party, tokenHash, Instant.now()));
    }

    /** What the credentials handshake would have left: the partner's endpoints and its sealed token B. */
    private void connect(String platform, OcpiPartner partner) throws SQLException {
        String endpoints = """
                [{"identifier": "sessions", "role": "RECEIVER", "url": "%s"},
                 {"identifier": "cdrs", "role": "RECEIVER", "url": "%s"}]"""
                .formatted(partner.endpointUrl("sessions"), partner.endpointUrl("cdrs"));
        try (Connection db = db(); PreparedStatement insert = db.prepareStatement(
                "insert into ocpi_gateway.partner_connection (platform_id, version, endpoints, token_b_sealed,"
                        + " plain_tokens, connected_at, versions_url) values (?, '2.2.1', ?, ?, false, now(), ?)")) {
            insert.setString(1, platform);
            insert.setString(2, endpoints);
            insert.setString(3, cipher.encrypt(partner.tokenB()));
            insert.setString(4, partner.versionsUrl());
            insert.executeUpdate();
            // the handshake announces the new connection in its transaction (ADR 0018); so does this stand-in
            try (PreparedStatement announce = db.prepareStatement("select pg_notify('ref_partner_connection', ?)")) {
                announce.setString(1, platform);
                announce.execute();
            }
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }

    private static void assertNothingStored(String objectId) throws SQLException {
        assertThat(count("select count(*) from ocpi_gateway.ocpi_object where object_id = ?", objectId))
                .as("stored copies of %s", objectId).isZero();
        assertThat(count("select count(*) from ocpi_gateway.outbox_event where subject = ?", objectId))
                .as("outbox events of %s", objectId).isZero();
    }

    private static long count(String sql, String value) throws SQLException {
        try (Connection db = db(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String recipientOf(String objectId) throws SQLException {
        try (Connection db = db(); PreparedStatement query = db.prepareStatement("select recipient_country_code || '*'"
                + " || recipient_party_id from ocpi_gateway.ocpi_object where object_id = ?")) {
            query.setString(1, objectId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** B gets its pushes in order: once a later push has arrived, an earlier refused one would have too. */
    private static void assertNothingDeliveredOf(String... ids) {
        String marker = "AFTER" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xfffff);
        cpo().body(session(marker, EMSP_B)).put(SESSIONS + marker).then().statusCode(200)
                .body("status_code", equalTo(1000));
        b.awaitReceived("PUT", "/" + marker, Duration.ofSeconds(60));
        for (String id : ids) {
            assertThat(b.received("PUT", "/" + id)).as("deliveries of %s", id).isEmpty();
            assertThat(c.received("PUT", "/" + id)).as("deliveries of %s", id).isEmpty();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
