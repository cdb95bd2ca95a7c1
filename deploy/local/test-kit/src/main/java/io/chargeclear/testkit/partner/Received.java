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
 * @param answer  what the platform answered; null while it is still working the answer out (e.g. an authorization
 *                it was told to answer late), so a request can be awaited as soon as it arrives
 */
public record Received(String method, String path, String query, Map<String, String> headers, String body,
                       boolean online, Instant at, Answered answer) {

    public Received {
        headers = Map.copyOf(headers);
    }

    /**
     * What the platform answered a request: a partner refuses some of what the hub delivers (an unknown token, a
     * module or version it does not serve), and whoever watches the deliveries must be able to tell.
     *
     * @param http       the HTTP status
     * @param statusCode the OCPI envelope's {@code status_code}, or -1 when the answer had no envelope (offline)
     * @param message    the envelope's {@code status_message}, or why there was none
     */
    public record Answered(int http, int statusCode, String message) {

        /** Whether the platform took the request: HTTP 2xx and an OCPI success code (1xxx). */
        public boolean accepted() {
            return http >= 200 && http < 300 && statusCode >= 1000 && statusCode < 2000;
        }

        /** {@code 1000} when accepted, else e.g. {@code 404 / 2004 unknown token X} or {@code 503 (offline)}. */
        @Override
        public String toString() {
            if (accepted()) {
                return Integer.toString(statusCode);
            }
            return http + (statusCode < 0 ? " (" + message + ")" : " / " + statusCode + " " + message);
        }
    }

    /** The same request with the platform's answer to it. */
    Received answered(Answered answered) {
        return new Received(method, path, query, headers, body, online, at, answered);
    }

    /** The body as JSON ({@code MissingNode} when empty); fails the test when the body is not JSON. */
    public JsonNode json() {
        return Json.require(body, method + " " + path + " body");
    }

    /** The header's value, looked up case-insensitively; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code METHOD path?query}, plus a marker when the request arrived while offline or was refused. */
    String summary() {
        return method + " " + path + (query == null ? "" : "?" + query) + (online ? "" : " (offline)")
                + (answer == null || answer.accepted() || !online ? "" : " (answered " + answer + ")");
    }
}
