package io.chargeclear.kit.admin;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says which field of a well-formed JSON body has the wrong shape and what belongs there, e.g.
 * {@code cpo must be an object {country_code, party_id}} or {@code hub_fee.per_session[1].amount must be a string}.
 * Jackson knows both (the path of JSON names and indexes, the Java type it was filling); its own message names Java
 * types and the framework's answer has no body at all, neither of which tells a client what to send.
 */
public final class WrongShape {

    /** Only asked which properties a type has, as the JSON names them; never reads or writes a body. */
    private static final ObjectMapper INTROSPECTION = new ObjectMapper();
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);
    private static final int MAX_VALUE_SHOWN = 40;

    private WrongShape() {
    }

    /** One message naming the field as the client wrote it ({@code the body} for the whole) and what it must be. */
    public static String describe(MismatchedInputException e) {
        String field = field(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return field + " is not a field here; known: " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
        }
        Class<?> type = e.getTargetType();
        if (type == null) {
            return field + ": " + e.getOriginalMessage();
        }
        String expected = field + " " + expected(type);
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            return expected + ", not " + shown(invalid.getValue());
        }
        return expected;
    }

    /** The path Jackson was filling, as JSON: {@code hub_fee.per_session[1].currency}; {@code the body} if none. */
    public static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    /** What a value of {@code type} looks like in JSON, as the rest of a sentence: "must be a list". */
    static String expected(Class<?> type) {
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date-time string such as 2026-01-01T00:00:00Z";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class
                || type.isPrimitive() || type.getName().startsWith("java.")) {
            return "must be a string";
        }
        return "must be an object " + properties(type);
    }

    /** The JSON property names of a record or bean, e.g. {@code {country_code, party_id}}. */
    private static String properties(Class<?> type) {
        JavaType javaType = INTROSPECTION.constructType(type);
        String names = INTROSPECTION.getDeserializationConfig().introspect(javaType).findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        return "{" + names + "}";
    }

    private static String shown(Object value) {
        String text = value.toString();
        String cut = text.length() > MAX_VALUE_SHOWN ? text.substring(0, MAX_VALUE_SHOWN) + "..." : text;
        return value instanceof String ? "'" + cut + "'" : cut;
    }
}
