package io.chargeclear.console;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partners page shows each party against the hub's objectives as the gateway and rating report them: green
 * under 80 % of the threshold, amber above it (or past it while the receiver does not answer, which the objective
 * does not count), red past it; a party no service has figures of shows none. The services are stand-ins on
 * loopback answering their operator APIs' JSON.
 */
@QuarkusTest
@WithTestResource(PartnerObjectivesTest.Services.class)
class PartnerObjectivesTest {

    private static final Pattern OBJECTIVE = Pattern.compile(
            "<span class=\"objective objective-(ok|warn|bad)\" data-party=\"([^\"]+)\" data-objective=\"([^\"]+)\"[^>]*>([^<]*)</span>");

    @BeforeAll
    static void noRedirects() {
        RestAssured.config = RestAssured.config().redirect(RestAssured.config().getRedirectConfig().followRedirects(false));
    }

    @Test
    void eachPartyIsShownAgainstItsObjectivesGreenAmberOrRed() {
        String page = given().cookie(session()).when().get("/partners").then().statusCode(200).extract().asString();
        Map<String, String> states = new java.util.TreeMap<>();
        Map<String, String> texts = new java.util.TreeMap<>();
        Matcher m = OBJECTIVE.matcher(page);
        while (m.find()) {
            states.put(m.group(2) + " " + m.group(3), m.group(1));
            texts.put(m.group(2) + " " + m.group(3), m.group(4));
        }
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DE*DM1 rta-p99", "ok",
                "DE*DM1 rta-timeouts", "bad",
                "DE*DM1 push-delivered", "ok",
                "NL*DC1 push-delivered", "bad",
                "NL*DC1 cdr-rated", "warn",
                "NL*DC1 flagged-share", "ok",
                "NL*DC2 push-delivered", "warn"));
        assertThat(texts.get("DE*DM1 rta-p99")).isEqualTo("RTA p99 120 ms / 500 ms");
        assertThat(texts.get("DE*DM1 rta-timeouts")).isEqualTo("RTA timeouts 2.0 % / 1.0 %");
        assertThat(texts.get("NL*DC1 push-delivered")).isEqualTo("oldest push 7.5 min / 5.0 min");
        assertThat(texts.get("NL*DC1 cdr-rated")).isEqualTo("CDR rated p99 55.0 s / 60.0 s");
        assertThat(texts.get("NL*DC1 flagged-share")).isEqualTo("flagged 2.5 % / 5.0 %");
        assertThat(section(page, "p-dm2")).as("no figures of DE*DM2").contains("<td class=\"objectives\">-</td>");
    }

    private static String section(String page, String platform) {
        int start = page.indexOf("data-platform-id=\"" + platform + "\"");
        assertThat(start).isNotNegative();
        int end = page.indexOf("</tr>", start);
        return page.substring(start, end);
    }

    private static Cookie session() {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "operator").formParam("j_password", ConsoleLoginTest.TOKEN)
                .when().post("/j_security_check").then().statusCode(302).extract().detailedCookie("chargeclear-console");
    }

    /** The registry, the gateway and rating as loopback stand-ins answering their operator APIs. */
    public static class Services implements QuarkusTestResourceLifecycleManager {

        private HttpServer http;

        @Override
        public Map<String, String> start() {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                http.createContext("/admin/platforms", exchange -> answer(exchange, """
                        [%s, %s, %s, %s]""".formatted(
                        platform("p-dc1", "Demo CPO 1", "NL", "DC1", "CPO"),
                        platform("p-dc2", "Demo CPO 2", "NL", "DC2", "CPO"),
                        platform("p-dm1", "Demo eMSP 1", "DE", "DM1", "EMSP"),
                        platform("p-dm2", "Demo eMSP 2", "DE", "DM2", "EMSP"))));
                http.createContext("/admin/deliveries/receivers", exchange -> answer(exchange, "[]"));
                http.createContext("/admin/objectives", exchange -> answer(exchange, """
                        {"thresholds": {"rta_p99_ms": 500, "rta_timeout_share": 0.01, "delivery_oldest_pending_seconds": 300},
                         "parties": [
                          {"party": "DE*DM1", "rta_count": 100, "rta_p99_ms": 120.0, "rta_timeouts": 2, "rta_timeout_share": 0.02,
                           "delivery_pending": 0, "delivery_oldest_pending_seconds": 0.0, "receiver_up": true, "delivery_p99_ms": 80.0},
                          {"party": "NL*DC1", "rta_count": null, "rta_p99_ms": null, "rta_timeouts": null, "rta_timeout_share": null,
                           "delivery_pending": 12, "delivery_oldest_pending_seconds": 450.0, "receiver_up": true, "delivery_p99_ms": null},
                          {"party": "NL*DC2", "rta_count": null, "rta_p99_ms": null, "rta_timeouts": null, "rta_timeout_share": null,
                           "delivery_pending": 3, "delivery_oldest_pending_seconds": 900.0, "receiver_up": false, "delivery_p99_ms": null}
                         ]}"""));
                http.createContext("/admin/rating/objectives", exchange -> answer(exchange, """
                        {"thresholds": {"cdr_rated_p99_seconds": 60, "flagged_share": 0.05},
                         "parties": [{"party": "NL*DC1", "rated": 39, "flagged": 1, "flagged_share": 0.025,
                                      "rating_lag_p99_seconds": 55.0}]}"""));
                http.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String url = "http://127.0.0.1:" + http.getAddress().getPort();
            return Map.of("quarkus.rest-client.party-registry.url", url,
                    "quarkus.rest-client.ocpi-gateway.url", url,
                    "quarkus.rest-client.cdr-rating.url", url);
        }

        private static String platform(String id, String name, String cc, String pid, String role) {
            return """
                    {"id": "%s", "name": "%s", "status": "ACTIVE", "ocpi_version": "2.2.1",
                     "created_at": "2026-12-01T10:00:00Z", "connection": null,
                     "parties": [{"country_code": "%s", "party_id": "%s", "role": "%s", "name": "%s"}]}"""
                    .formatted(id, name, cc, pid, role, name);
        }

        private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void stop() {
            http.stop(0);
        }
    }
}
