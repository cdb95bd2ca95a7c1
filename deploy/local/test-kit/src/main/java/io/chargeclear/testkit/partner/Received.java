package io.chargeclear.testkit.partner;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request the partner platform received, as it arrived, so a test can check what the hub sent.
 *
 * @param method  the HTTP method, e.g. {@code PUT}
 * @param path    the decoded request path, e.g. {@code /ocpi/2.2.1/sessions/receiver/NL/CP1/SES1}
 * @param query   the raw query string without {@code ?}, or null when there is none
 * @param headers the request headers by lower-case name; repeated headers are joined with {@code ", "}
 * @param body    the request body, empty when there is none
 * @param online  false when the platform was switched offline and answered HTTP 503
 * @param at      when the request arrived
 */
public record Received(String method, String path, String query, Map<String, String> headers, String body,
                       boolean online, Instant at) {

    public Received {
        headers = Map.copyOf(headers);
    }

    /** The body as JSON ({@code MissingNode} when empty); fails the test when the body is not JSON. */
    public JsonNode json() {
        return Json.require(body, method + " " + path + " body");
    }

    /** The header's value, looked up case-insensitively; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code METHOD path?query}, plus a marker when the request arrived while offline. */
    String summary() {
        return method + " " + path + (query == null ? "" : "?" + query) + (online ? "" : " (offline)");
    }
}
