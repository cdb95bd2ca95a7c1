package io.chargeclear.registry.security;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The registry's operator API (platforms, tokens, agreements) opens to the operator's bearer token only, however
 * the path is written: a percent-encoded letter once listed every platform and issued new tokens A.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OperatorApiAccessTest {

    private static final String ADMIN = "Bearer chargeclear-dev-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String registerPlatform(String name) {
        String pid = UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase();
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                        {"name": "%s", "parties": [{"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "x"}]}
                        """.formatted(name, pid))
                .post("/admin/platforms").then().statusCode(201).extract().path("id");
    }

    @Test
    void thePlatformListWrittenAnyOtherWayGivesNoDataWithoutTheOperatorToken() throws Exception {
        String name = "Hidden platform " + UUID.randomUUID();
        String id = registerPlatform(name);
        List<String> tricks = List.of("/%61dmin/platforms", "/adm%69n/platforms", "/admin/pl%61tforms",
                "/%2561dmin/platforms", "//admin/platforms", "/./admin/platforms", "/x/../admin/platforms",
                "/admin;x=y/platforms", "/admin/platforms;x=y", "/ADMIN/platforms", "/admin/platforms/",
                "/admin%2fplatforms", "/%61dmin/platforms/" + id, "/%61dmin/agreements");
        for (String trick : tricks) {
            for (String authorization : new String[]{null, "Bearer wrong", TokenHeader.encode("some-partner-token")}) {
                HttpResponse<String> answer = send("GET", trick, authorization);
                assertThat(answer.statusCode()).as("GET %s with %s", trick, authorization).isBetween(400, 499);
                assertThat(answer.body()).as(trick).doesNotContain(name);
            }
        }
        HttpResponse<String> encoded = send("GET", "/%61dmin/platforms", null);
        assertThat(encoded.statusCode()).isEqualTo(401);
        assertThat(encoded.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(encoded.body()).contains("\"status\":401").contains("Bearer");
        assertThat(send("GET", "/%61dmin/platforms", ADMIN).body()).contains(name);
    }

    @Test
    void noNewTokenAIsIssuedThroughAnEncodedPath() throws Exception {
        String id = registerPlatform("Takeover target");
        for (String trick : List.of("/%61dmin/platforms/" + id + "/token-a", "/adm%69n/platforms/" + id + "/token-a",
                "/admin;x=y/platforms/" + id + "/token-a", "//admin/platforms/" + id + "/token-a")) {
            HttpResponse<String> answer = send("POST", trick, null);
            assertThat(answer.statusCode()).as(trick).isBetween(400, 499);
            assertThat(answer.body()).as(trick).doesNotContain("token_a");
        }
    }

    @Test
    void aPartnerTokenOpensNothingAtTheRegistry() {
        given().header("Authorization", TokenHeader.encode("partner-token-" + UUID.randomUUID()))
                .get("/admin/platforms").then().statusCode(401)
                .body("status", equalTo(401)).body("message", containsString("no partner tokens"));
    }

    /** The path exactly as written: no client-side normalization or re-encoding. */
    private static HttpResponse<String> send(String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
