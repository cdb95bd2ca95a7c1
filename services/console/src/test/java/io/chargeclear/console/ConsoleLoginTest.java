package io.chargeclear.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

/**
 * The console on its own, with every service it reads unreachable: the admin token is the only way in, the session
 * lives in an encrypted cookie that never holds the token, forms without the CSRF token are refused, and a page whose
 * service is down says so instead of failing.
 */
@QuarkusTest
class ConsoleLoginTest {

    static final String TOKEN = "chargeclear-dev-admin";

    @BeforeAll
    static void noRedirects() {
        RestAssured.config = RestAssured.config().redirect(RestAssured.config().getRedirectConfig().followRedirects(false));
    }

    @Test
    void aPageWithoutSessionSendsTheBrowserToTheLoginForm() {
        given().when().get("/partners")
                .then().statusCode(302).header("Location", endsWith("/login"));
        given().when().get("/login")
                .then().statusCode(200).body(containsString("name=\"j_password\""));
    }

    @Test
    void aWrongTokenIsRefusedAndGetsNoSession() {
        Response refused = login("not-the-token");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/login-failed");
        assertThat(refused.getDetailedCookie("chargeclear-console")).isNull();
        given().when().get("/login-failed")
                .then().statusCode(401).body(containsString("not the hub's"));
    }

    @Test
    void theAdminTokenOpensASessionWhoseCookieDoesNotHoldIt() {
        Cookie session = session();
        assertThat(session.getValue()).doesNotContain(TOKEN);
        assertThat(session.isHttpOnly()).isTrue();
        given().cookie(session).when().get("/partners")
                .then().statusCode(200).body(containsString("Partners"), not(containsString(TOKEN)));
    }

    @Test
    void aPageWhoseServiceIsDownSaysSoInsteadOfFailing() {
        Cookie session = session();
        given().cookie(session).when().get("/partners")
                .then().statusCode(200).body(containsString("party-registry is unreachable"),
                        containsString("Delivery queues unknown: ocpi-gateway is unreachable"));
        given().cookie(session).when().get("/settlement")
                .then().statusCode(200).body(containsString("settlement is unreachable"));
        given().cookie(session).when().get("/cdrs/flagged")
                .then().statusCode(200).body(containsString("cdr-rating is unreachable"));
        given().cookie(session).when().get("/agreements")
                .then().statusCode(200).body(containsString("party-registry is unreachable"));
        given().cookie(session).when().get("/sla")
                .then().statusCode(200).body(containsString("session-tracking is unreachable"));
        given().cookie(session).when().get("/today")
                .then().statusCode(200).body(containsString("cdr-rating is unreachable"),
                        containsString("session-tracking is unreachable"), containsString("ocpi-gateway is unreachable"),
                        containsString("No CDR in the last 24 hours."));
        given().cookie(session).when().get("/parked")
                .then().statusCode(200).body(containsString("ocpi-gateway is unreachable"),
                        containsString("settlement is unreachable"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        Cookie session = session();
        given().cookie(session).contentType("application/x-www-form-urlencoded").formParam("x", "y")
                .when().post("/partners/some-platform/suspend")
                .then().statusCode(400);
    }

    @Test
    void aFormWithItsCsrfTokenReachesTheServiceAndAnOutageComesBackAsALineOnThePage() {
        Cookie session = session();
        Response page = given().cookie(session).when().get("/partners");
        Cookie csrf = page.getDetailedCookie("chargeclear-console-csrf");
        assertThat(csrf).as("CSRF cookie").isNotNull();
        String token = page.htmlPath().getString("**.find { it.@name == 'csrf-token' }.@value");
        assertThat(token).isNotBlank();
        Response suspended = given().cookie(session).cookie(csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token).when().post("/partners/some%20platform/suspend");
        assertThat(suspended.statusCode()).isEqualTo(303);
        assertThat(java.net.URLDecoder.decode(suspended.header("Location"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("/partners?problem=party-registry is unreachable (");
    }

    private static Response login(String token) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "operator").formParam("j_password", token)
                .when().post("/j_security_check");
    }

    private static Cookie session() {
        Response response = login(TOKEN);
        assertThat(response.statusCode()).isEqualTo(302);
        Cookie cookie = response.getDetailedCookie("chargeclear-console");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie;
    }
}
