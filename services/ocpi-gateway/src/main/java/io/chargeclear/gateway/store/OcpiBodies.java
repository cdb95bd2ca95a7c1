package io.chargeclear.gateway.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.model.ocpi.strict.OcpiInputRules;
import io.chargeclear.model.ocpi.strict.OcpiValueRules;
import io.chargeclear.model.ocpi.strict.StrictOcpiJson;
import io.chargeclear.model.ocpi.strict.Violation;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads request bodies the OCPI way, strictly (ADR 0015): malformed JSON, a key twice, a wrong type (no coercion),
 * an enum not spelled exactly, a missing required field, an oversize string, an id a URL cannot carry, a control
 * character or lone surrogate in any string, or a value the hub's services cannot apply (a negative volume, an end
 * before the start) is OCPI 2001 (HTTP 400) with a message naming the field by its JSON path, never a 500, and
 * never stored or forwarded. Unknown fields are ignored (OCPI 2.3.0 requires it; harmless for 2.2.1).
 */
@ApplicationScoped
public class OcpiBodies {

    private final Validator validator;

    public OcpiBodies(Validator validator) {
        this.validator = validator;
    }

    /** The body as a JSON object (PATCH bodies, and the raw form of every stored object). */
    public ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("the request body is empty; a JSON object is required");
        }
        JsonNode node;
        try {
            node = StrictOcpiJson.treeReader().readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("malformed JSON" + at(e) + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid("the request body must be a JSON object");
        }
        refuse(OcpiInputRules.check(object));
        return object;
    }

    /** A complete OCPI object of {@code type}: parsed and checked against its cardinalities and lengths. */
    public <T> T read(JsonNode node, Class<T> type) {
        T value;
        try {
            value = StrictOcpiJson.mapper().treeToValue(node, type);
        } catch (InvalidFormatException e) {
            if (!(e.getValue() instanceof String)) {
                // a scalar of another JSON type: strict reading never coerces it (ADR 0015)
                throw invalid("field '" + path(e) + "' must be a " + e.getTargetType().getSimpleName() + ", not the JSON "
                        + (e.getValue() instanceof Boolean ? "boolean " : "number ") + e.getValue());
            }
            throw invalid("field '" + path(e) + "': '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName());
        } catch (JsonMappingException e) {
            throw invalid("field '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("malformed JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (value == null) {
            throw invalid("the request body must be a JSON object");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw invalid(violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> "field '" + jsonPath(v.getPropertyPath()) + "' " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        refuse(OcpiValueRules.check(value));
        return value;
    }

    public <T> T read(String body, Class<T> type) {
        return read(object(body), type);
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations.stream().limit(10).map(Violation::toString).collect(Collectors.joining("; ")));
        }
    }

    /** Where the parser stopped, as a field path, e.g. {@code " at charging_periods[0].dimensions[1]"}. */
    private static String at(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            String path = fieldPath(parser.getParsingContext());
            return path.isEmpty() ? "" : " at '" + path + "'";
        }
        return "";
    }

    private static String fieldPath(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    public static OcpiException invalid(String message) {
        return new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /** Bean Validation names record components in Java case; partners know the OCPI (snake_case) names. */
    private static String jsonPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            // a node's index is its container's position in the list before it: evses[0].uid
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                out.append(out.isEmpty() ? "" : ".").append(snake(node.getName()));
            }
        }
        return out.toString();
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
