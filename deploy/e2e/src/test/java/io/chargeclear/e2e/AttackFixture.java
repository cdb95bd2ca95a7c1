package io.chargeclear.e2e;

import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partners the attack suite plays with, connected once per run to the shared hub through the credentials
 * handshake: two CPOs ({@code NL-AC1}, {@code NL-AC2}) and two eMSPs ({@code DE-AE1}, {@code DE-AE2}); agreements
 * AC1-AE1, AC2-AE1 and AC2-AE2, none between AC1 and AE2. AC1 owns a location, a tariff, a session and a CDR for
 * AE1's token; AE1 owns a token. Also a spare platform that stays registered but never connects (its token A).
 */
final class AttackFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * The attack classes run after the flow tests (whose classes carry no order, i.e. {@code Integer.MAX_VALUE / 2}):
     * hostile input must not change what the honest flows see in the same run, even before the hub refuses it.
     * Among them the route matrix comes last: where a path spelling opens an operator route, its requests reach it.
     */
    static final int AFTER_THE_FLOWS = Integer.MAX_VALUE / 2 + 10;
    static final String LOCATION = "ATK-LOC-1";
    static final String TARIFF = "ATK-TAR-1";
    static final String SESSION = "ATK-SES-1";
    static final String CDR = "ATK-CDR-1";
    static final String TOKEN = "ATK-TOK-1";

    private static AttackFixture shared;

    final RunningHub hub;
    final OcpiPartner cpo1;
    final OcpiPartner cpo2;
    final OcpiPartner emsp1;
    final OcpiPartner emsp2;
    /** A registered platform's registration token: it opens the versions and credentials modules only. */
    final String tokenA;
    final String platformId;

    private AttackFixture(RunningHub hub) {
        this.hub = hub;
        cpo1 = connect(hub, OcpiPartner.cpo("NL", "AC1", "ac1-token-b"));
        cpo2 = connect(hub, OcpiPartner.cpo("NL", "AC2", "ac2-token-b"));
        emsp1 = connect(hub, OcpiPartner.emsp("DE", "AE1", "ae1-token-b"));
        emsp2 = connect(hub, OcpiPartner.emsp("DE", "AE2", "ae2-token-b"));
        List<String> agreements = List.of(agree(hub, cpo1, emsp1), agree(hub, cpo2, emsp1), agree(hub, cpo2, emsp2));
        await("agreements reach the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> known = admin(hub, "ocpi-gateway").get("/admin/routing/agreements").then().statusCode(200)
                    .extract().path("agreements.id");
            return known.containsAll(agreements);
        });
        var spare = admin(hub, "party-registry").body("""
                        {"name": "Platform ATKA", "parties": [
                          {"country_code": "BE", "party_id": "ATA", "role": "CPO", "name": "Party ATA"}]}""")
                .post("/admin/platforms").then().statusCode(201).extract();
        tokenA = spare.path("token_a");
        platformId = spare.path("id");
        await("token A known at the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(hub.url("ocpi-gateway"))
                        .header("Authorization", AttackClient.tokenHeader(tokenA)).get("/ocpi/versions")
                        .statusCode() == 200);
        seed();
    }

    /** The fixture of this run, connected by the first attack class that asks. */
    static synchronized AttackFixture of(RunningHub hub) {
        if (shared == null || shared.hub != hub) {
            shared = new AttackFixture(hub);
        }
        return shared;
    }

    List<OcpiPartner> partners() {
        return List.of(cpo1, cpo2, emsp1, emsp2);
    }

    private void seed() {
        require(cpo1.call("PUT", "tariffs", "RECEIVER", "NL/AC1/" + TARIFF, Bodies.tariff("AC1", TARIFF), Target.hub()));
        require(cpo1.call("PUT", "locations", "RECEIVER", "NL/AC1/" + LOCATION,
                Bodies.location("AC1", LOCATION, TARIFF), Target.hub()));
        require(emsp1.call("PUT", "tokens", "RECEIVER", "DE/AE1/" + TOKEN + "?type=RFID", Bodies.token("AE1", TOKEN),
                Target.hub()));
        require(cpo1.call("PUT", "sessions", "RECEIVER", "NL/AC1/" + SESSION,
                Bodies.session("AC1", SESSION, "AE1", LOCATION), Target.none()));
        require(cpo1.call("POST", "cdrs", "RECEIVER", "", Bodies.cdr("AC1", CDR, SESSION, "AE1", LOCATION),
                Target.none()));
        emsp1.awaitReceived("PUT", "/NL/AC1/" + LOCATION, WAIT);
        emsp1.awaitReceived("PUT", "/NL/AC1/" + SESSION, WAIT);
        cpo1.awaitReceived("PUT", "/DE/AE1/" + TOKEN, WAIT);
        await("the seeded CDR is rated").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> admin(hub, "cdr-rating").get("/admin/rating/cdrs/NL/AC1/" + CDR).statusCode() == 200);
    }

    private static void require(Answer answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(1000);
    }

    // -------------------------------------------------------------------------------------------------------------
    // the hub's URLs

    /**
     * Where a service serves its management endpoints ({@code /q/*}: health, OpenAPI): the hub's management URL of
     * the service when the running hub offers one ({@code managementUrl(String)}), else the service's own URL.
     */
    static String managementUrl(RunningHub hub, String service) {
        try {
            Method lookup = RunningHub.class.getDeclaredMethod("managementUrl", String.class);
            lookup.setAccessible(true);
            Object url = lookup.invoke(hub, service);
            if (url != null) {
                return url.toString();
            }
        } catch (NoSuchMethodException none) {
            // this hub serves /q/* on the service port
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return hub.url(service);
    }

    /** Each service's readiness, {@code UP} or what it answered instead. */
    static Map<String, String> readiness(RunningHub hub) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String service : RunningHub.SERVICES) {
            String url = managementUrl(hub, service) + "/q/health/ready";
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(5000);
                int code = connection.getResponseCode();
                states.put(service, code == 200 ? "UP" : "HTTP " + code + " "
                        + new String((code >= 400 ? connection.getErrorStream() : connection.getInputStream())
                        .readAllBytes()).replaceAll("\\s+", " "));
            } catch (Exception e) {
                states.put(service, e.toString());
            }
        }
        return states;
    }

    /** Fails unless every service of the hub reports ready. */
    static void assertAllReady(RunningHub hub) {
        List<String> down = new ArrayList<>();
        readiness(hub).forEach((service, state) -> {
            if (!state.equals("UP")) {
                down.add(service + ": " + state);
            }
        });
        assertThat(down).as("services not ready").isEmpty();
    }

    static RequestSpecification admin(RunningHub hub, String service) {
        return given().baseUri(hub.url(service)).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    private static OcpiPartner connect(RunningHub hub, OcpiPartner partner) {
        partner.start();
        var registered = admin(hub, "party-registry").body("""
                        {"name": "Platform %s", "parties": [
                          {"country_code": "%s", "party_id": "%s", "role": "%s", "name": "Party %s"}]}"""
                        .formatted(partner.partyId(), partner.countryCode(), partner.partyId(), partner.role().name(),
                                partner.partyId()))
                .post("/admin/platforms").then().statusCode(201).extract();
        String tokenA = registered.path("token_a");
        await("token A known at the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(hub.url("ocpi-gateway"))
                        .header("Authorization", AttackClient.tokenHeader(tokenA)).get("/ocpi/versions")
                        .statusCode() == 200);
        partner.connect(hub.url("ocpi-gateway") + "/ocpi/versions", tokenA);
        await("the partner's parties are routable").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> parties = admin(hub, "ocpi-gateway").get("/admin/routing").then().statusCode(200).extract()
                    .path("findAll { it.routable }.party_id");
            return parties.contains(partner.partyId());
        });
        return partner;
    }

    private static String agree(RunningHub hub, OcpiPartner cpo, OcpiPartner emsp) {
        return admin(hub, "party-registry").body("""
                        {"cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                         "valid_from": "2025-01-01T00:00:00Z", "hub_fee": {"percent": "2.5"}}"""
                        .formatted(cpo.countryCode(), cpo.partyId(), emsp.countryCode(), emsp.partyId()))
                .post("/admin/agreements").then().statusCode(201).extract().path("id");
    }

    /** Valid OCPI 2.2.1 objects of the attack partners, as the routing scenario sends them. */
    static final class Bodies {

        private Bodies() {
        }

        static String location(String partyId, String id, String tariffId) {
            return """
                    {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true,
                     "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                     "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                     "evses": [{"uid": "EVSE-1", "evse_id": "NL*%s*E1", "status": "AVAILABLE",
                       "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                         "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32, "tariff_ids": ["%s"],
                         "last_updated": "2026-01-01T10:00:00Z"}],
                       "last_updated": "2026-01-01T10:00:00Z"}],
                     "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}"""
                    .formatted(partyId, id, partyId, tariffId);
        }

        static String tariff(String partyId, String id) {
            return """
                    {"country_code": "NL", "party_id": "%s", "id": "%s", "currency": "EUR",
                     "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                     "last_updated": "2026-01-01T10:00:00Z"}""".formatted(partyId, id);
        }

        static String token(String partyId, String uid) {
            return """
                    {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID", "contract_id": "DE-%s-C1",
                     "issuer": "eMSP %s", "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-01-01T10:00:00Z"}"""
                    .formatted(partyId, uid, partyId, partyId);
        }

        static String session(String cpoPartyId, String id, String emspPartyId, String locationId) {
            return """
                    {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                     "kwh": 5.5, "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "ATK-TOK-1",
                       "type": "RFID", "contract_id": "DE-%s-C1"},
                     "auth_method": "AUTH_REQUEST", "location_id": "%s", "evse_uid": "EVSE-1", "connector_id": "1",
                     "currency": "EUR", "status": "ACTIVE", "last_updated": "2026-01-01T10:30:00Z"}"""
                    .formatted(cpoPartyId, id, emspPartyId, emspPartyId, locationId);
        }

        static String cdr(String cpoPartyId, String id, String sessionId, String emspPartyId, String locationId) {
            return """
                    {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                     "end_date_time": "2026-01-01T11:00:00Z", "session_id": "%s",
                     "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "ATK-TOK-1", "type": "RFID",
                       "contract_id": "DE-%s-C1"},
                     "auth_method": "AUTH_REQUEST",
                     "cdr_location": {"id": "%s", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                       "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                       "evse_id": "NL*%s*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                       "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                     "currency": "EUR",
                     "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                       "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                     "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                     "last_updated": "2026-01-01T11:05:00Z"}"""
                    .formatted(cpoPartyId, id, sessionId, emspPartyId, emspPartyId, locationId, cpoPartyId);
        }
    }
}
