package io.chargeclear.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.ocpi.OcpiJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The hub's operator API as the demo uses it: the party registry's platforms and agreements, the gateway's routing
 * table and delivery queue, all with the admin bearer token; plus the one OCPI call an operator's script makes
 * before a partner connects (is token A known at the gateway yet). Public for the whole-hub benchmark
 * ({@code deploy/bench}), which sets up its partners through the same operator API.
 */
public final class AdminApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Settings settings;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    public AdminApi(Settings settings) {
        this.settings = settings;
    }

    /** {@code GET} on the party registry; fails unless HTTP 200. */
    public JsonNode registryGet(String path) {
        return send("GET", settings.registryUrl() + path, null, 200);
    }

    /**
     * {@code POST} of a JSON body ({@code null} for none) to the party registry; fails unless HTTP {@code expected}.
     */
    public JsonNode registryPost(String path, JsonNode body, int expected) {
        return send("POST", settings.registryUrl() + path, body, expected);
    }

    /** {@code PUT} of a JSON body to the party registry; fails unless HTTP 200. */
    JsonNode registryPut(String path, JsonNode body) {
        return send("PUT", settings.registryUrl() + path, body, 200);
    }

    /** {@code GET} on the gateway's operator API; fails unless HTTP 200. */
    public JsonNode gatewayGet(String path) {
        return send("GET", settings.gatewayUrl() + path, null, 200);
    }

    /** {@code GET} on cdr-rating's operator API; empty while it answers HTTP 404 (nothing rated yet). */
    java.util.Optional<JsonNode> ratingFind(String path) {
        return find(settings.ratingUrl() + path);
    }

    /** {@code GET} on settlement's operator API; fails unless HTTP 200. */
    JsonNode settlementGet(String path) {
        return send("GET", settings.settlementUrl() + path, null, 200);
    }

    /**
     * {@code GET} on settlement's operator API; empty when it answers HTTP 404 (a path this settlement does not
     * serve, or nothing there).
     */
    java.util.Optional<JsonNode> settlementFind(String path) {
        return find(settings.settlementUrl() + path);
    }

    /** {@code GET} on session tracking's operator API; empty while it answers HTTP 404 (not tracked yet). */
    java.util.Optional<JsonNode> trackingFind(String path) {
        return find(settings.trackingUrl() + path);
    }

    /** {@code POST} of a JSON body to session tracking's operator API; fails unless HTTP 200. */
    JsonNode trackingPost(String path, JsonNode body) {
        return send("POST", settings.trackingUrl() + path, body, 200);
    }

    /** {@code POST} of a JSON body ({@code null} for none) to settlement; the HTTP status and the JSON answer. */
    java.util.Map.Entry<Integer, JsonNode> settlementPost(String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.settlementUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.adminToken())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange(request.build());
        try {
            return java.util.Map.entry(response.statusCode(), OcpiJson.mapper().readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new DemoFailure("POST " + path + " answered no JSON: " + response.body());
        }
    }

    /** {@code GET} on settlement's operator API as CSV; fails unless HTTP 200. */
    String settlementCsv(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.settlementUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.adminToken())
                .header("Accept", "text/csv")
                .GET()
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != 200) {
            throw new DemoFailure("GET " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private java.util.Optional<JsonNode> find(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.adminToken())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() == 404) {
            return java.util.Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new DemoFailure("GET " + url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return java.util.Optional.of(OcpiJson.mapper().readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new DemoFailure("GET " + url + " answered no JSON: " + response.body());
        }
    }

    /** Whether the gateway's versions endpoint accepts {@code token} (OCPI: {@code Token base64(token)}). */
    public boolean gatewayAccepts(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + "/ocpi/versions"))
                .timeout(TIMEOUT)
                .header("Authorization", "Token " + base64(token))
                .GET()
                .build();
        return exchange(request).statusCode() == 200;
    }

    public static String base64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode send(String method, String url, JsonNode body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.adminToken())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() != expected) {
            throw new DemoFailure(method + " " + url + " answered HTTP " + response.statusCode() + " (expected "
                    + expected + "): " + response.body());
        }
        try {
            return OcpiJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new DemoFailure(method + " " + url + " answered no JSON: " + response.body());
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DemoFailure(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(request.method() + " " + request.uri() + " interrupted");
        }
    }
}
