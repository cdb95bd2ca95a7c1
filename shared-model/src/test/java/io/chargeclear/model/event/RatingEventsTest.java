package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.money.Money;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.chargeclear.model.event.EventCatalogueDocs.assertSnakeCase;
import static io.chargeclear.model.event.EventCatalogueDocs.defProperties;
import static io.chargeclear.model.event.EventCatalogueDocs.readme;
import static io.chargeclear.model.event.EventCatalogueDocs.required;
import static io.chargeclear.model.event.EventCatalogueDocs.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rating event contracts ({@link CdrRated}, {@link CdrFlagged}): their JSON shape and key, and that
 * docs/events/README.md (table rows, examples) and the JSON Schemas under docs/events/schemas/ describe exactly
 * these records, with examples whose amounts balance.
 */
class RatingEventsTest {

    private static final Pattern SCHEMA_LINK = Pattern.compile("\\(schemas/([A-Za-z0-9.-]+\\.json)\\)");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    private static final Instant AT = Instant.parse("2026-11-24T19:34:05.218Z");

    // --- payload records --------------------------------------------------------------------------------------

    @Test
    void cdrRatedUsesSnakeCaseAndRoundTrips() throws Exception {
        CdrRated rated = rated();
        String written = json.writeValueAsString(rated);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, CdrRated.class);
        assertSnakeCase(tree.get("total_cost"), CdrRated.Amount.class);
        assertSnakeCase(tree.get("breakdown"), CdrRated.Breakdown.class);
        assertSnakeCase(tree.get("breakdown").get("price_bound_adjustment"), CdrRated.Amount.class);
        assertThat(EventCatalogueDocs.fieldNames(tree.get("hub_fee"))).containsExactly("amount", "currency");
        assertThat(written).contains("\"cdr_id\":\"CDR-1001\"", "\"cpo\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}",
                "\"emsp\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"}", "\"session_id\":\"S-1001\"",
                "\"total_cost\":{\"excl_vat\":\"3.30\",\"incl_vat\":\"3.99\"}",
                "\"hub_fee\":{\"amount\":\"0.18\",\"currency\":\"EUR\"}",
                "\"emsp_payable\":{\"amount\":\"3.99\",\"currency\":\"EUR\"}",
                "\"cpo_receivable\":{\"amount\":\"3.81\",\"currency\":\"EUR\"}",
                "\"incl_vat\":\"3.993\"", "\"total_energy_kwh\":\"11\"", "\"charging_time_hours\":\"1.5\"",
                "\"reverses\":null", "\"operator_override\":false", "\"revision\":1",
                "\"tariff_version\":\"2026-11-01T12:00:00Z\"", "\"rated_at\":\"2026-11-24T19:34:05.218Z\"");
        assertThat(json.readValue(written, CdrRated.class)).isEqualTo(rated);
    }

    @Test
    void theCdrsPaymentKeysRoundTripAndAnEventWrittenBeforeThemReadsAsNull() throws Exception {
        CdrRated base = rated();
        CdrRated terminal = new CdrRated(base.cdrId(), base.cpo(), base.emsp(), base.sessionId(),
                base.startDateTime(), base.endDateTime(), base.currency(), base.totalCost(), base.cpoTotalCost(),
                base.hubFee(), base.emspPayable(), base.cpoReceivable(), base.tariffId(), base.tariffVersion(),
                base.agreementId(), base.breakdown(), base.reverses(), base.operatorOverride(), base.revision(),
                base.ratedAt(), base.taxes(), base.hubFeeNote(), "pp-100100-1948213567", "INV-2026-0001");
        String written = json.writeValueAsString(terminal);
        assertThat(written).contains("\"authorization_reference\":\"pp-100100-1948213567\"",
                "\"invoice_reference_id\":\"INV-2026-0001\"");
        assertThat(json.readValue(written, CdrRated.class)).isEqualTo(terminal);

        JsonNode older = json.readTree(json.writeValueAsString(base));
        ((com.fasterxml.jackson.databind.node.ObjectNode) older).remove(List.of("authorization_reference",
                "invoice_reference_id"));
        CdrRated read = json.treeToValue(older, CdrRated.class);
        assertThat(read.authorizationReference()).isNull();
        assertThat(read.invoiceReferenceId()).isNull();
    }

    @Test
    void creditReversalRoundTripsWithNegatedAmountsThatStillBalance() throws Exception {
        CdrRated original = rated();
        CdrRated credit = new CdrRated("CDR-1001-C", CPO, EMSP, "S-1001", original.startDateTime(),
                original.endDateTime(), "EUR", amount("-3.30", "-3.99"), amount("-3.30", "-3.99"),
                original.hubFee().negate(), original.emspPayable().negate(), original.cpoReceivable().negate(),
                "KWH30", original.tariffVersion(), original.agreementId(), original.breakdown(), "CDR-1001", false, 1, AT);
        String written = json.writeValueAsString(credit);
        assertThat(written).contains("\"reverses\":\"CDR-1001\"", "\"hub_fee\":{\"amount\":\"-0.18\",\"currency\":\"EUR\"}",
                "\"emsp_payable\":{\"amount\":\"-3.99\",\"currency\":\"EUR\"}");
        CdrRated read = json.readValue(written, CdrRated.class);
        assertThat(read).isEqualTo(credit);
        assertThat(read.emspPayable().isSameAmountAs(read.cpoReceivable().plus(read.hubFee()))).isTrue();
        assertThat(read.key()).isEqualTo("NL*CP1*CDR-1001-C");
    }

    @Test
    void cdrFlaggedUsesSnakeCaseAndRoundTrips() throws Exception {
        CdrFlagged flagged = new CdrFlagged("CDR-1002", CPO, EMSP, "EUR",
                List.of(CdrFlagged.Reason.COST_MISMATCH, CdrFlagged.Reason.ENERGY_MISMATCH),
                List.of("The hub rates 3.30 EUR excl. VAT; the CDR says 4.50 EUR.", "total_energy is not 11 kWh."),
                amount("3.30", "3.99"), amount("4.50", "5.45"), 2, AT);
        String written = json.writeValueAsString(flagged);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, CdrFlagged.class);
        assertSnakeCase(tree.get("cpo_total_cost"), CdrRated.Amount.class);
        assertThat(written).contains("\"cdr_id\":\"CDR-1002\"", "\"reasons\":[\"COST_MISMATCH\",\"ENERGY_MISMATCH\"]",
                "\"cpo_total_cost\":{\"excl_vat\":\"4.50\",\"incl_vat\":\"5.45\"}", "\"revision\":2",
                "\"flagged_at\":\"2026-11-24T19:34:05.218Z\"");
        assertThat(json.readValue(written, CdrFlagged.class)).isEqualTo(flagged);

        CdrFlagged unrated = new CdrFlagged("CDR-1003", CPO, EMSP, "EUR", List.of(CdrFlagged.Reason.UNKNOWN_TARIFF),
                List.of("No version of tariff KWH30 valid at session start is known."), null, amount("4.50", "5.45"), 1, AT);
        String unratedWritten = json.writeValueAsString(unrated);
        assertThat(unratedWritten).contains("\"total_cost\":null");
        assertThat(json.readValue(unratedWritten, CdrFlagged.class)).isEqualTo(unrated);
    }

    @Test
    void theKeyIsTheCposCountryCodePartyIdAndCdrId() {
        assertThat(rated().key()).isEqualTo("NL*CP1*CDR-1001").doesNotContain("null");
        CdrFlagged flagged = new CdrFlagged("CDR-1001", CPO, EMSP, "EUR", List.of(CdrFlagged.Reason.UNKNOWN_TARIFF),
                List.of("x"), null, amount("1", "1"), 1, AT);
        assertThat(flagged.key()).as("one CDR has one key on both rating topics").isEqualTo(rated().key());
        CdrRated otherCpo = new CdrRated("CDR-1001", new OcpiParty("NL", "CP2"), EMSP, null, AT, AT, "EUR",
                amount("0", "0"), amount("0", "0"), Money.zero("EUR"), Money.zero("EUR"), Money.zero("EUR"),
                null, null, null, null, null, true, 1, AT);
        assertThat(otherCpo.key()).isEqualTo("NL*CP2*CDR-1001").isNotEqualTo(rated().key());
    }

    @Test
    void bothTypesTravelOnTheirOwnRatingTopic() {
        assertThat(EventType.CDR_RATED.type()).isEqualTo("rating.cdr-rated.v1");
        assertThat(EventType.CDR_RATED.topic()).isEqualTo(Topics.RATING_CDR_RATED).isEqualTo("rating.cdr-rated.v1");
        assertThat(EventType.CDR_RATED.payloadType()).isEqualTo(CdrRated.class);
        assertThat(EventType.CDR_FLAGGED.type()).isEqualTo("rating.cdr-flagged.v1");
        assertThat(EventType.CDR_FLAGGED.topic()).isEqualTo(Topics.RATING_CDR_FLAGGED).isEqualTo("rating.cdr-flagged.v1");
        assertThat(EventType.CDR_FLAGGED.payloadType()).isEqualTo(CdrFlagged.class);
    }

    // --- docs/events: table rows, examples and schemas --------------------------------------------------------

    @Test
    void theCatalogueDocumentsCdrRatedWithBalancedExamples() throws Exception {
        String readme = readme();
        JsonNode schema = rowAndSchema(readme, EventType.CDR_RATED, CdrRated.class);
        assertThat(defProperties(schema, "Amount")).isEqualTo(EventCatalogueDocs.jsonProperties(CdrRated.Amount.class));
        assertThat(defProperties(schema, "Breakdown")).isEqualTo(EventCatalogueDocs.jsonProperties(CdrRated.Breakdown.class));
        assertThat(defProperties(schema, "Money")).containsExactly("amount", "currency");
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));

        String section = section(readme, EventType.CDR_RATED.topic());
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + EventType.CDR_RATED.topic()).isNotEmpty();
        for (String example : examples) {
            assertMatchesSchemaShape(example, schema, CdrRated.class);
            CdrRated rated = strict.readValue(example, CdrRated.class);
            assertBalanced(rated);
            assertThat(section).as("the section names its example's key").contains("`" + rated.key() + "`");
        }
    }

    @Test
    void theCatalogueDocumentsCdrFlaggedWithItsReasons() throws Exception {
        String readme = readme();
        JsonNode schema = rowAndSchema(readme, EventType.CDR_FLAGGED, CdrFlagged.class);
        assertThat(defProperties(schema, "Amount")).isEqualTo(EventCatalogueDocs.jsonProperties(CdrRated.Amount.class));
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        Set<String> documentedReasons = new TreeSet<>();
        schema.path("$defs").path("Reason").path("enum").forEach(r -> documentedReasons.add(r.asText()));
        Set<String> reasons = Arrays.stream(CdrFlagged.Reason.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documentedReasons).as("schema Reason enum").isEqualTo(reasons);

        String section = section(readme, EventType.CDR_FLAGGED.topic());
        for (String reason : reasons) {
            assertThat(section).as("the section explains " + reason).containsPattern("(?m)^\\| `" + reason + "` \\| \\S");
        }
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + EventType.CDR_FLAGGED.topic()).isNotEmpty();
        for (String example : examples) {
            assertMatchesSchemaShape(example, schema, CdrFlagged.class);
            CdrFlagged flagged = strict.readValue(example, CdrFlagged.class);
            assertThat(flagged.reasons()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(flagged.details()).as("one detail per reason").hasSameSizeAs(flagged.reasons());
            assertThat(flagged.revision()).isPositive();
            Currency.getInstance(flagged.currency());
            assertDecimals(flagged.cpoTotalCost());
            if (flagged.reasons().contains(CdrFlagged.Reason.COST_MISMATCH)) {
                assertThat(flagged.totalCost()).as("a cost mismatch has the hub's rating").isNotNull();
                assertThat(flagged.totalCost().exclVat()).isNotEqualByComparingTo(flagged.cpoTotalCost().exclVat());
            }
            if (flagged.totalCost() != null) {
                assertDecimals(flagged.totalCost());
                assertAtMinorUnits(flagged.totalCost(), Currency.getInstance(flagged.currency()));
            }
            assertThat(section).as("the section names its example's key").contains("`" + flagged.key() + "`");
        }
    }

    /** The documented balance: who owes whom adds up to the cent, in one currency, from the exact breakdown. */
    private static void assertBalanced(CdrRated rated) {
        Currency currency = Currency.getInstance(rated.currency());
        assertThat(Stream.of(rated.hubFee(), rated.emspPayable(), rated.cpoReceivable()))
                .as("every Money is in the event's currency").allSatisfy(m -> assertThat(m.currency()).isEqualTo(currency));
        assertThat(rated.emspPayable().isSameAmountAs(rated.cpoReceivable().plus(rated.hubFee())))
                .as("emsp_payable = cpo_receivable + hub_fee: %s = %s + %s",
                        rated.emspPayable(), rated.cpoReceivable(), rated.hubFee()).isTrue();
        assertThat(rated.emspPayable().amount()).as("the eMSP pays the total incl. VAT")
                .isEqualByComparingTo(rated.totalCost().inclVat());
        for (Money money : List.of(rated.hubFee(), rated.emspPayable(), rated.cpoReceivable())) {
            assertThat(money.amount().scale()).as(money + " at minor units")
                    .isLessThanOrEqualTo(currency.getDefaultFractionDigits());
        }
        assertAtMinorUnits(rated.totalCost(), currency);

        CdrRated.Breakdown b = rated.breakdown();
        assertThat(b).isNotNull();
        for (CdrRated.Amount bucket : List.of(b.fixed(), b.energy(), b.time(), b.parking(), b.reservation(),
                b.priceBoundAdjustment(), b.total())) {
            assertDecimals(bucket);
        }
        assertThat(b.total().exclVat()).as("breakdown total excl. VAT = buckets + adjustment").isEqualByComparingTo(
                sum(b.fixed().exclVat(), b.energy().exclVat(), b.time().exclVat(), b.parking().exclVat(),
                        b.reservation().exclVat(), b.priceBoundAdjustment().exclVat()));
        assertThat(b.total().inclVat()).as("breakdown total incl. VAT = buckets + adjustment").isEqualByComparingTo(
                sum(b.fixed().inclVat(), b.energy().inclVat(), b.time().inclVat(), b.parking().inclVat(),
                        b.reservation().inclVat(), b.priceBoundAdjustment().inclVat()));
        int digits = currency.getDefaultFractionDigits();
        assertThat(rated.totalCost().exclVat()).as("total_cost is the exact total rounded once, HALF_UP")
                .isEqualByComparingTo(b.total().exclVat().setScale(digits, RoundingMode.HALF_UP));
        assertThat(rated.totalCost().inclVat()).as("total_cost is the exact total rounded once, HALF_UP")
                .isEqualByComparingTo(b.total().inclVat().setScale(digits, RoundingMode.HALF_UP));
        assertThat(rated.revision()).isPositive();
        assertThat(rated.reverses() != null).as("only a reversal has negative amounts")
                .isEqualTo(rated.emspPayable().isNegative());
    }

    /** The table row names the type and links the schema; returns the checked schema. */
    private JsonNode rowAndSchema(String readme, EventType type, Class<?> payload) throws IOException {
        String row = readme.lines().filter(l -> l.startsWith("| `" + type.topic() + "` |")).findFirst().orElse(null);
        assertThat(row).as("table row of " + type.topic()).isNotNull()
                .contains("`" + type.type() + "`", "cdr-rating", "`<cpo country_code>*<party_id>*<CDR id>`")
                .doesNotContain("not emitted yet");
        Matcher link = SCHEMA_LINK.matcher(row);
        assertThat(link.find()).as("schema link in the row of " + type.topic()).isTrue();
        assertThat(link.group(1)).isEqualTo(type.topic() + "." + payload.getSimpleName() + ".json");
        return schema(link.group(1), payload);
    }

    /** The schema file exists, is draft 2020-12, is titled after the record and names exactly its properties. */
    private JsonNode schema(String file, Class<?> payload) throws IOException {
        Path path = EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(file);
        assertThat(path).as("schema " + file).exists();
        JsonNode schema = json.readTree(path.toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).endsWith("/" + file);
        assertThat(schema.path("title").asText()).isEqualTo(payload.getSimpleName());
        Set<String> properties = EventCatalogueDocs.jsonProperties(payload);
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties"))).as(file + " properties").isEqualTo(properties);
        Set<String> required = required(schema);
        assertThat(properties).as(file + " required").containsAll(required);
        Set<String> primitives = Arrays.stream(payload.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(EventCatalogueDocs::jsonName).collect(Collectors.toSet());
        assertThat(required).as(file + ": primitive fields are never null").containsAll(primitives);
        assertThat(schema.path("$defs").path("Decimal").path("type").asText()).isEqualTo("string");
        Pattern decimal = Pattern.compile(schema.path("$defs").path("Decimal").path("pattern").asText());
        assertThat(Stream.of("3.30", "3.993", "-0.18", "11", "0")).allMatch(s -> decimal.matcher(s).matches());
        assertThat(Stream.of("3,30", "1e3", "", ".5", "0.")).noneMatch(s -> decimal.matcher(s).matches());
        return schema;
    }

    /** The example names exactly the record's properties (nested too) and leaves no required one null. */
    private void assertMatchesSchemaShape(String example, JsonNode schema, Class<?> payload) throws IOException {
        JsonNode tree = strict.readTree(example);
        assertThat(EventCatalogueDocs.fieldNames(tree)).as("fields of the " + payload.getSimpleName() + " example")
                .isEqualTo(EventCatalogueDocs.jsonProperties(payload));
        for (String required : required(schema)) {
            assertThat(tree.get(required).isNull()).as(payload.getSimpleName() + " example: required " + required).isFalse();
        }
        if (tree.hasNonNull("breakdown")) {
            assertThat(EventCatalogueDocs.fieldNames(tree.get("breakdown"))).isEqualTo(EventCatalogueDocs.jsonProperties(CdrRated.Breakdown.class));
        }
        for (String amount : List.of("total_cost", "cpo_total_cost")) {
            if (tree.hasNonNull(amount)) {
                assertThat(EventCatalogueDocs.fieldNames(tree.get(amount))).isEqualTo(EventCatalogueDocs.jsonProperties(CdrRated.Amount.class));
                tree.get(amount).forEach(v -> assertThat(v.isTextual()).as(amount + " as decimal strings").isTrue());
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static CdrRated rated() {
        CdrRated.Amount zero = amount("0.00", "0.00");
        CdrRated.Breakdown breakdown = new CdrRated.Breakdown(zero, amount("3.30", "3.993"), zero, zero, zero, zero,
                amount("3.30", "3.993"), new BigDecimal("11"), new BigDecimal("1.5"), new BigDecimal("0"));
        return new CdrRated("CDR-1001", CPO, EMSP, "S-1001", Instant.parse("2026-11-24T18:02:11Z"),
                Instant.parse("2026-11-24T19:32:11Z"), "EUR", amount("3.30", "3.99"), amount("3.30", "3.99"),
                Money.of("0.18", "EUR"), Money.of("3.99", "EUR"), Money.of("3.81", "EUR"), "KWH30",
                Instant.parse("2026-11-01T12:00:00Z"), "3c8e1f2a-7b4d-4e6a-9f10-5d2c8b7a6e43", breakdown, null,
                false, 1, AT);
    }

    private static CdrRated.Amount amount(String exclVat, String inclVat) {
        return new CdrRated.Amount(new BigDecimal(exclVat), new BigDecimal(inclVat));
    }

    private static BigDecimal sum(BigDecimal... values) {
        return Arrays.stream(values).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertDecimals(CdrRated.Amount amount) {
        assertThat(amount).isNotNull();
        assertThat(amount.exclVat()).isNotNull();
        assertThat(amount.inclVat()).isNotNull();
        assertThat(DECIMAL.matcher(amount.exclVat().toPlainString()).matches()).isTrue();
        assertThat(DECIMAL.matcher(amount.inclVat().toPlainString()).matches()).isTrue();
    }

    private static void assertAtMinorUnits(CdrRated.Amount amount, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        assertThat(amount.exclVat().scale()).as(amount + " at minor units").isLessThanOrEqualTo(digits);
        assertThat(amount.inclVat().scale()).as(amount + " at minor units").isLessThanOrEqualTo(digits);
    }

}
