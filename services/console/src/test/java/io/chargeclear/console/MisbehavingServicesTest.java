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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Services that answer badly, on loopback: one that sends something that is not its API's JSON, one that refuses
 * with its own message, one that takes the connection and never answers. Each page says which and how, and is
 * still a page (HTTP 200), never an error page.
 */
@QuarkusTest
@WithTestResource(MisbehavingServicesTest.Stubs.class)
class MisbehavingServicesTest {

    @BeforeAll
    static void noRedirects() {
        RestAssured.config = RestAssured.config().redirect(RestAssured.config().getRedirectConfig().followRedirects(false));
    }

    @Test
    void anAnswerThatIsNotTheApisJsonIsNamedAsSuch() {
        given().cookie(session()).when().get("/partners").then().statusCode(200)
                .body(containsString("party-registry sent an answer the console could not read"));
    }

    @Test
    void aRefusalComesWithTheServicesOwnMessage() {
        given().cookie(session()).when().get("/cdrs/flagged").then().statusCode(200)
                .body(containsString("cdr-rating answered HTTP 503: the database cannot be reached now"));
    }

    @Test
    void aServiceThatNeverAnswersIsGivenUpOnInTime() {
        given().cookie(session()).when().get("/sla").then().statusCode(200)
                .body(containsString("session-tracking did not answer in time"));
    }

    @Test
    void aCdrsJourneyShowsEachFailingServiceInItsOwnStepsAndWhatHasNotHappenedAsSuch() {
        String page = given().cookie(session()).when().get("/cdrs/{cc}/{pid}/{id}", "nl", "cp1", "C*1%").then()
                .statusCode(200).extract().asString();
        assertThat(section(page, "step-received")).contains("ocpi-gateway is unreachable");
        assertThat(section(page, "step-delivered")).contains("ocpi-gateway is unreachable");
        assertThat(section(page, "step-rated")).contains("cdr-rating answered HTTP 503");
        assertThat(section(page, "step-booked")).contains("Not booked in the ledger (yet).")
                .doesNotContain("unreachable");
        assertThat(section(page, "step-settled")).contains("no run has settled it");
        assertThat(Stubs.asked).as("the CDR's id reaches settlement as one path segment")
                .contains("/admin/settlement/cdrs/NL/CP1/C*1%");
    }

    @Test
    void aCdrSearchNamesTheFieldItCannotReadAndTheServiceThatFailed() {
        given().cookie(session()).queryParam("party", "NL-CP1").when().get("/cdrs").then().statusCode(200)
                .body(containsString("party must be a CPO or eMSP such as NL*CP1"));
        given().cookie(session()).queryParam("from", "31.01.2026").when().get("/cdrs").then().statusCode(200)
                .body(containsString("from and to must be dates such as 2026-01-31"));
        given().cookie(session()).queryParam("status", "LOST").when().get("/cdrs").then().statusCode(200)
                .body(containsString("status must be RATED, FLAGGED or PENDING"));
        given().cookie(session()).queryParam("party", "nl*cp1").when().get("/cdrs").then().statusCode(200)
                .body(containsString("cdr-rating answered HTTP 503"));
    }

    /** The part of the page from the step's element to the next step. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id + " on the page").isNotNegative();
        int end = page.indexOf("<li id=", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static Cookie session() {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "operator").formParam("j_password", ConsoleLoginTest.TOKEN)
                .when().post("/j_security_check").then().statusCode(302).extract().detailedCookie("chargeclear-console");
    }

    /** The three stand-ins, and the console's configuration pointing at them. */
    public static class Stubs implements QuarkusTestResourceLifecycleManager {

        /** The paths the settlement stand-in was asked for, decoded. */
        static final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        private HttpServer http;
        private ServerSocket silent;
        private final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Map<String, String> start() {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                http.createContext("/admin/platforms", exchange -> answer(exchange, 200, "text/html", "<html>a proxy's page</html>"));
                http.createContext("/admin/rating/cdrs", exchange -> answer(exchange, 503, "application/json",
                        "{\"status\": 503, \"message\": \"the database cannot be reached now; retry later\"}"));
                http.createContext("/admin/settlement/cdrs", exchange -> {
                    asked.add(exchange.getRequestURI().getPath());
                    answer(exchange, 404, "application/json", "{\"status\": 404, \"message\": \"not found\"}");
                });
                http.start();
                silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread holder = new Thread(this::holdConnections, "silent-service");
                holder.setDaemon(true);
                holder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String stub = "http://127.0.0.1:" + http.getAddress().getPort();
            return Map.of("quarkus.rest-client.party-registry.url", stub,
                    "quarkus.rest-client.cdr-rating.url", stub,
                    "quarkus.rest-client.settlement.url", stub,
                    "quarkus.rest-client.session-tracking.url", "http://127.0.0.1:" + silent.getLocalPort(),
                    "quarkus.rest-client.read-timeout", "1000");
        }

        private void holdConnections() {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void stop() {
            http.stop(0);
            try {
                silent.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // the test is over
            }
        }
    }
}
