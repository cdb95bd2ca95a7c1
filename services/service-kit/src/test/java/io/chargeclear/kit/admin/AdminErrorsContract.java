package io.chargeclear.kit.admin;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * What every operator API answers to a request it cannot take: an {@link ApiError} whose message says what to send
 * instead, never an empty 4xx. A service's test class extends this with {@code @QuarkusTest} and the
 * {@code LocalInfraResource}, and lists in {@link #wrongBodies()} every {@code /admin} endpoint that takes a JSON body,
 * each with bodies of the wrong shape and of the wrong type, and the field the answer must name.
 */
public abstract class AdminErrorsContract {

    protected static final String ADMIN = "Bearer chargeclear-dev-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One body an endpoint must refuse with a 400 whose message contains {@code field} and {@code expected}. */
    public record WrongBody(String method, String path, String body, String field, String expected) {

        public static WrongBody post(String path, String body, String field, String expected) {
            return new WrongBody("POST", path, body, field, expected);
        }

        public static WrongBody put(String path, String body, String field, String expected) {
            return new WrongBody("PUT", path, body, field, expected);
        }
    }

    /** A POST that may come without a body and so without {@code Content-Type}, and the status it then answers. */
    public record Bodiless(String path, int status) {
    }

    /** Every admin endpoint of the service that takes a JSON body, with wrong-shape and wrong-type bodies. */
    protected abstract List<WrongBody> wrongBodies();

    /** Admin POSTs a client may send bare, as {@code curl -X POST} does; none may change anything. */
    protected abstract List<Bodiless> bodilessPosts();

    @Test
    void aBodyOfTheWrongShapeIsA400NamingTheFieldAndWhatBelongsThere() {
        SoftAssertions softly = new SoftAssertions();
        for (WrongBody wrong : wrongBodies()) {
            Response answer = given().header("Authorization", ADMIN).contentType("application/json")
                    .body(wrong.body()).request(wrong.method(), wrong.path());
            String message = apiError(softly, answer, 400, wrong.method() + " " + wrong.path() + " " + wrong.body());
            softly.assertThat(message).as("%s %s %s", wrong.method(), wrong.path(), wrong.body())
                    .contains(wrong.field() + " ").contains(wrong.expected());
        }
        softly.assertAll();
    }

    @Test
    void aBodyOfAnotherMediaTypeIsA415SayingToSendJson() {
        Set<String> endpoints = new LinkedHashSet<>();
        wrongBodies().forEach(wrong -> endpoints.add(wrong.method() + " " + wrong.path()));
        SoftAssertions softly = new SoftAssertions();
        for (String endpoint : endpoints) {
            String[] call = endpoint.split(" ", 2);
            // what curl -d sends unless told otherwise
            Response answer = given().header("Authorization", ADMIN)
                    .contentType("application/x-www-form-urlencoded").body("period=today").request(call[0], call[1]);
            softly.assertThat(apiError(softly, answer, 415, endpoint)).as(endpoint)
                    .contains("application/json").contains("not application/x-www-form-urlencoded");
        }
        softly.assertAll();
    }

    @Test
    void aPostWithoutBodyOrContentTypeIsTaken() throws IOException, InterruptedException {
        SoftAssertions softly = new SoftAssertions();
        for (Bodiless bodiless : bodilessPosts()) {
            HttpResponse<String> answer = postBare(bodiless.path());
            softly.assertThat(answer.statusCode()).as("POST %s: %s", bodiless.path(), answer.body())
                    .isEqualTo(bodiless.status());
            softly.assertThat(answer.body()).as("POST %s", bodiless.path()).contains("\"message\"");
        }
        softly.assertAll();
    }

    @Test
    void anUnknownAdminPathIsA404SayingSo() {
        SoftAssertions softly = new SoftAssertions();
        // one under no resource at all, one under a resource that has no such sub-path
        for (String path : List.of("/admin/no-such-endpoint", "/admin/dead-letters/some-id/no-such-action")) {
            softly.assertThat(apiError(softly, given().header("Authorization", ADMIN).get(path), 404, path))
                    .as(path).contains("no endpoint GET " + path);
        }
        softly.assertAll();
    }

    @Test
    void aMethodThePathDoesNotTakeIsA405SayingSo() {
        SoftAssertions softly = new SoftAssertions();
        Response answer = given().header("Authorization", ADMIN).delete("/admin/dead-letters");
        softly.assertThat(apiError(softly, answer, 405, "DELETE /admin/dead-letters"))
                .contains("DELETE is not allowed on /admin/dead-letters");
        softly.assertAll();
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        SoftAssertions softly = new SoftAssertions();
        Response answer = given().header("Authorization", ADMIN).queryParam("limit", "ten").get("/admin/dead-letters");
        softly.assertThat(apiError(softly, answer, 400, "GET /admin/dead-letters?limit=ten"))
                .isEqualTo("limit must be a whole number, not 'ten'");
        softly.assertAll();
    }

    /** Checks the answer is an {@link ApiError} of {@code status}; returns its message ("" if there is none). */
    private static String apiError(SoftAssertions softly, Response answer, int status, String what) {
        softly.assertThat(answer.statusCode()).as("%s: %s", what, answer.asString()).isEqualTo(status);
        softly.assertThat(answer.contentType()).as(what).startsWith("application/json");
        if (!answer.contentType().startsWith("application/json") || answer.asString().isEmpty()) {
            return "";
        }
        softly.assertThat(answer.jsonPath().<Integer>get("status")).as("%s: %s", what, answer.asString())
                .isEqualTo(status);
        String message = answer.jsonPath().getString("message");
        return message == null ? "" : message;
    }

    /**
     * A POST without body or {@code Content-Type}, exactly what {@code curl -X POST} sends: java.net.http adds no
     * header of its own there, where a client library may add a default type.
     */
    public static HttpResponse<String> postBare(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
