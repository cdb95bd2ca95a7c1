package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares two JSON trees the way OCPI peers see them: numbers by value ({@code 0.25 == 0.250}) and DateTimes by
 * instant ({@code ...09Z == ...09.000Z}); everything else, including JSON types, must match exactly.
 */
public final class JsonTreeComparator {

    private JsonTreeComparator() {
    }

    /** Every difference between {@code expected} and {@code actual}, as "json-pointer: description"; empty if equal. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        return differences;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        String at = path.isEmpty() ? "/" : path;
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + "/" + name;
                if (!actual.has(name)) {
                    out.add(child + ": missing after round trip (was " + expected.get(name) + ")");
                } else if (!expected.has(name)) {
                    out.add(child + ": added by round trip (" + actual.get(name) + ")");
                } else {
                    compare(child, expected.get(name), actual.get(name), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(at + ": array size " + expected.size() + " != " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": " + expected + " != " + actual);
            }
        } else if (expected.isTextual() && actual.isTextual()) {
            String left = expected.textValue();
            String right = actual.textValue();
            if (!left.equals(right) && !sameInstant(left, right)) {
                out.add(at + ": " + expected + " != " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": " + expected + " != " + actual);
        }
    }

    private static boolean sameInstant(String expected, String actual) {
        Optional<Instant> left = instant(expected);
        Optional<Instant> right = instant(actual);
        return left.isPresent() && left.equals(right);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OcpiDateTimeDeserializer.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
