package io.chargeclear.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The objects of the OCPI 2.3.0 payments module as the hub reads them (docs/adr/0031-payment-terminals-through-the-hub.md):
 * a payment terminal and a financial advice confirmation. The checks are those the hub needs to route, store and
 * settle them; the official examples' known defects are tolerated as the requirements say: a terminal without
 * {@code last_updated} (the minimal create example) gets the time the hub received it, a confirmation's
 * {@code total_costs} in the 2.2.1 Price shape ({@code excl_vat}/{@code incl_vat}, as every official example has it) is
 * normalised to the 2.3.0 shape, and a confirmation without {@code eft_data} is accepted with a warning.
 */
public final class PaymentObjects {

    private static final int ID_LENGTH = 36;
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Z0-9]{3}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> CAPTURE_STATUSES = Set.of("SUCCESS", "PARTIAL_SUCCESS", "FAILED");
    private static final Set<String> INVOICE_CREATORS = Set.of("CPO", "PTP");

    private PaymentObjects() {
    }

    /** A confirmation as the hub keeps it, and what it accepted only with a warning. */
    public record Confirmation(ObjectNode object, List<String> warnings) {
    }

    /**
     * A terminal as pushed by its provider: {@code terminal_id} from the body or the URL (they must agree), the
     * fields the hub routes by checked, {@code last_updated} set to {@code now} when missing.
     */
    public static ObjectNode terminal(ObjectNode body, String pathId, Instant now) {
        ObjectNode terminal = body.deepCopy();
        String id = id(terminal, "terminal_id", pathId);
        terminal.put("terminal_id", id);
        optionalPattern(terminal, "country_code", COUNTRY_CODE, "two capital letters (ISO 3166-1 alpha-2)");
        optionalPattern(terminal, "party_id", PARTY_ID, "three capital letters or digits");
        optionalIds(terminal, "location_ids");
        optionalIds(terminal, "evse_uids");
        if (terminal.has("invoice_creator") && !INVOICE_CREATORS.contains(terminal.path("invoice_creator").asText())) {
            throw OcpiBodies.invalid("field 'invoice_creator' must be CPO or PTP");
        }
        lastUpdated(terminal, now);
        return terminal;
    }

    /**
     * A CPO's change to a terminal ({@code PUT} with the fields it sets, or {@code PATCH} assigning locations or
     * EVSEs), merged into the hub's copy; {@code terminal_id} is the URL's (the official PUT example has none).
     */
    public static ObjectNode change(ObjectNode current, ObjectNode body, String pathId, Instant now) {
        if (body.has("terminal_id") && !body.path("terminal_id").asText().equalsIgnoreCase(pathId)) {
            throw OcpiBodies.invalid("field 'terminal_id' is '" + body.path("terminal_id").asText()
                    + "' but the URL names terminal '" + pathId + "'");
        }
        optionalIds(body, "location_ids");
        optionalIds(body, "evse_uids");
        ObjectNode merged = current == null ? JsonNodeFactory.instance.objectNode() : current.deepCopy();
        merged.setAll(body);
        merged.put("terminal_id", current == null ? pathId : current.path("terminal_id").asText(pathId));
        lastUpdated(merged, now);
        return merged;
    }

    /**
     * A financial advice confirmation: {@code id} from the body or the URL, {@code authorization_reference},
     * {@code currency}, {@code capture_status_code} and {@code last_updated} required, {@code total_costs} in the
     * 2.3.0 Price shape (a 2.2.1 Price becomes {@code before_taxes} = {@code excl_vat} and one {@code VAT} line of
     * the difference, exactly).
     */
    public static Confirmation confirmation(ObjectNode body, String pathId) {
        ObjectNode fac = body.deepCopy();
        List<String> warnings = new ArrayList<>();
        fac.put("id", id(fac, "id", pathId));
        String reference = requiredText(fac, "authorization_reference");
        if (reference.length() > ID_LENGTH) {
            throw OcpiBodies.invalid("field 'authorization_reference' is longer than " + ID_LENGTH + " characters");
        }
        if (!CURRENCY.matcher(requiredText(fac, "currency")).matches()) {
            throw OcpiBodies.invalid("field 'currency' must be an ISO 4217 code of three capital letters");
        }
        if (!CAPTURE_STATUSES.contains(requiredText(fac, "capture_status_code"))) {
            throw OcpiBodies.invalid("field 'capture_status_code' must be one of SUCCESS, PARTIAL_SUCCESS, FAILED");
        }
        if (!fac.has("last_updated")) {
            throw OcpiBodies.invalid("field 'last_updated' is required");
        }
        lastUpdated(fac, null);
        fac.set("total_costs", price(fac.get("total_costs"), warnings));
        JsonNode eft = fac.get("eft_data");
        if (eft == null || !eft.isArray() || eft.isEmpty()) {
            warnings.add("field 'eft_data' is missing: OCPI requires the card terminal's lines; accepted without them");
        } else {
            eft.forEach(line -> {
                if (!line.isTextual() || line.asText().length() > 255) {
                    throw OcpiBodies.invalid("field 'eft_data' must be a list of strings of at most 255 characters");
                }
            });
        }
        return new Confirmation(fac, List.copyOf(warnings));
    }

    /** What was captured, taxes included: {@code before_taxes} plus every tax line. */
    public static BigDecimal captured(JsonNode confirmation) {
        JsonNode price = confirmation.path("total_costs");
        BigDecimal total = price.path("before_taxes").decimalValue();
        for (JsonNode tax : price.path("taxes")) {
            total = total.add(tax.path("amount").decimalValue());
        }
        return total;
    }

    private static ObjectNode price(JsonNode price, List<String> warnings) {
        if (!(price instanceof ObjectNode given)) {
            throw OcpiBodies.invalid("field 'total_costs' is required: a Price (before_taxes and taxes)");
        }
        if (given.has("before_taxes")) {
            BigDecimal before = amount(given, "before_taxes", "total_costs.before_taxes");
            JsonNode taxes = given.get("taxes");
            if (taxes != null && !taxes.isArray()) {
                throw OcpiBodies.invalid("field 'total_costs.taxes' must be a list");
            }
            if (taxes != null) {
                for (int i = 0; i < taxes.size(); i++) {
                    if (!(taxes.get(i) instanceof ObjectNode tax) || !tax.path("name").isTextual()) {
                        throw OcpiBodies.invalid("field 'total_costs.taxes[" + i + "]' must be a TaxAmount with a name");
                    }
                    amount(tax, "amount", "total_costs.taxes[" + i + "].amount");
                }
            }
            return given.deepCopy().put("before_taxes", before);
        }
        if (!given.has("excl_vat")) {
            throw OcpiBodies.invalid("field 'total_costs' must be a Price: before_taxes (OCPI 2.3.0) or excl_vat"
                    + " (OCPI 2.2.1)");
        }
        BigDecimal excl = amount(given, "excl_vat", "total_costs.excl_vat");
        ObjectNode normalised = JsonNodeFactory.instance.objectNode().put("before_taxes", excl);
        if (given.has("incl_vat")) {
            BigDecimal incl = amount(given, "incl_vat", "total_costs.incl_vat");
            if (incl.compareTo(excl) < 0) {
                throw OcpiBodies.invalid("field 'total_costs.incl_vat' is below 'excl_vat'");
            }
            ArrayNode taxes = normalised.putArray("taxes");
            taxes.addObject().put("name", "VAT").put("amount", incl.subtract(excl));
        }
        warnings.add("field 'total_costs' came in the OCPI 2.2.1 Price shape (excl_vat/incl_vat); kept as before_taxes"
                + " and one VAT line");
        return normalised;
    }

    private static BigDecimal amount(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw OcpiBodies.invalid("field '" + name + "' must be a number");
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0) {
            throw OcpiBodies.invalid("field '" + name + "' must not be negative");
        }
        return amount;
    }

    private static String id(ObjectNode object, String field, String pathId) {
        JsonNode given = object.get(field);
        if (given != null && !given.isTextual()) {
            throw OcpiBodies.invalid("field '" + field + "' must be a string");
        }
        String id = given != null ? given.asText() : pathId;
        if (id == null || id.isBlank()) {
            throw OcpiBodies.invalid("field '" + field + "' is required");
        }
        if (pathId != null && !pathId.equalsIgnoreCase(id)) {
            throw OcpiBodies.invalid("field '" + field + "' is '" + id + "' but the URL names '" + pathId + "'");
        }
        if (id.length() > ID_LENGTH) {
            throw OcpiBodies.invalid("field '" + field + "' is longer than " + ID_LENGTH + " characters");
        }
        return id;
    }

    private static String requiredText(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw OcpiBodies.invalid("field '" + field + "' is required (a string)");
        }
        return value.asText();
    }

    private static void optionalPattern(ObjectNode object, String field, Pattern pattern, String what) {
        if (object.has(field) && !pattern.matcher(object.path(field).asText()).matches()) {
            throw OcpiBodies.invalid("field '" + field + "' must be " + what);
        }
    }

    private static void optionalIds(ObjectNode object, String field) {
        JsonNode ids = object.get(field);
        if (ids == null) {
            return;
        }
        if (!ids.isArray()) {
            throw OcpiBodies.invalid("field '" + field + "' must be a list of ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual() || ids.get(i).asText().isEmpty()
                    || ids.get(i).asText().length() > ID_LENGTH) {
                throw OcpiBodies.invalid("field '" + field + "[" + i + "]' must be an id of 1 to " + ID_LENGTH
                        + " characters");
            }
        }
    }

    /** {@code last_updated} checked; set to {@code now} when missing and {@code now} is given. */
    private static void lastUpdated(ObjectNode object, Instant now) {
        JsonNode value = object.get("last_updated");
        if (value == null && now != null) {
            object.put("last_updated", now.truncatedTo(ChronoUnit.SECONDS).toString());
            return;
        }
        if (ObjectMerge.lastUpdated(object) == null) {
            throw OcpiBodies.invalid("field 'last_updated' must be a UTC timestamp, e.g. 2026-11-24T10:00:00Z");
        }
    }
}
