package io.chargeclear.testkit.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.chargeclear.model.ocpi.OcpiJson;

import java.util.Optional;

/** Parsing of message bodies into JSON trees, shared by the request and answer records of this package. */
final class Json {

    private Json() {
    }

    /** The body as a JSON tree, {@link MissingNode} for an empty body; empty when the body is not JSON. */
    static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of(MissingNode.getInstance());
        }
        try {
            return Optional.of(OcpiJson.mapper().readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The body as a JSON tree; fails the test with the body when it is not JSON. */
    static JsonNode require(String body, String what) {
        return parse(body).orElseThrow(() -> new AssertionError(what + " is not JSON: " + body));
    }
}
