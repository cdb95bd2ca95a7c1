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

    private static Cookie session() {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "operator").formParam("j_password", ConsoleLoginTest.TOKEN)
                .when().post("/j_security_check").then().statusCode(302).extract().detailedCookie("chargeclear-console");
    }

    /** The three stand-ins, and the console's configuration pointing at them. */
    public static class Stubs implements QuarkusTestResourceLifecycleManager {

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
