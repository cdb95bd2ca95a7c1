package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.chargeclear.model.event.EventCatalogueDocs.assertSnakeCase;
import static io.chargeclear.model.event.EventCatalogueDocs.defProperties;
import static io.chargeclear.model.event.EventCatalogueDocs.enumValues;
import static io.chargeclear.model.event.EventCatalogueDocs.readme;
import static io.chargeclear.model.event.EventCatalogueDocs.required;
import static io.chargeclear.model.event.EventCatalogueDocs.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger event contract ({@link LedgerPosted}): its JSON shape and key, and that docs/events/README.md (table
 * row, example) and docs/events/schemas/settlement.posting.v1.LedgerPosted.json describe exactly this record, with
 * an example entry that balances and books the rating documented under {@code rating.cdr-rated.v1}.
 */
class LedgerEventsTest {

    private static final Pattern SCHEMA_LINK = Pattern.compile("\\(schemas/([A-Za-z0-9.-]+\\.json)\\)");
    private static final String SCHEMA_FILE = "settlement.posting.v1.LedgerPosted.json";

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    private static final Instant SESSION_END = Instant.parse("2026-11-24T19:32:11Z");
    private static final Instant POSTED = Instant.parse("2026-11-24T19:34:05.731204Z");

    // --- payload record ---------------------------------------------------------------------------------------

    @Test
    void ledgerPostedUsesSnakeCaseAndRoundTrips() throws Exception {
        LedgerPosted posted = posted();
        String written = json.writeValueAsString(posted);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, LedgerPosted.class);
        tree.get("lines").forEach(line -> assertSnakeCase(line, LedgerPosted.Line.class));
        assertSnakeCase(tree.get("cpo"), OcpiParty.class);
        assertThat(written).contains("\"entry_id\":\"7a3d9c1e-4b2f-4e8a-9d6c-1f0e2b3a4c5d\"",
                "\"idempotency_key\":\"cdr:NL*CP1*CDR-1001:rev1\"",
                "\"cpo\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}", "\"cdr_id\":\"CDR-1001\"",
                "\"emsp\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"}", "\"purpose\":\"CDR\"",
                "\"rating_revision\":1", "\"currency\":\"EUR\"",
                "{\"account\":\"DE*MSP:receivable\",\"party\":\"DE*MSP\",\"side\":\"DEBIT\",\"amount_minor\":399,\"amount\":\"3.99\"}",
                "{\"account\":\"hub:clearing\",\"party\":null,\"side\":\"CREDIT\",\"amount_minor\":399,\"amount\":\"3.99\"}",
                "{\"account\":\"hub:fee-revenue\",\"party\":null,\"side\":\"CREDIT\",\"amount_minor\":18,\"amount\":\"0.18\"}",
                "\"session_end\":\"2026-11-24T19:32:11Z\"", "\"posted_at\":\"2026-11-24T19:34:05.731204Z\"");
        assertThat(tree.get("lines").get(0).get("amount").isTextual()).as("amount as a decimal string").isTrue();
        assertThat(tree.get("lines").get(0).get("amount_minor").isIntegralNumber()).isTrue();
        assertThat(json.readValue(written, LedgerPosted.class)).isEqualTo(posted);
    }

    @Test
    void theKeyIsTheCposCountryCodePartyIdAndCdrId() {
        assertThat(posted().key()).isEqualTo("NL*CP1*CDR-1001").doesNotContain("null");
        LedgerPosted otherCpo = new LedgerPosted("e", "cdr:NL*CP2*CDR-1001:rev1", new OcpiParty("NL", "CP2"),
                "CDR-1001", EMSP, "CDR", 1, "EUR", List.of(), SESSION_END, POSTED);
        assertThat(otherCpo.key()).isEqualTo("NL*CP2*CDR-1001").isNotEqualTo(posted().key());
        LedgerPosted reversal = new LedgerPosted("r", "reversal:NL*CP1*CDR-1001:rev1", CPO, "CDR-1001", EMSP,
                "REVERSAL", 1, "EUR", List.of(), SESSION_END, POSTED);
        assertThat(reversal.key()).as("a CDR's entries share one key").isEqualTo(posted().key());
    }

    @Test
    void ledgerPostedTravelsOnTheSettlementPostingTopic() {
        assertThat(EventType.LEDGER_POSTED.type()).isEqualTo("settlement.posting.posted.v1");
        assertThat(EventType.LEDGER_POSTED.topic()).isEqualTo(Topics.SETTLEMENT_POSTING).isEqualTo("settlement.posting.v1");
        assertThat(EventType.LEDGER_POSTED.payloadType()).isEqualTo(LedgerPosted.class);
        assertThat(EventType.fromType("settlement.posting.posted.v1")).contains(EventType.LEDGER_POSTED);
    }

    // --- docs/events: table row, example and schema -----------------------------------------------------------

    @Test
    void theCatalogueRowNamesTheTypeKeyAndSchema() throws Exception {
        String row = readme().lines().filter(l -> l.startsWith("| `" + Topics.SETTLEMENT_POSTING + "` |"))
                .findFirst().orElse(null);
        assertThat(row).as("table row of " + Topics.SETTLEMENT_POSTING).isNotNull()
                .contains("`" + EventType.LEDGER_POSTED.type() + "`", "`<cpo country_code>*<party_id>*<CDR id>`",
                        "| settlement |", "| analysts |")
                .doesNotContain("not emitted yet");
        Matcher link = SCHEMA_LINK.matcher(row);
        assertThat(link.find()).as("schema link in the row of " + Topics.SETTLEMENT_POSTING).isTrue();
        assertThat(link.group(1)).isEqualTo(SCHEMA_FILE);
    }

    @Test
    void theSchemaNamesExactlyTheRecordsProperties() throws Exception {
        JsonNode schema = schema();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).endsWith("/" + SCHEMA_FILE);
        assertThat(schema.path("title").asText()).isEqualTo(LedgerPosted.class.getSimpleName());
        Set<String> properties = EventCatalogueDocs.jsonProperties(LedgerPosted.class);
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties"))).isEqualTo(properties);
        assertThat(required(schema)).as("every property of an entry is set").isEqualTo(properties);
        assertThat(defProperties(schema, "Line")).isEqualTo(EventCatalogueDocs.jsonProperties(LedgerPosted.Line.class));
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        Set<String> primitives = Arrays.stream(LedgerPosted.Line.class.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(EventCatalogueDocs::jsonName).collect(Collectors.toSet());
        assertThat(required(schema.path("$defs").path("Line"))).as("Line: primitive fields are never null")
                .containsAll(primitives).doesNotContain("party");
        assertThat(enumValues(schema.path("properties").path("purpose"))).containsExactly("CDR", "REVERSAL");
        assertThat(enumValues(schema.path("$defs").path("Line").path("properties").path("side")))
                .containsExactly("CREDIT", "DEBIT");
        assertThat(schema.path("$defs").path("Decimal").path("type").asText()).isEqualTo("string");
    }

    @Test
    void theReadmeExampleIsABalancedEntryBookingTheRatedExample() throws Exception {
        String readme = readme();
        String section = section(readme, Topics.SETTLEMENT_POSTING);
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + Topics.SETTLEMENT_POSTING).hasSize(1);
        JsonNode schema = schema();
        JsonNode tree = strict.readTree(examples.get(0));
        assertThat(EventCatalogueDocs.fieldNames(tree)).isEqualTo(EventCatalogueDocs.jsonProperties(LedgerPosted.class));
        tree.get("lines").forEach(line -> {
            assertThat(EventCatalogueDocs.fieldNames(line)).isEqualTo(EventCatalogueDocs.jsonProperties(LedgerPosted.Line.class));
            assertThat(line.get("amount").isTextual()).as("amount as a decimal string").isTrue();
            assertThat(line.get("amount_minor").isIntegralNumber()).as("amount_minor as an integer").isTrue();
        });
        for (String required : required(schema)) {
            assertThat(tree.get(required).isNull()).as("example: required " + required).isFalse();
        }

        LedgerPosted posted = strict.readValue(examples.get(0), LedgerPosted.class);
        assertThat(section).as("the section names its example's key").contains("`" + posted.key() + "`");
        assertThat(posted.idempotencyKey())
                .isEqualTo(posted.purpose().toLowerCase() + ":" + posted.key() + ":rev" + posted.ratingRevision());
        assertThat(posted.purpose()).isEqualTo("CDR");

        int digits = Currency.getInstance(posted.currency()).getDefaultFractionDigits();
        Pattern decimal = Pattern.compile(schema.path("$defs").path("Decimal").path("pattern").asText());
        long debits = 0;
        long credits = 0;
        long clearing = 0;
        for (LedgerPosted.Line line : posted.lines()) {
            assertThat(line.amountMinor()).as(line + ": positive").isPositive();
            assertThat(line.amount()).as(line + ": amount_minor scaled by " + digits + " digits")
                    .isEqualTo(BigDecimal.valueOf(line.amountMinor(), digits));
            assertThat(decimal.matcher(line.amount().toPlainString()).matches()).isTrue();
            assertThat(line.side()).isIn("DEBIT", "CREDIT");
            if (line.account().startsWith("hub:")) {
                assertThat(line.party()).as(line + ": the hub's own account").isNull();
            } else {
                assertThat(line.account()).startsWith(line.party() + ":");
            }
            long signed = "DEBIT".equals(line.side()) ? line.amountMinor() : -line.amountMinor();
            if ("DEBIT".equals(line.side())) {
                debits += line.amountMinor();
            } else {
                credits += line.amountMinor();
            }
            if ("hub:clearing".equals(line.account())) {
                clearing += signed;
            }
        }
        assertThat(debits).as("debits equal credits").isEqualTo(credits);
        assertThat(clearing).as("hub:clearing nets to zero").isZero();

        // the entry books the rating documented under rating.cdr-rated.v1
        CdrRated rated = strict.readValue(EventCatalogueDocs.jsonBlocks(section(readme, EventType.CDR_RATED.topic())).get(0),
                CdrRated.class);
        assertThat(posted.key()).isEqualTo(rated.key());
        assertThat(posted.emsp()).isEqualTo(rated.emsp());
        assertThat(posted.currency()).isEqualTo(rated.currency());
        assertThat(posted.ratingRevision()).isEqualTo(rated.revision());
        assertThat(posted.sessionEnd()).isEqualTo(rated.endDateTime());
        assertThat(posted.lines()).containsExactly(
                line(rated.emsp() + ":receivable", rated.emsp().toString(), "DEBIT", rated.emspPayable().amount(), digits),
                line("hub:clearing", null, "CREDIT", rated.emspPayable().amount(), digits),
                line("hub:clearing", null, "DEBIT", rated.emspPayable().amount(), digits),
                line(rated.cpo() + ":payable", rated.cpo().toString(), "CREDIT", rated.cpoReceivable().amount(), digits),
                line("hub:fee-revenue", null, "CREDIT", rated.hubFee().amount(), digits));

        assertThat(section).as("the section shows how to read the topic from the local stack")
                .contains("bin/kafka-console-consumer.sh --bootstrap-server 127.0.0.1:19092 --topic "
                        + Topics.SETTLEMENT_POSTING + " --from-beginning");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static LedgerPosted posted() {
        return new LedgerPosted("7a3d9c1e-4b2f-4e8a-9d6c-1f0e2b3a4c5d", "cdr:NL*CP1*CDR-1001:rev1", CPO, "CDR-1001",
                EMSP, "CDR", 1, "EUR", List.of(
                        new LedgerPosted.Line("DE*MSP:receivable", "DE*MSP", "DEBIT", 399, new BigDecimal("3.99")),
                        new LedgerPosted.Line("hub:clearing", null, "CREDIT", 399, new BigDecimal("3.99")),
                        new LedgerPosted.Line("hub:clearing", null, "DEBIT", 399, new BigDecimal("3.99")),
                        new LedgerPosted.Line("NL*CP1:payable", "NL*CP1", "CREDIT", 381, new BigDecimal("3.81")),
                        new LedgerPosted.Line("hub:fee-revenue", null, "CREDIT", 18, new BigDecimal("0.18"))),
                SESSION_END, POSTED);
    }

    private static LedgerPosted.Line line(String account, String party, String side, BigDecimal amount, int digits) {
        long minor = amount.movePointRight(digits).longValueExact();
        return new LedgerPosted.Line(account, party, side, minor, BigDecimal.valueOf(minor, digits));
    }

    private JsonNode schema() throws IOException {
        Path path = EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(SCHEMA_FILE);
        assertThat(path).as("schema " + SCHEMA_FILE).exists();
        return json.readTree(path.toFile());
    }
}
