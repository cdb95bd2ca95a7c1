package io.chargeclear.model.ocpi.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.locations.Connector;
import io.chargeclear.model.ocpi.locations.EVSE;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.sessions.Session;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tokens.Token;
import io.chargeclear.model.ocpi.tokens.TokenType;
import io.chargeclear.model.ocpi.version.Ocpi221Schema.FieldSpec;
import io.chargeclear.model.ocpi.versions.ModuleID;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Translates OCPI objects between the wire versions and the hub's one canonical form, so the hub stores every object
 * once and renders it for each receiver's version at send or read time.
 * <p>
 * <b>Canonical form</b>: the OCPI 2.3.0 shape (a superset of 2.2.1), keeping everything the sender sent, unknown
 * fields and OpenEnum values included. A 2.3.0 object is canonical as it is; a 2.2.1 object is converted without
 * loss: every Price {@code {excl_vat, incl_vat}} becomes {@code {before_taxes, taxes: [{name: "VAT", amount:
 * incl_vat - excl_vat}]}} (no {@code taxes} when {@code incl_vat} is absent), {@code min_price}/{@code max_price}
 * become PriceLimit {@code {before_taxes, after_taxes}}, and a tariff gets {@code tax_included: "NO"} because 2.2.1
 * prices are excl. VAT.
 * <p>
 * <b>Rendering</b> for 2.3.0 is a copy. For 2.2.1 it applies the hub's loss policy (OCPI 2.3.0 requirements §1.5 and
 * §1.6) and reports each {@link Loss}: tax lines summed into {@code incl_vat} (L1), inclusive tariffs withheld (L2),
 * inclusive tariffs embedded in a CDR converted with the CDR's own tax ratio (L6), {@code EMAID} tokens sent as
 * {@code OTHER}, and in locations the 2.3.0-only fields, unknown fields, unknown OpenEnum values and connectors of
 * 2.3.0-only types left out.
 * <p>
 * Ids and {@code last_updated} are never changed. Amounts stay {@link BigDecimal}s with the scale the sender used
 * wherever the arithmetic allows. The functions are pure: the input tree is never modified.
 */
public final class OcpiVersionTranslator {

    /** The kinds of object the locations module carries (a PUT or PATCH may hold any one of them). */
    public enum LocationPart {
        LOCATION(Location.class, Set.of("parking_places", "help_phone")),
        EVSE(io.chargeclear.model.ocpi.locations.EVSE.class, Set.of("parking", "accepted_service_providers")),
        CONNECTOR(Connector.class, Set.of("capabilities"));

        private final Class<?> type221;
        private final Set<String> fields230;

        LocationPart(Class<?> type221, Set<String> fields230) {
            this.type221 = type221;
            this.fields230 = fields230;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Fields OCPI 2.3.0 added to each 2.2.1 object of the locations module (2.3.0 §mod_locations). */
    private static final Map<Class<?>, Set<String>> FIELDS_ADDED_IN_230 = Map.of(
            Location.class, LocationPart.LOCATION.fields230,
            EVSE.class, LocationPart.EVSE.fields230,
            Connector.class, LocationPart.CONNECTOR.fields230);

    /**
     * OpenEnum values OCPI 2.3.0 defines and 2.2.1 lacks. Left out towards 2.2.1 even when unknown values pass
     * through, because a 2.2.1 receiver demonstrably cannot know them.
     */
    private static final Set<String> VALUES_ADDED_IN_230 = Set.of("MCS", "SAE_J3400", "EMPLOYEES", "TAXIS", "TENANTS");

    /** OCPI 2.2.1 §mod_locations Location: address string(45), state string(20); 2.3.0 ed2 allows 255 and 45. */
    private static final Map<String, Integer> LOCATION_LENGTHS_221 = Map.of("address", 45, "state", 20);

    /** Decimals OCPI uses for numbers "unless mentioned otherwise" (2.2.1 §types "number"). */
    private static final int OCPI_DECIMALS = 4;

    private static final String TAX_NAME_221 = "VAT";

    private OcpiVersionTranslator() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Towards the canonical form
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The canonical form of an object (or a PATCH body) received in {@code from}.
     *
     * @param module the module the object belongs to; for {@link ModuleID#TARIFFS} a full tariff gets
     *               {@code tax_included: "NO"} when it comes from 2.2.1
     * @throws IllegalArgumentException when {@code object} is not a JSON object or a Price amount is not a number
     */
    public static ObjectNode toCanonical(ModuleID module, OcpiVersion from, JsonNode object) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(from, "from");
        ObjectNode copy = requireObject(object).deepCopy();
        if (from == OcpiVersion.V2_3_0) {
            checkPrices230(copy, "");
            return copy;
        }
        ObjectNode canonical = (ObjectNode) pricesTo230(copy, null, "");
        if (module == ModuleID.TARIFFS && looksLikeFullTariff(canonical)) {
            addTaxIncludedNo(canonical);
        }
        if (module == ModuleID.CDRS && canonical.get("tariffs") instanceof ArrayNode tariffs) {
            for (JsonNode tariff : tariffs) {
                if (tariff instanceof ObjectNode embedded) {
                    addTaxIncludedNo(embedded);
                }
            }
        }
        return canonical;
    }

    /**
     * Checks that every 2.3.0 Price / PriceLimit has numeric amounts, so a stored canonical object always renders
     * (the 2.2.1 rendering adds them up).
     */
    private static void checkPrices230(JsonNode node, String path) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                checkPrices230(array.get(i), path + "/" + i);
            }
        } else if (node instanceof ObjectNode object) {
            if (object.has("before_taxes")) {
                amount(object, "before_taxes", path);
                taxSum(object.get("taxes"), path);
                if (object.hasNonNull("after_taxes")) {
                    amount(object, "after_taxes", path);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                checkPrices230(field.getValue(), path + "/" + escape(field.getKey()));
            }
        }
    }

    private static boolean looksLikeFullTariff(ObjectNode tariff) {
        return tariff.has("elements") || tariff.has("currency");
    }

    /** 2.2.1 prices are excl. VAT (2.2.1 §mod_tariffs PriceComponent "price": "excluding VAT"). */
    private static void addTaxIncludedNo(ObjectNode tariff) {
        if (!tariff.has("tax_included")) {
            putBefore(tariff, "tax_included", NODES.textNode("NO"), "last_updated");
        }
    }

    /** Rebuilds every 2.2.1 Price / PriceLimit below {@code node} in the 2.3.0 shape, keeping field order. */
    private static JsonNode pricesTo230(JsonNode node, String fieldName, String path) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, pricesTo230(array.get(i), null, path + "/" + i));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        if (object.has("excl_vat")) {
            boolean limit = "min_price".equals(fieldName) || "max_price".equals(fieldName);
            return limit ? priceLimitTo230(object, path) : priceTo230(object, path);
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            object.set(name, pricesTo230(object.get(name), name, path + "/" + name));
        }
        return object;
    }

    private static ObjectNode priceTo230(ObjectNode price, String path) {
        BigDecimal excl = amount(price, "excl_vat", path);
        JsonNode incl = price.get("incl_vat");
        boolean hasIncl = incl != null && !incl.isNull();
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = price.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "excl_vat" -> out.set("before_taxes", field.getValue());
                case "incl_vat" -> {
                    if (hasIncl) {
                        ObjectNode tax = NODES.objectNode();
                        tax.put("name", TAX_NAME_221);
                        tax.set("amount", NODES.numberNode(amount(price, "incl_vat", path).subtract(excl)));
                        out.set("taxes", NODES.arrayNode().add(tax));
                    }
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    private static ObjectNode priceLimitTo230(ObjectNode limit, String path) {
        amount(limit, "excl_vat", path);
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = limit.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "excl_vat" -> out.set("before_taxes", field.getValue());
                case "incl_vat" -> {
                    if (!field.getValue().isNull()) {
                        out.set("after_taxes", field.getValue());
                    }
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering for a receiver
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The canonical object rendered for a receiver on {@code to}, or the decision to withhold it, with every loss.
     * For {@link ModuleID#LOCATIONS} the part (Location, EVSE or Connector) is inferred from the fields present;
     * use {@link #renderLocationPart} when the URL already says which it is.
     *
     * @throws IllegalArgumentException when {@code canonical} is not a JSON object or a Price amount is not a number
     */
    public static RenderResult render(ModuleID module, JsonNode canonical, OcpiVersion to, RenderOptions options) {
        Objects.requireNonNull(module, "module");
        ObjectNode object = requireObject(canonical);
        if (module == ModuleID.LOCATIONS) {
            return renderLocationPart(inferLocationPart(object), object, to, options);
        }
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(options, "options");
        ObjectNode copy = object.deepCopy();
        if (to == OcpiVersion.V2_3_0) {
            return RenderResult.rendered(copy, List.of());
        }
        List<Loss> losses = new ArrayList<>();
        switch (module) {
            case TARIFFS -> {
                String inclusive = tariffTaxIncludedTo221(copy, "", losses);
                if (inclusive != null) {
                    return RenderResult.withheld(inclusive, losses);
                }
            }
            case CDRS -> {
                embeddedTariffsTo221(copy, losses);
                tokenTypeTo221(copy.get("cdr_token"), "/cdr_token", options, losses);
            }
            case SESSIONS -> tokenTypeTo221(copy.get("cdr_token"), "/cdr_token", options, losses);
            case TOKENS -> {
                // A Token (PUT/PATCH/GET) carries its type at the top; an AuthorizationInfo under "token".
                tokenTypeTo221(copy, "", options, losses);
                tokenTypeTo221(copy.get("token"), "/token", options, losses);
            }
            default -> {
                // Other modules share no 2.3.0 changes except the Price shape, handled below.
            }
        }
        JsonNode rendered = pricesTo221(copy, "", losses);
        // what 2.2.1 does not define (unknown fields, 2.3.0-only values) is left out, as for locations
        Class<?> type221 = switch (module) {
            case TARIFFS -> Tariff.class;
            case CDRS -> CDR.class;
            case SESSIONS -> Session.class;
            // a Token (PUT/PATCH/GET); an AuthorizationInfo ("allowed") is left as it is
            case TOKENS -> copy.has("allowed") ? null : Token.class;
            default -> null;
        };
        if (type221 != null && rendered instanceof ObjectNode renderedObject) {
            String dropped = objectTo221(renderedObject, type221, "", options, losses);
            if (dropped != null) {
                return RenderResult.withheld(dropped, losses);
            }
        }
        return RenderResult.rendered(rendered, losses);
    }

    /**
     * A canonical Location, EVSE or Connector (full object or PATCH body) rendered for a receiver on {@code to}.
     * Towards 2.2.1 an object that cannot be expressed at all (a connector of a 2.3.0-only type, an EVSE left with
     * no connector) is withheld.
     */
    public static RenderResult renderLocationPart(LocationPart part, JsonNode canonical, OcpiVersion to,
            RenderOptions options) {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(options, "options");
        ObjectNode copy = requireObject(canonical).deepCopy();
        if (to == OcpiVersion.V2_3_0) {
            return RenderResult.rendered(copy, List.of());
        }
        List<Loss> losses = new ArrayList<>();
        String dropped = objectTo221(copy, part.type221, "", options, losses);
        if (dropped != null) {
            return RenderResult.withheld(dropped, losses);
        }
        return RenderResult.rendered(pricesTo221(copy, "", losses), losses);
    }

    /**
     * The part whose fields (2.2.1 plus the 2.3.0 additions) cover most of the object's fields; a Location on a
     * tie, since a Location PATCH may carry only {@code last_updated}.
     */
    static LocationPart inferLocationPart(ObjectNode object) {
        LocationPart best = LocationPart.LOCATION;
        int bestScore = -1;
        for (LocationPart part : LocationPart.values()) {
            Map<String, FieldSpec> fields = Ocpi221Schema.fields(part.type221);
            int score = 0;
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (fields.containsKey(name) || part.fields230.contains(name)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = part;
                bestScore = score;
            }
        }
        return best;
    }

    // --- tariffs ---------------------------------------------------------------------------------------------------

    /**
     * Removes {@code tax_included} (and the payments-only {@code preauthorize_amount}); returns the reason to withhold
     * when the tariff's prices include taxes (L2), else null.
     */
    private static String tariffTaxIncludedTo221(ObjectNode tariff, String path, List<Loss> losses) {
        JsonNode taxIncluded = tariff.remove("tax_included");
        if (tariff.remove("preauthorize_amount") != null) {
            losses.add(new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, path + "/preauthorize_amount",
                    "2.3.0 payments field"));
        }
        if (taxIncluded == null || !taxIncluded.isTextual()) {
            return null;
        }
        switch (taxIncluded.textValue()) {
            case "YES" -> {
                losses.add(new Loss(Loss.Code.INCLUSIVE_TARIFF_WITHHELD, path + "/tax_included",
                        "prices include taxes; OCPI 2.2.1 prices are excl. VAT"));
                return "tariff prices include taxes (tax_included YES), which OCPI 2.2.1 cannot express";
            }
            case "N/A" -> losses.add(new Loss(Loss.Code.TAX_INCLUDED_NOT_APPLICABLE_DROPPED, path + "/tax_included",
                    "N/A"));
            default -> {
                // "NO" is what 2.2.1 means anyway.
            }
        }
        return null;
    }

    /**
     * A CDR is delivered even when one of its tariffs includes taxes (L6, billing needs it): the inclusive prices are
     * turned into exclusive ones with the CDR's own ratio {@code before_taxes / (before_taxes + Σ taxes)} from
     * {@code total_cost}, and the conversion is reported.
     */
    private static void embeddedTariffsTo221(ObjectNode cdr, List<Loss> losses) {
        if (!(cdr.get("tariffs") instanceof ArrayNode tariffs)) {
            return;
        }
        for (int i = 0; i < tariffs.size(); i++) {
            if (!(tariffs.get(i) instanceof ObjectNode tariff)) {
                continue;
            }
            String path = "/tariffs/" + i;
            JsonNode taxIncluded = tariff.get("tax_included");
            boolean inclusive = taxIncluded != null && "YES".equals(taxIncluded.asText());
            if (inclusive) {
                tariff.remove("tax_included");
                tariff.remove("preauthorize_amount");
                BigDecimal[] ratio = exclusiveRatio(cdr.get("total_cost"), "/total_cost");
                convertComponentPrices(tariff, ratio);
                losses.add(new Loss(Loss.Code.EMBEDDED_INCLUSIVE_TARIFF_CONVERTED, path,
                        "prices × " + ratio[0].toPlainString() + "/" + ratio[1].toPlainString()));
            } else {
                tariffTaxIncludedTo221(tariff, path, losses);
            }
        }
    }

    /** {numerator, denominator} of the CDR's exclusive/inclusive ratio; 1/1 when the CDR states no taxes. */
    private static BigDecimal[] exclusiveRatio(JsonNode totalCost, String path) {
        if (!(totalCost instanceof ObjectNode price) || !price.has("before_taxes")) {
            return new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE};
        }
        BigDecimal before = amount(price, "before_taxes", path);
        BigDecimal after = before.add(taxSum(price.get("taxes"), path));
        if (after.signum() == 0) {
            return new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE};
        }
        return new BigDecimal[] {before, after};
    }

    private static void convertComponentPrices(ObjectNode tariff, BigDecimal[] ratio) {
        if (!(tariff.get("elements") instanceof ArrayNode elements)) {
            return;
        }
        for (JsonNode element : elements) {
            if (!(element.get("price_components") instanceof ArrayNode components)) {
                continue;
            }
            for (JsonNode component : components) {
                if (component instanceof ObjectNode priceComponent && priceComponent.get("price") != null
                        && priceComponent.get("price").isNumber()) {
                    BigDecimal price = priceComponent.get("price").decimalValue();
                    BigDecimal exclusive = price.multiply(ratio[0])
                            .divide(ratio[1], OCPI_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
                    if (exclusive.scale() < price.scale()) {
                        exclusive = exclusive.setScale(price.scale(), RoundingMode.UNNECESSARY);
                    }
                    priceComponent.set("price", NODES.numberNode(exclusive));
                }
            }
        }
    }

    // --- tokens ----------------------------------------------------------------------------------------------------

    /** {@code EMAID} (2.3.0) and TokenTypes 2.2.1 lacks go out as {@code OTHER} (2.2.1 §mod_tokens TokenType). */
    private static void tokenTypeTo221(JsonNode token, String path, RenderOptions options, List<Loss> losses) {
        if (!(token instanceof ObjectNode object) || object.get("type") == null || !object.get("type").isTextual()) {
            return;
        }
        JsonNode type = object.get("type");
        String value = type.textValue();
        if (Ocpi221Schema.enumValues(TokenType.class).contains(value)) {
            return;
        }
        if ("EMAID".equals(value)) {
            object.put("type", TokenType.OTHER.name());
            losses.add(new Loss(Loss.Code.EMAID_AS_OTHER, path + "/type", value));
        } else if (!options.passThroughUnknown()) {
            object.put("type", TokenType.OTHER.name());
            losses.add(new Loss(Loss.Code.UNKNOWN_TOKEN_TYPE_AS_OTHER, path + "/type", value));
        }
    }

    // --- locations: the 2.2.1 schema walk --------------------------------------------------------------------------

    /**
     * Strips from {@code object} (in place) what 2.2.1 does not define for {@code type221}, descending into nested
     * records. Returns null when the object stays, or the reason why the enclosing list must drop it (a required
     * field whose value 2.2.1 lacks, a connector of a 2.3.0-only type, an EVSE whose connectors were all dropped).
     */
    private static String objectTo221(ObjectNode object, Class<?> type221, String path, RenderOptions options,
            List<Loss> losses) {
        Map<String, FieldSpec> fields = Ocpi221Schema.fields(type221);
        Set<String> added230 = FIELDS_ADDED_IN_230.getOrDefault(type221, Set.of());
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String fieldPath = path + "/" + escape(name);
            FieldSpec spec = fields.get(name);
            if (spec == null) {
                if (added230.contains(name)) {
                    object.remove(name);
                    losses.add(new Loss("capabilities".equals(name) && type221 == Connector.class
                            ? Loss.Code.CONNECTOR_CAPABILITIES_DROPPED : Loss.Code.UNKNOWN_FIELD_DROPPED,
                            fieldPath, "2.3.0 field"));
                } else if (!options.passThroughUnknown()) {
                    object.remove(name);
                    losses.add(new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, fieldPath, ""));
                }
                continue;
            }
            JsonNode value = object.get(name);
            String dropObject = fieldTo221(object, name, value, spec, type221, fieldPath, options, losses);
            if (dropObject != null) {
                return dropObject;
            }
        }
        return null;
    }

    private static String fieldTo221(ObjectNode object, String name, JsonNode value, FieldSpec spec,
            Class<?> owner, String path, RenderOptions options, List<Loss> losses) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (spec.isList()) {
            if (value instanceof ArrayNode array) {
                listTo221(array, spec.elementType(), path, options, losses);
                if (array.isEmpty() && spec.nonEmpty()) {
                    return name + " left empty";
                }
            }
            return null;
        }
        if (spec.type().isEnum() && value.isTextual()) {
            String reason = enumValueTo221(value.textValue(), spec.type(), options);
            if (reason == null) {
                return null;
            }
            if (owner == Connector.class && "standard".equals(name)) {
                losses.add(new Loss(Loss.Code.CONNECTOR_DROPPED, parentOf(path), value.textValue()));
                return "connector type " + value.textValue() + " " + reason;
            }
            if (!spec.required()) {
                object.remove(name);
                losses.add(new Loss(Loss.Code.UNKNOWN_ENUM_VALUE_DROPPED, path, value.textValue()));
                return null;
            }
            losses.add(new Loss(Loss.Code.OBJECT_DROPPED, parentOf(path), name + " " + value.textValue()));
            return name + " " + value.textValue() + " " + reason;
        }
        if (Ocpi221Schema.isOcpiRecord(spec.type()) && value instanceof ObjectNode nested) {
            String dropped = objectTo221(nested, spec.type(), path, options, losses);
            if (dropped != null) {
                if (spec.required()) {
                    return name + ": " + dropped;
                }
                object.remove(name);
            }
            return null;
        }
        if (owner == Location.class && value.isTextual() && LOCATION_LENGTHS_221.containsKey(name)) {
            truncate(object, name, value.textValue(), LOCATION_LENGTHS_221.get(name), path, losses);
        }
        return null;
    }

    private static void listTo221(ArrayNode array, Class<?> elementType, String path, RenderOptions options,
            List<Loss> losses) {
        // Walk by the canonical index so every loss names the element as stored; remove afterwards.
        List<Integer> drop = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementPath = path + "/" + i;
            if (elementType.isEnum() && element.isTextual()) {
                if (enumValueTo221(element.textValue(), elementType, options) != null) {
                    drop.add(i);
                    losses.add(new Loss(Loss.Code.UNKNOWN_ENUM_VALUE_DROPPED, elementPath, element.textValue()));
                }
            } else if (Ocpi221Schema.isOcpiRecord(elementType) && element instanceof ObjectNode nested) {
                String reason = objectTo221(nested, elementType, elementPath, options, losses);
                if (reason != null) {
                    drop.add(i);
                    if (elementType == EVSE.class) {
                        losses.add(new Loss(Loss.Code.EVSE_DROPPED, elementPath, reason));
                    }
                }
            }
        }
        for (int k = drop.size() - 1; k >= 0; k--) {
            array.remove(drop.get(k));
        }
    }

    /** Null when 2.2.1 has {@code value}; else why not. */
    private static String enumValueTo221(String value, Class<?> enumType, RenderOptions options) {
        if (Ocpi221Schema.enumValues(enumType).contains(value)) {
            return null;
        }
        if (VALUES_ADDED_IN_230.contains(value)) {
            return "is new in OCPI 2.3.0";
        }
        return options.passThroughUnknown() ? null : "is unknown to OCPI 2.2.1";
    }

    private static void truncate(ObjectNode object, String name, String text, int maxLength, String path,
            List<Loss> losses) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, maxLength));
        object.put(name, cut);
        losses.add(new Loss(Loss.Code.FIELD_TRUNCATED, path, text));
    }

    // --- Price and PriceLimit --------------------------------------------------------------------------------------

    /**
     * Rebuilds every 2.3.0 Price / PriceLimit below {@code node} in the 2.2.1 shape: {@code excl_vat = before_taxes};
     * {@code incl_vat = after_taxes} (PriceLimit) or {@code before_taxes + Σ taxes[].amount} (Price); no
     * {@code incl_vat} when neither is known.
     */
    private static JsonNode pricesTo221(JsonNode node, String path, List<Loss> losses) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, pricesTo221(array.get(i), path + "/" + i, losses));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        if (object.has("before_taxes")) {
            return priceTo221(object, path, losses);
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            object.set(name, pricesTo221(object.get(name), path + "/" + escape(name), losses));
        }
        return object;
    }

    private static ObjectNode priceTo221(ObjectNode price, String path, List<Loss> losses) {
        BigDecimal before = amount(price, "before_taxes", path);
        JsonNode afterTaxes = price.get("after_taxes");
        JsonNode taxes = price.get("taxes");
        JsonNode incl = null;
        if (afterTaxes != null && !afterTaxes.isNull()) {
            incl = afterTaxes;
        } else if (taxes instanceof ArrayNode lines && !lines.isEmpty()) {
            incl = NODES.numberNode(before.add(taxSum(lines, path)));
            if (isBreakdown(lines)) {
                losses.add(new Loss(Loss.Code.TAX_BREAKDOWN_SUMMED, path + "/taxes", lines.toString()));
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = price.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "before_taxes" -> out.set("excl_vat", field.getValue());
                case "after_taxes", "taxes" -> {
                    if (incl != null && !out.has("incl_vat")) {
                        out.set("incl_vat", incl);
                    }
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    /** True unless the lines are exactly what a 2.2.1 Price can say: at most one line named VAT with an amount. */
    private static boolean isBreakdown(ArrayNode lines) {
        if (lines.size() > 1) {
            return true;
        }
        JsonNode line = lines.get(0);
        if (!TAX_NAME_221.equals(line.path("name").asText())) {
            return true;
        }
        for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!"name".equals(name) && !"amount".equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal taxSum(JsonNode taxes, String path) {
        BigDecimal sum = BigDecimal.ZERO;
        if (taxes instanceof ArrayNode lines) {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                if (!(line instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(path + "/taxes/" + i + ": a tax line must be an object");
                }
                sum = sum.add(amount(object, "amount", path + "/taxes/" + i));
            }
        }
        return sum;
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static BigDecimal amount(ObjectNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(
                    (path.isEmpty() ? "/" : path) + ": " + field + " must be a number, was " + value);
        }
        return value.decimalValue();
    }

    private static ObjectNode requireObject(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("an OCPI object must be a JSON object, was "
                    + (node == null ? "null" : node.getNodeType()));
        }
        return object;
    }

    /** Inserts {@code name} before {@code anchor} (or at the end), keeping the sender's field order otherwise. */
    private static void putBefore(ObjectNode object, String name, JsonNode value, String anchor) {
        if (!object.has(anchor)) {
            object.set(name, value);
            return;
        }
        ObjectNode reordered = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(anchor)) {
                reordered.set(name, value);
            }
            reordered.set(field.getKey(), field.getValue());
        }
        object.removeAll();
        object.setAll(reordered);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** JSON pointer escaping (RFC 6901) for field names. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
