package io.chargeclear.registry;

import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static io.chargeclear.registry.PlatformAdminTest.admin;
import static io.chargeclear.registry.PlatformAdminTest.freshPartyId;
import static io.chargeclear.registry.PlatformAdminTest.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The operator API for agreements and standard terms: lifecycle, defaults, and every refusal with its message. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AgreementAdminTest {

    static final String FEE = """
            {"percent": "2.5", "per_session": {"amount": "0.10", "currency": "EUR"}}""";

    /** A CPO party and an eMSP party, each registered on its own fresh platform. */
    record Pair(String cpoCc, String cpoPid, String emspCc, String emspPid) {

        static Pair registered() {
            Pair pair = new Pair(freshCountry(), freshPartyId(), freshCountry(), freshPartyId());
            register("CPO " + pair.cpoPid, pair.cpoCc, pair.cpoPid, "CPO");
            register("eMSP " + pair.emspPid, pair.emspCc, pair.emspPid, "EMSP");
            return pair;
        }

        String json(String validFrom, String validUntil, String hubFee, String extra) {
            return """
                    {"cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                     "valid_from": %s, "valid_until": %s, "hub_fee": %s%s}
                    """.formatted(cpoCc, cpoPid, emspCc, emspPid, quoted(validFrom), quoted(validUntil), hubFee,
                    extra.isEmpty() ? "" : ", " + extra);
        }

        String json(String validFrom, String validUntil) {
            return json(validFrom, validUntil, FEE, "");
        }

        String create(String validFrom, String validUntil) {
            return admin().body(json(validFrom, validUntil)).post("/admin/agreements")
                    .then().statusCode(201).extract().path("id");
        }
    }

    /**
     * A random country code: with the random party id it makes a party no other test uses (party ids alone
     * would collide now and then across the many parties these tests register).
     */
    /** The management interface, where the OpenAPI document is served. */
    @TestHTTPResource(management = true)
    URL management;

    static String freshCountry() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
    }

    static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    static String daysFromNow(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void anAgreementIsCreatedWithDefaultsListedShownAndEnded() {
        Pair pair = Pair.registered();
        String from = daysFromNow(-1);
        String id = admin().body(pair.json(from, null)).post("/admin/agreements")
                .then().statusCode(201).extract().path("id");
        admin().get("/admin/agreements/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("ACTIVE"))
                .body("in_effect", equalTo(true))
                .body("cpo.country_code", equalTo(pair.cpoCc()))
                .body("cpo.party_id", equalTo(pair.cpoPid()))
                .body("emsp.party_id", equalTo(pair.emspPid()))
                .body("valid_from", equalTo(from))
                .body("valid_until", nullValue())
                .body("modules", contains("cdrs", "chargingprofiles", "commands", "locations", "payments", "sessions",
                        "tariffs", "tokens"))
                .body("hub_fee.percent", equalTo("2.5"))
                .body("hub_fee.per_session", hasSize(1))
                .body("hub_fee.per_session[0].amount", equalTo("0.10"))
                .body("hub_fee.per_session[0].currency", equalTo("EUR"))
                .body("sla.cdr_within_hours", equalTo(48))
                .body("sla.authorization_answer_within_ms", equalTo(5000))
                .body("dispute_window_days", equalTo(30))
                .body("revision", equalTo(1))
                .body("ended_at", nullValue());

        admin().get("/admin/agreements").then().statusCode(200).body("id", hasItem(id));
        admin().get("/admin/agreements?party=" + pair.cpoCc().toLowerCase() + "/" + pair.cpoPid().toLowerCase()).then().statusCode(200)
                .body("id", contains(id));
        admin().get("/admin/agreements?party=" + pair.emspCc() + "/" + pair.emspPid() + "&status=ACTIVE").then().statusCode(200)
                .body("id", contains(id));
        admin().get("/admin/agreements?party=" + pair.emspCc() + "/" + pair.emspPid() + "&status=ENDED").then().statusCode(200)
                .body("id", hasSize(0));

        admin().delete("/admin/agreements/" + id).then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("in_effect", equalTo(false))
                .body("valid_until", notNullValue())
                .body("ended_at", notNullValue())
                .body("revision", equalTo(2));
        admin().delete("/admin/agreements/" + id).then().statusCode(409)
                .body("message", allOf(containsString(id), containsString("already ENDED")));
        admin().get("/admin/agreements?status=ENDED").then().statusCode(200)
                .body("id", hasItem(id)).body("status", everyItem(equalTo("ENDED")));
        admin().get("/admin/agreements?status=ACTIVE").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void theAnswerPointsAtTheNewAgreement() {
        Pair pair = Pair.registered();
        String location = admin().body(pair.json(daysFromNow(0), null)).post("/admin/agreements")
                .then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        admin().get("/admin/agreements/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void optionalTermsAreTakenAsSent() {
        Pair pair = Pair.registered();
        admin().body(pair.json("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00Z",
                        "{\"percent\": \"0\"}",
                        "\"modules\": [\"tokens\", \"CDRS\"], \"sla\": {\"cdr_within_hours\": 24},"
                                + " \"dispute_window_days\": 60"))
                .post("/admin/agreements").then().statusCode(201)
                .body("valid_from", equalTo("2025-12-31T23:00:00Z"))
                .body("valid_until", equalTo("2027-01-01T00:00:00Z"))
                .body("modules", contains("cdrs", "tokens"))
                .body("hub_fee.percent", equalTo("0"))
                .body("hub_fee.per_session", hasSize(0))
                .body("sla.cdr_within_hours", equalTo(24))
                .body("sla.authorization_answer_within_ms", equalTo(5000))
                .body("dispute_window_days", equalTo(60));
    }

    @Test
    void aPerSessionFeeAloneIsEnough() {
        Pair pair = Pair.registered();
        admin().body(pair.json("2026-01-01T00:00:00Z", null,
                        "{\"per_session\": {\"amount\": \"0.25\", \"currency\": \"GBP\"}}", ""))
                .post("/admin/agreements").then().statusCode(201)
                .body("hub_fee.percent", nullValue())
                .body("hub_fee.per_session[0].amount", equalTo("0.25"))
                .body("hub_fee.per_session[0].currency", equalTo("GBP"));
    }

    @Test
    void aPerSessionFeeIsGivenOncePerCurrencyAndShownAsAList() {
        Pair pair = Pair.registered();
        String id = admin().body(pair.json("2026-01-01T00:00:00Z", null, """
                        {"percent": "2.5", "per_session": [{"amount": "0.10", "currency": "EUR"},
                                                           {"amount": "0.15", "currency": "CAD"}]}""", ""))
                .post("/admin/agreements").then().statusCode(201)
                .body("hub_fee.per_session.currency", contains("EUR", "CAD"))
                .body("hub_fee.per_session.amount", contains("0.10", "0.15"))
                .extract().path("id");
        admin().get("/admin/agreements/" + id).then().statusCode(200)
                .body("hub_fee.percent", equalTo("2.5"))
                .body("hub_fee.per_session.currency", contains("EUR", "CAD"))
                .body("hub_fee.per_session.amount", contains("0.10", "0.15"));
    }

    @Test
    void twoPerSessionFeesInOneCurrencyAreRefusedNamingTheSecond() {
        Pair pair = Pair.registered();
        refused(pair.json("2026-01-01T00:00:00Z", null, """
                {"per_session": [{"amount": "0.10", "currency": "EUR"}, {"amount": "0.15", "currency": "CAD"},
                                 {"amount": "0.12", "currency": "EUR"}]}""", ""),
                "hub_fee.per_session[2].currency EUR is there twice");
        refused(pair.json("2026-01-01T00:00:00Z", null, "{\"per_session\": [{\"amount\": \"0.10\", \"currency\": \"EUR\"},"
                + " {\"amount\": \"x\", \"currency\": \"CAD\"}]}", ""), "hub_fee.per_session[1].amount");
        refused(pair.json("2026-01-01T00:00:00Z", null, "{\"per_session\": [null]}", ""), "hub_fee.per_session[0]");
        refused(pair.json("2026-01-01T00:00:00Z", null, "{\"per_session\": []}", ""),
                "hub_fee needs percent, per_session or both");
        admin().body("""
                {"mode": "OPEN_MARKET", "hub_fee": {"per_session": [{"amount": "0.10", "currency": "GBP"},
                                                                    {"amount": "0.10", "currency": "GBP"}]}}
                """).put("/admin/agreements/standard-terms").then().statusCode(400)
                .body("message", containsString("hub_fee.per_session[1].currency GBP is there twice"));
        admin().get("/admin/agreements?party=" + pair.cpoCc() + "/" + pair.cpoPid()).then().statusCode(200)
                .body("id", hasSize(0));
    }

    @Test
    void aFutureAgreementIsActiveButNotYetInEffectAndEndingItEmptiesItsWindow() {
        Pair pair = Pair.registered();
        String from = daysFromNow(10);
        String id = admin().body(pair.json(from, null)).post("/admin/agreements").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("in_effect", equalTo(false)).extract().path("id");
        admin().delete("/admin/agreements/" + id).then().statusCode(200)
                .body("status", equalTo("ENDED")).body("valid_until", equalTo(from));
    }

    @Test
    void oneWindowPerPairAtATime() {
        Pair pair = Pair.registered();
        String first = pair.create("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z");

        admin().body(pair.json("2026-06-30T00:00:00Z", null)).post("/admin/agreements")
                .then().statusCode(409)
                .body("message", allOf(containsString(first), containsString("overlaps")));
        admin().body(pair.json("2025-01-01T00:00:00Z", "2026-01-01T00:00:01Z")).post("/admin/agreements")
                .then().statusCode(409).body("message", containsString(first));

        // half-open windows: the successor may start the instant the first one ends, the predecessor end as it starts
        String next = pair.create("2026-07-01T00:00:00Z", null);
        pair.create("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        admin().body(pair.json("2030-01-01T00:00:00Z", null)).post("/admin/agreements")
                .then().statusCode(409).body("message", containsString(next));

        // an ended agreement no longer blocks its window
        admin().delete("/admin/agreements/" + first).then().statusCode(200);
        pair.create("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
    }

    @Test
    void otherPairsDoNotOverlap() {
        Pair pair = Pair.registered();
        pair.create("2026-01-01T00:00:00Z", null);
        String cc = freshCountry();
        String otherEmsp = freshPartyId();
        register("Other eMSP", cc, otherEmsp, "EMSP");
        new Pair(pair.cpoCc(), pair.cpoPid(), cc, otherEmsp).create("2026-01-01T00:00:00Z", null);
    }

    @Test
    void onePlatformMayBeBothSidesOfAnAgreement() {
        String cc = freshCountry();
        String pid = freshPartyId();
        admin().body("""
                {"name": "Both roles", "parties": [
                  {"country_code": "%s", "party_id": "%s", "role": "CPO", "name": "Both CPO"},
                  {"country_code": "%s", "party_id": "%s", "role": "EMSP", "name": "Both eMSP"}]}
                """.formatted(cc, pid, cc, pid)).post("/admin/platforms").then().statusCode(201);
        new Pair(cc, pid, cc, pid).create("2026-01-01T00:00:00Z", null);
    }

    @Test
    void partiesMustBeLiveAndInTheirRole() {
        Pair pair = Pair.registered();
        String cc = freshCountry();
        String unknown = freshPartyId();
        admin().body(new Pair(cc, unknown, pair.emspCc(), pair.emspPid()).json("2026-01-01T00:00:00Z", null))
                .post("/admin/agreements").then().statusCode(400)
                .body("message", allOf(containsString("cpo " + cc + "/" + unknown),
                        containsString("not a registered live party")));
        admin().body(new Pair(pair.cpoCc(), pair.cpoPid(), cc, unknown).json("2026-01-01T00:00:00Z", null))
                .post("/admin/agreements").then().statusCode(400)
                .body("message", containsString("emsp " + cc + "/" + unknown));
        // the eMSP named as CPO, and a CPO as eMSP
        admin().body(new Pair(pair.emspCc(), pair.emspPid(), pair.cpoCc(), pair.cpoPid()).json("2026-01-01T00:00:00Z", null))
                .post("/admin/agreements").then().statusCode(400)
                .body("message", allOf(containsString("cpo " + pair.emspCc() + "/" + pair.emspPid()),
                        containsString("registered as EMSP")));
        String cpoOnly = freshPartyId();
        register("Second CPO", cc, cpoOnly, "CPO");
        admin().body(new Pair(pair.cpoCc(), pair.cpoPid(), cc, cpoOnly).json("2026-01-01T00:00:00Z", null))
                .post("/admin/agreements").then().statusCode(400)
                .body("message", allOf(containsString("emsp " + cc + "/" + cpoOnly), containsString("registered as CPO")));
    }

    @Test
    void anUnregisteredPartyCannotAgree() {
        Pair pair = new Pair(freshCountry(), freshPartyId(), freshCountry(), freshPartyId());
        String platform = register("Leaving CPO", pair.cpoCc(), pair.cpoPid(), "CPO");
        register("Staying eMSP", pair.emspCc(), pair.emspPid(), "EMSP");
        admin().delete("/admin/platforms/" + platform).then().statusCode(200);
        admin().body(pair.json("2026-01-01T00:00:00Z", null)).post("/admin/agreements").then().statusCode(400)
                .body("message", containsString("cpo " + pair.cpoCc() + "/" + pair.cpoPid()));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Pair pair = Pair.registered();
        String from = "2026-01-01T00:00:00Z";
        refused(pair.json(from, null, "{\"percent\": \"150\"}", ""), "hub_fee.percent");
        refused(pair.json(from, null, "{\"percent\": \"-1\"}", ""), "hub_fee.percent");
        refused(pair.json(from, null, "{\"percent\": \"2.5%\"}", ""), "hub_fee.percent");
        refused(pair.json(from, null, "{\"per_session\": {\"amount\": \"0.10\", \"currency\": \"EURO\"}}", ""),
                "hub_fee.per_session[0].currency");
        refused(pair.json(from, null, "{\"per_session\": {\"amount\": \"0.10\", \"currency\": \"XYZ\"}}", ""),
                "hub_fee.per_session[0].currency XYZ is not an ISO-4217 currency code");
        refused(pair.json(from, null, "{\"per_session\": {\"amount\": \"-0.10\", \"currency\": \"EUR\"}}", ""),
                "hub_fee.per_session[0].amount");
        refused(pair.json(from, null, "{\"per_session\": {\"amount\": \"0.10\"}}", ""),
                "hub_fee.per_session[0].currency");
        refused(pair.json(from, null, "{}", ""), "hub_fee needs percent, per_session or both");
        refused(pair.json(from, "2025-12-31T00:00:00Z"), "valid_until");
        refused(pair.json(from, from), "must be after valid_from");
        refused(pair.json("next monday", null), "valid_from must be an ISO-8601 date-time");
        refused(pair.json(from, "2027-01-01"), "valid_until must be an ISO-8601 date-time");
        refused(pair.json(null, null), "valid_from");
        refused(pair.json(from, null, FEE, "\"modules\": [\"credentials\"]"), "modules");
        refused(pair.json(from, null, FEE, "\"modules\": []"), "modules must not be empty");
        refused(pair.json(from, null, FEE, "\"sla\": {\"cdr_within_hours\": 0}"), "sla.cdr_within_hours");
        refused(pair.json(from, null, FEE, "\"sla\": {\"authorization_answer_within_ms\": 600000}"),
                "sla.authorization_answer_within_ms");
        refused(pair.json(from, null, FEE, "\"dispute_window_days\": 0"), "dispute_window_days");
        refused(pair.json("-5000-01-01T00:00:00Z", null), "valid_from must lie between");
        refused(new Pair("NLD", pair.cpoPid(), pair.emspCc(), pair.emspPid()).json(from, null), "cpo.country_code");
        refused(pair.json(from, null, "null", ""), "hub_fee");
        refused("{\"valid_from\": \"2026-01-01T00:00:00Z\", \"hub_fee\": {\"percent\": \"1\"}}", "cpo");
        refused("{\"cpo\": ", "JSON");
        admin().get("/admin/agreements?party=" + pair.cpoCc() + "/" + pair.cpoPid()).then().statusCode(200).body("id", hasSize(0));
    }

    @Test
    void badFiltersAndUnknownIdsAreRefused() {
        admin().get("/admin/agreements?party=NLCPO").then().statusCode(400).body("message", containsString("party"));
        admin().get("/admin/agreements?status=EXPIRED").then().statusCode(400).body("message", containsString("status"));
        admin().get("/admin/agreements/nope").then().statusCode(404).body("message", containsString("agreement nope"));
        admin().delete("/admin/agreements/nope").then().statusCode(404).body("message", containsString("nope"));
    }

    @Test
    void theAgreementApiNeedsTheAdminToken() {
        given().get("/admin/agreements").then().statusCode(401);
        given().get("/admin/agreements/standard-terms").then().statusCode(401);
    }

    @Test
    void theAgreementApiIsDescribedInOpenApi() {
        given().baseUri(management.toString()).get("openapi").then().statusCode(200)
                .body(allOf(containsString("/admin/agreements/{id}"), containsString("/admin/agreements/standard-terms"),
                        containsString("hub_fee")));
    }

    @Test
    void standardTermsAreShownAndReplaced() {
        int revision = admin().get("/admin/agreements/standard-terms").then().statusCode(200)
                .body("mode", notNullValue())
                .body("modules", hasSize(7))
                .body("sla.cdr_within_hours", notNullValue())
                .extract().path("revision");

        admin().body("""
                {"mode": "OPEN_MARKET", "hub_fee": {"percent": "1.25", "per_session": {"amount": "0.05", "currency": "EUR"}},
                 "sla": {"authorization_answer_within_ms": 3000}, "dispute_window_days": 14}
                """).put("/admin/agreements/standard-terms").then().statusCode(200)
                .body("mode", equalTo("OPEN_MARKET"))
                .body("hub_fee.percent", equalTo("1.25"))
                .body("hub_fee.per_session[0].amount", equalTo("0.05"))
                .body("sla.cdr_within_hours", equalTo(48))
                .body("sla.authorization_answer_within_ms", equalTo(3000))
                .body("dispute_window_days", equalTo(14))
                .body("revision", equalTo(revision + 1));
        admin().get("/admin/agreements/standard-terms").then().statusCode(200)
                .body("mode", equalTo("OPEN_MARKET")).body("revision", equalTo(revision + 1));

        admin().body("{\"mode\": \"ANYTHING_GOES\", \"hub_fee\": {\"percent\": \"1\"}}")
                .put("/admin/agreements/standard-terms").then().statusCode(400).body("message", containsString("mode"));
        admin().body("{\"mode\": \"OPEN_MARKET\", \"hub_fee\": {\"percent\": \"101\"}}")
                .put("/admin/agreements/standard-terms").then().statusCode(400)
                .body("message", containsString("hub_fee.percent"));
        admin().body("{\"mode\": \"OPEN_MARKET\"}")
                .put("/admin/agreements/standard-terms").then().statusCode(400)
                .body("message", containsString("hub_fee"));

        admin().body("{\"mode\": \"AGREEMENT_REQUIRED\", \"hub_fee\": {\"percent\": \"0\"}}")
                .put("/admin/agreements/standard-terms").then().statusCode(200)
                .body("mode", equalTo("AGREEMENT_REQUIRED"))
                .body("hub_fee.percent", equalTo("0"))
                .body("dispute_window_days", equalTo(30))
                .body("revision", equalTo(revision + 2));
    }

    private static void refused(String body, String message) {
        admin().body(body).post("/admin/agreements").then().statusCode(400).body("message", containsString(message));
    }
}
