package io.chargeclear.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.ocpi.OcpiJson;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a partner answered the hub: HTTP status, the headers the hub may pass on, the raw body.
 *
 * @param http    HTTP status
 * @param headers response headers, names in lower case
 * @param body    response body, may be empty
 */
public record PartnerAnswer(int http, Map<String, String> headers, String body) {

    /** The OCPI envelope, when the body is one (a JSON object with a numeric {@code status_code}). */
    public Optional<JsonNode> envelope() {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = OcpiJson.mapper().readTree(body);
            return node != null && node.isObject() && node.path("status_code").isNumber() ? Optional.of(node)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The envelope's status_code, or -1 without an envelope. */
    public int statusCode() {
        return envelope().map(e -> e.path("status_code").asInt()).orElse(-1);
    }

    /** Accepted: HTTP 2xx with an OCPI 1xxx status. */
    public boolean success() {
        int status = statusCode();
        return http >= 200 && http < 300 && status >= 1000 && status < 2000;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }
}
