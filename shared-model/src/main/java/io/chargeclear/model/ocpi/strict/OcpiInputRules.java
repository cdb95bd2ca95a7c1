package io.chargeclear.model.ocpi.strict;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every string, id and number of an OCPI body must be before the hub stores, forwards or publishes it, checked
 * on the JSON tree as it arrived (so a PATCH is checked too, not only the merged object):
 * <ul>
 *   <li>every string and key: no control character (OCPI 2.2.1 §types "string": printable only; CR, LF and TAB
 *   included) and no lone UTF-16 surrogate (an escaped {@code \ud800} is not a character);</li>
 *   <li>ids (by field name: object ids, {@code uid}, {@code session_id}, {@code location_id}, {@code evse_uid},
 *   {@code connector_id}, {@code tariff_id}(s), {@code authorization_reference}, …): CiString, printable ASCII
 *   without space, and none of {@code / ? # %} nor {@code .}/{@code ..} alone, because the hub and its partners
 *   put them into URL paths;</li>
 *   <li>{@code country_code}: two upper-case letters; {@code party_id}: three letters or digits;</li>
 *   <li>numbers: at most {@value #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_FRACTION_DIGITS}
 *   after it (ignoring trailing zeros): no physical or monetary OCPI quantity needs more, and an exponent such
 *   as {@code 1e999999999} cannot then reach a service that writes it out in plain digits.</li>
 * </ul>
 * Plain Java: the gateway applies it at the edge; unit-tested with the official OCPI examples.
 */
public final class OcpiInputRules {

    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_FRACTION_DIGITS = 10;

    /** Fields holding identifiers that end up in URL paths or keys; value = OCPI maximum length. */
    static final Map<String, Integer> ID_FIELDS = Map.ofEntries(
            Map.entry("id", 39), // 36 for most objects, 39 for CDRs (the credit CDR suffix); lengths per type are Bean Validation's
            Map.entry("uid", 36),
            Map.entry("session_id", 36),
            Map.entry("location_id", 36),
            Map.entry("evse_uid", 36),
            Map.entry("evse_id", 48),
            Map.entry("connector_id", 36),
            Map.entry("tariff_id", 36),
            Map.entry("tariff_ids", 36),
            Map.entry("authorization_reference", 36),
            Map.entry("contract_id", 36),
            Map.entry("group_id", 36),
            Map.entry("reservation_id", 36),
            Map.entry("cdr_id", 39), // path parameter of the CDR Location
            Map.entry("credit_reference_id", 39),
            Map.entry("invoice_reference_id", 39));

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Set<Character> URL_SPECIAL = Set.of('/', '?', '#', '%');

    private OcpiInputRules() {
    }

    /** Every violation in {@code body}, in document order; empty when it passes. */
    public static List<Violation> check(JsonNode body) {
        List<Violation> out = new ArrayList<>();
        walk(body, "", null, out);
        return out;
    }

    /**
     * The problem with a URL path parameter, or null when it is fine: the same rules as the body field of that
     * name ({@code country_code}, {@code party_id}, or an id).
     */
    public static String checkPathParameter(String name, String value) {
        String text = text(value);
        if (text != null) {
            return text;
        }
        return switch (name) {
            case "country_code" -> countryCode(value);
            case "party_id" -> partyId(value);
            default -> id(value, ID_FIELDS.getOrDefault(name, 36));
        };
    }

    private static void walk(JsonNode node, String path, String field, List<Violation> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                String keyProblem = text(key);
                if (keyProblem != null) {
                    out.add(new Violation(path.isEmpty() ? "(key)" : path + ".(key)", "has a key that " + keyProblem));
                    continue;
                }
                walk(entry.getValue(), child, key, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", field, out);
            }
        } else if (node.isTextual()) {
            String problem = valueProblem(field, node.textValue());
            if (problem != null) {
                out.add(new Violation(path, problem));
            }
        } else if (node.isNumber()) {
            String problem = number(node.decimalValue());
            if (problem != null) {
                out.add(new Violation(path, problem));
            }
        }
    }

    private static String valueProblem(String field, String value) {
        String text = text(value);
        if (text != null || field == null) {
            return text;
        }
        if (field.equals("country_code")) {
            return countryCode(value);
        }
        if (field.equals("party_id")) {
            return partyId(value);
        }
        Integer max = ID_FIELDS.get(field);
        return max == null ? null : id(value, max);
    }

    /** Any string: no control character, no lone surrogate. */
    static String text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone UTF-16 surrogate at position " + i + " (not a character)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone UTF-16 surrogate at position " + i + " (not a character)";
            }
            if (Character.getType(c) == Character.CONTROL) {
                return "contains the control character U+%04X at position %d (only printable characters are allowed)"
                        .formatted((int) c, i);
            }
        }
        return null;
    }

    static String id(String value, int max) {
        if (value.isEmpty()) {
            return "is empty; an id needs at least one character";
        }
        if (value.length() > max) {
            return "is " + value.length() + " characters long; at most " + max + " are allowed";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "contains '%s' (U+%04X) at position %d; an id is printable ASCII without spaces"
                        .formatted(Character.isISOControl(c) ? "?" : String.valueOf(c), (int) c, i);
            }
            if (URL_SPECIAL.contains(c)) {
                return "contains '" + c + "' at position " + i + "; an id may not contain / ? # or %";
            }
        }
        if (value.equals(".") || value.equals("..")) {
            return "is '" + value + "'; an id may not be a path step";
        }
        return null;
    }

    static String countryCode(String value) {
        return COUNTRY_CODE.matcher(value).matches() ? null
                : "must be two upper-case letters (ISO 3166-1 alpha-2), got '" + printable(value) + "'";
    }

    static String partyId(String value) {
        return PARTY_ID.matcher(value).matches() ? null
                : "must be three letters or digits (ISO 15118), got '" + printable(value) + "'";
    }

    static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int integerDigits = Math.max(stripped.precision() - stripped.scale(), 0);
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return "has " + integerDigits + " digits before the decimal point; at most " + MAX_INTEGER_DIGITS
                    + " are allowed";
        }
        if (stripped.scale() > MAX_FRACTION_DIGITS) {
            return "has " + stripped.scale() + " digits after the decimal point; at most " + MAX_FRACTION_DIGITS
                    + " are allowed";
        }
        return null;
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
                : "\\u%04x".formatted(c)));
        return out.toString();
    }
}
