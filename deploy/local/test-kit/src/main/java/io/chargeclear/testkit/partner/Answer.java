package io.chargeclear.testkit.partner;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The hub's answer to a call the partner platform made: HTTP status, headers and the body, with accessors for the
 * OCPI response envelope.
 *
 * @param http    the HTTP status
 * @param headers the response headers as received
 * @param body    the response body, empty when there is none
 */
public record Answer(int http, Map<String, List<String>> headers, String body) {

    public Answer {
        headers = Map.copyOf(headers);
    }

    /** The body as JSON; fails the test when the body is not JSON. */
    public JsonNode json() {
        return Json.require(body, "answer (HTTP " + http + ")");
    }

    /** The envelope's {@code status_code}, or -1 when the body is not a JSON envelope. */
    public int statusCode() {
        return Json.parse(body)
                .map(json -> json.path("status_code"))
                .filter(JsonNode::isInt)
                .map(JsonNode::intValue)
                .orElse(-1);
    }

    /** The envelope's {@code data}; a {@code MissingNode} when the envelope has none. */
    public JsonNode data() {
        return json().path("data");
    }

    /** The first value of the header, looked up case-insensitively; null when absent. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                .map(entry -> entry.getValue().get(0))
                .findFirst()
                .orElse(null);
    }
}
