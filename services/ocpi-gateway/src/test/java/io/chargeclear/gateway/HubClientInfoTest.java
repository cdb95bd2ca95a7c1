package io.chargeclear.gateway;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * OCPI 2.2.1 §mod_hub_client_info, the hub as Sender: every party of the directory but the caller's own, with the
 * status its platform's tokens give it, paginated and date-filtered per §transport_and_format "Pagination". Platforms are
 * announced over real Kafka; other test classes announce theirs into the same database, so assertions on the
 * whole list compare with the directory's row count and the rest stay on this class's own country code and
 * time window.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class HubClientInfoTest {

    private static final String LIST = "/ocpi/2.2.1/hubclientinfo";
    private static final String PUBLIC_LIST = "http://localhost:8080" + LIST;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private static final String TOKEN_C = "token-c-" + UUID.randomUUID();
    private static final String TOKEN_A = "token-a-" + UUID.randomUUID();
    private static final String SUSPENDED_TOKEN_C = "token-s-" + UUID.randomUUID();
    /** The platform that reads the list in most tests: its own party (HCE) is never in what it reads. */
    private static final String OBSERVER_TOKEN_C = "token-o-" + UUID.randomUUID();

    /** A country code no other test uses, so this class's parties are its own. */
    private static final String CC = "" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + 'Q';
    /** The connected platform's parties change at BASE, the planned one's 10 s later, the suspended one's 20 s later. */
    private static final Instant BASE = Instant.parse("2001-02-03T04:05:06Z");

    private static boolean announced;

    /** Once per class, but in @BeforeEach: RestAssured knows the app's random port only from then on. */
    @BeforeEach
    void announcePlatforms() {
        if (announced) {
            return;
        }
        announced = true;
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, "ACTIVE", BASE, """
                    [{"country_code": "%1$s", "party_id": "HCA", "role": "CPO", "name": "HCA"},
                     {"country_code": "%1$s", "party_id": "HCB", "role": "EMSP", "name": "HCB"}]""".formatted(CC),
                    TokenHeader.sha256(TOKEN_C), "C");
            announce(kafka, "ACTIVE", BASE.plusSeconds(10), """
                    [{"country_code": "%s", "party_id": "HCC", "role": "CPO", "name": "HCC"}]""".formatted(CC),
                    TokenHeader.sha256(TOKEN_A), "A");
            announce(kafka, "SUSPENDED", BASE.plusSeconds(20), """
                    [{"country_code": "%s", "party_id": "HCD", "role": "CPO", "name": "HCD"}]""".formatted(CC),
                    TokenHeader.sha256(SUSPENDED_TOKEN_C), "C");
            announce(kafka, "ACTIVE", BASE.plusSeconds(30), """
                    [{"country_code": "%s", "party_id": "HCE", "role": "EMSP", "name": "HCE"}]""".formatted(CC),
                    TokenHeader.sha256(OBSERVER_TOKEN_C), "C");
        }
        await("platforms applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ocpi(OBSERVER_TOKEN_C).queryParam("date_from", BASE.toString())
                        .queryParam("date_to", BASE.plusSeconds(21).toString()).get(LIST)
                        .then().statusCode(200).extract().jsonPath().getList("data.party_id"))
                        .containsExactly("HCA", "HCB", "HCC", "HCD"));
    }

    private static void announce(KafkaTestClient kafka, String status, Instant changedAt, String parties,
                                 String tokenHash, String kind) {
        String platform = UUID.randomUUID().toString();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), """
                {"platform_id": "%s", "name": "HubClientInfo test", "status": "%s", "revision": 1,
                 "parties": %s, "credentials": [{"token_hash": "%s", "kind": "%s"}],
                 "changed_at": "%s"}""".formatted(platform, status, parties, tokenHash, kind, changedAt));
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token));
    }

    @Test
    void theVersionDetailsListHubClientInfoAsSender() {
        ocpi(OBSERVER_TOKEN_C).get("/ocpi/2.2.1").then().statusCode(200)
                .body("data.endpoints.find { it.identifier == 'hubclientinfo' }.role", equalTo("SENDER"))
                .body("data.endpoints.find { it.identifier == 'hubclientinfo' }.url", equalTo(PUBLIC_LIST));
    }

    @Test
    void statusFollowsThePlatformAndItsTokens() {
        Response response = ocpi(OBSERVER_TOKEN_C).get(LIST);
        response.then().statusCode(200).body("status_code", equalTo(1000));
        var json = response.jsonPath();
        String mine = "data.find { it.country_code == '" + CC + "' && it.party_id == '%s' }.";
        assertThat(json.getString(mine.formatted("HCA") + "status")).isEqualTo("CONNECTED");
        assertThat(json.getString(mine.formatted("HCA") + "role")).isEqualTo("CPO");
        assertThat(json.getString(mine.formatted("HCA") + "last_updated")).isEqualTo(BASE.toString());
        assertThat(json.getString(mine.formatted("HCB") + "status")).isEqualTo("CONNECTED");
        assertThat(json.getString(mine.formatted("HCB") + "role")).isEqualTo("EMSP");
        assertThat(json.getString(mine.formatted("HCC") + "status")).isEqualTo("PLANNED");
        assertThat(json.getString(mine.formatted("HCC") + "last_updated")).isEqualTo(BASE.plusSeconds(10).toString());
        assertThat(json.getString(mine.formatted("HCD") + "status")).isEqualTo("SUSPENDED");
    }

    @Test
    void aPlatformIsNeverListedToItself() {
        await("the observer's own party is in the directory").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(window(TOKEN_C).get(LIST).then().statusCode(200).extract().jsonPath()
                        .getList("data.party_id")).contains("HCE"));
        assertThat(window(TOKEN_C).get(LIST).then().statusCode(200).header("X-Total-Count", equalTo("3"))
                .extract().jsonPath().getList("data.party_id"))
                .as("HCA and HCB are the caller's own").containsExactly("HCC", "HCD", "HCE");
        assertThat(window(OBSERVER_TOKEN_C).get(LIST).then().statusCode(200).extract().jsonPath()
                .getList("data.party_id")).containsExactly("HCA", "HCB", "HCC", "HCD");
    }

    /** This class's time window, from HCA's change to HCE's: no other class's party is in it. */
    private static RequestSpecification window(String token) {
        return ocpi(token).queryParam("date_from", BASE.toString()).queryParam("date_to", BASE.plusSeconds(31).toString());
    }

    @Test
    void limitOneWalksTheWholeListThroughTheLinkHeader() throws SQLException {
        long rows = directoryRows() - 1; // the observer's own party is not listed to it
        List<String> seen = new ArrayList<>();
        String next = LIST + "?limit=1";
        int pages = 0;
        while (next != null) {
            Response page = ocpi(OBSERVER_TOKEN_C).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200)
                    .header("X-Total-Count", equalTo(Long.toString(rows)))
                    .header("X-Limit", equalTo("100"));
            List<Map<String, Object>> data = page.jsonPath().getList("data");
            assertThat(data).hasSize(1);
            seen.add(data.get(0).get("country_code") + "/" + data.get(0).get("party_id") + "/" + data.get(0).get("role"));
            next = nextPath(page);
            pages++;
            assertThat(pages).as("pages walked").isLessThanOrEqualTo((int) rows);
        }
        assertThat(seen).hasSize((int) rows).doesNotHaveDuplicates()
                .contains(CC + "/HCA/CPO", CC + "/HCB/EMSP", CC + "/HCC/CPO", CC + "/HCD/CPO")
                .doesNotContain(CC + "/HCE/EMSP");
    }

    @Test
    void theNextLinkRepeatsTheDateFiltersAndTheOrderIsOldestFirst() {
        List<String> seen = new ArrayList<>();
        String next = LIST + "?date_from=" + BASE + "&date_to=" + BASE.plusSeconds(21) + "&limit=1";
        while (next != null) {
            Response page = ocpi(OBSERVER_TOKEN_C).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200).header("X-Total-Count", equalTo("4"));
            seen.addAll(page.jsonPath().getList("data.party_id"));
            String link = page.header("Link");
            if (link != null) {
                assertThat(link).startsWith("<" + PUBLIC_LIST + "?")
                        .contains("date_from=2001-02-03T04%3A05%3A06Z", "date_to=2001-02-03T04%3A05%3A27Z", "limit=1")
                        .endsWith(">; rel=\"next\"");
            }
            next = nextPath(page);
        }
        assertThat(seen).containsExactly("HCA", "HCB", "HCC", "HCD");
    }

    @Test
    void dateFromIsInclusiveAndDateToExclusive() {
        ocpi(OBSERVER_TOKEN_C).queryParam("date_from", BASE.plusSeconds(10).toString())
                .queryParam("date_to", BASE.plusSeconds(20).toString()).get(LIST)
                .then().statusCode(200)
                .header("X-Total-Count", equalTo("1"))
                .header("Link", nullValue())
                .body("data.party_id", equalTo(List.of("HCC")));
        ocpi(OBSERVER_TOKEN_C).queryParam("date_to", BASE.plusSeconds(10).toString()).get(LIST)
                .then().statusCode(200)
                .header("X-Total-Count", equalTo("2"))
                .body("data.party_id", equalTo(List.of("HCA", "HCB")));
        ocpi(OBSERVER_TOKEN_C).queryParam("date_from", BASE.toString()).queryParam("date_to", BASE.plusSeconds(21).toString())
                .queryParam("offset", 1).queryParam("limit", 2).get(LIST)
                .then().statusCode(200)
                .header("X-Total-Count", equalTo("4"))
                .header("Link", containsString("offset=3"))
                .body("data.party_id", equalTo(List.of("HCB", "HCC")));
    }

    @Test
    void badParametersAre400With2001NamingTheParameter() {
        assertBad("offset", "-1", "offset");
        assertBad("offset", "first", "offset");
        assertBad("limit", "0", "limit");
        assertBad("limit", "many", "limit");
        assertBad("date_from", "yesterday", "date_from");
        assertBad("date_to", "2024-13-01T00:00:00Z", "date_to");
    }

    @Test
    void tokenAIsRefused() {
        ocpi(TOKEN_A).get(LIST).then().statusCode(403)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("token A"));
    }

    private static void assertBad(String parameter, String value, String named) {
        ocpi(OBSERVER_TOKEN_C).queryParam(parameter, value).get(LIST).then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", containsString("'" + named + "'"))
                .body("data", nullValue());
    }

    /** The Link header's next URL as a path on the app under test (the public URL names another port), or null. */
    private static String nextPath(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.matches()).as("Link header %s", link).isTrue();
        URI uri = URI.create(matcher.group(1));
        assertThat(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()).isEqualTo(PUBLIC_LIST);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static long directoryRows() throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             Statement query = db.createStatement();
             ResultSet rs = query.executeQuery("select count(*) from ocpi_gateway.party_directory")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
