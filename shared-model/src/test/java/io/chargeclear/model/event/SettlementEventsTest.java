package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.money.Money;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.chargeclear.model.event.EventCatalogueDocs.assertSnakeCase;
import static io.chargeclear.model.event.EventCatalogueDocs.defProperties;
import static io.chargeclear.model.event.EventCatalogueDocs.enumValues;
import static io.chargeclear.model.event.EventCatalogueDocs.readme;
import static io.chargeclear.model.event.EventCatalogueDocs.required;
import static io.chargeclear.model.event.EventCatalogueDocs.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement run event contracts ({@link StatementIssued}, {@link NetPositionDetermined}): their JSON shape and
 * keys, and that docs/events/README.md (table rows, examples) and the JSON Schemas under docs/events/schemas/
 * describe exactly these records, with examples that settle the entry documented under {@code settlement.posting.v1}
 * and sum to zero with the hub's fee.
 */
class SettlementEventsTest {

    private static final Pattern SCHEMA_LINK = Pattern.compile("\\(schemas/([A-Za-z0-9.-]+\\.json)\\)");
    private static final String SCHEMA_BASE = "https://chargeclear.io/schemas/events/";
    private static final Set<String> DIRECTIONS = Set.of("HUB_PAYS_PARTY", "PARTY_PAYS_HUB", "NONE");

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant RAN = Instant.parse("2026-11-25T00:05:12.408311Z");
    private static final String RUN = "584a314d-83ec-3379-823e-dedae0f30551";
    private static final String STATEMENT = "93a5f266-a55b-37b5-9d54-9e1ac41b8b3b";

    // --- payload records --------------------------------------------------------------------------------------

    @Test
    void statementIssuedUsesSnakeCaseAndRoundTrips() throws Exception {
        StatementIssued statement = statement();
        String written = json.writeValueAsString(statement);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, StatementIssued.class);
        assertSnakeCase(tree.get("cpo"), OcpiParty.class);
        assertThat(EventCatalogueDocs.fieldNames(tree.get("hub_fee"))).containsExactly("amount", "currency");
        assertThat(written).contains("\"statement_id\":\"" + STATEMENT + "\"", "\"run_id\":\"" + RUN + "\"",
                "\"period_start\":\"2026-11-24T00:00:00Z\"", "\"period_end\":\"2026-11-25T00:00:00Z\"",
                "\"time_zone\":\"UTC\"", "\"currency\":\"EUR\"",
                "\"cpo\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}",
                "\"emsp\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"}",
                "\"cdr_count\":1", "\"entry_count\":1", "\"late_entry_count\":0", "\"energy_kwh\":\"11\"",
                "\"emsp_payable\":{\"amount\":\"3.99\",\"currency\":\"EUR\"}",
                "\"cpo_receivable\":{\"amount\":\"3.81\",\"currency\":\"EUR\"}",
                "\"hub_fee\":{\"amount\":\"0.18\",\"currency\":\"EUR\"}",
                "\"taxes\":[{\"name\":\"VAT\",\"percentage\":\"21\",\"amount\":{\"amount\":\"0.69\",\"currency\":\"EUR\"}}]",
                "\"issued_at\":\"2026-11-25T00:05:12.408311Z\"");
        assertSnakeCase(tree.get("taxes").get(0), StatementIssued.TaxLine.class);
        assertThat(tree.get("energy_kwh").isTextual()).as("energy as a decimal string").isTrue();
        assertThat(json.readValue(written, StatementIssued.class)).isEqualTo(statement);
    }

    @Test
    void netPositionDeterminedUsesSnakeCaseAndRoundTrips() throws Exception {
        NetPositionDetermined position = cpoPosition();
        String written = json.writeValueAsString(position);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, NetPositionDetermined.class);
        assertSnakeCase(tree.get("party"), OcpiParty.class);
        assertSnakeCase(tree.get("payment"), NetPositionDetermined.PaymentInstruction.class);
        assertThat(written).contains("\"run_id\":\"" + RUN + "\"", "\"period_start\":\"2026-11-24T00:00:00Z\"",
                "\"party\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}",
                "\"receivable\":{\"amount\":\"3.81\",\"currency\":\"EUR\"}",
                "\"payable\":{\"amount\":\"0.00\",\"currency\":\"EUR\"}",
                "\"net\":{\"amount\":\"3.81\",\"currency\":\"EUR\"}",
                "\"payment\":{\"direction\":\"HUB_PAYS_PARTY\",\"payer\":\"hub\",\"payee\":\"NL*CP1\","
                        + "\"amount\":{\"amount\":\"3.81\",\"currency\":\"EUR\"},\"reference\":\"CC-2026-11-24-NLCP1-EUR\"}",
                "\"determined_at\":\"2026-11-25T00:05:12.408311Z\"");
        assertThat(json.readValue(written, NetPositionDetermined.class)).isEqualTo(position);

        NetPositionDetermined none = new NetPositionDetermined(RUN, START, END, CPO, "EUR", Money.of("1.00", "EUR"),
                Money.of("1.00", "EUR"), Money.of("0.00", "EUR"), new NetPositionDetermined.PaymentInstruction("NONE",
                null, null, Money.of("0.00", "EUR"), "CC-2026-11-24-NLCP1-EUR"), RAN);
        String noneWritten = json.writeValueAsString(none);
        assertThat(noneWritten).as("payer and payee are present, null, when nothing moves")
                .contains("\"direction\":\"NONE\",\"payer\":null,\"payee\":null");
        assertThat(json.readValue(noneWritten, NetPositionDetermined.class)).isEqualTo(none);
    }

    @Test
    void theKeysAreTheStatementIdAndThePartyPeriodAndCurrency() {
        assertThat(statement().key()).isEqualTo(STATEMENT);
        StatementIssued other = new StatementIssued("0c5e6a2d-1111-3222-8333-444455556666", RUN, START, END, "UTC",
                "EUR", CPO, EMSP, 1, 1, 0, BigDecimal.ONE, Money.zero("EUR"), Money.zero("EUR"), Money.zero("EUR"),
                List.of(), RAN);
        assertThat(other.key()).isEqualTo("0c5e6a2d-1111-3222-8333-444455556666").isNotEqualTo(statement().key());

        assertThat(cpoPosition().key()).isEqualTo("NL*CP1*2026-11-24T00:00:00Z*EUR").doesNotContain("null");
        assertThat(emspPosition().key()).isEqualTo("DE*MSP*2026-11-24T00:00:00Z*EUR");
        NetPositionDetermined nextDay = new NetPositionDetermined(RUN, END, END.plusSeconds(86_400), CPO, "EUR",
                Money.zero("EUR"), Money.zero("EUR"), Money.zero("EUR"), null, RAN);
        assertThat(nextDay.key()).isEqualTo("NL*CP1*2026-11-25T00:00:00Z*EUR");
        NetPositionDetermined chf = new NetPositionDetermined(RUN, START, END, CPO, "CHF", Money.zero("CHF"),
                Money.zero("CHF"), Money.zero("CHF"), null, RAN);
        assertThat(chf.key()).isEqualTo("NL*CP1*2026-11-24T00:00:00Z*CHF");
    }

    @Test
    void bothTypesTravelOnTheirOwnSettlementTopic() {
        assertThat(EventType.STATEMENT_ISSUED.type()).isEqualTo("settlement.statement.issued.v1");
        assertThat(EventType.STATEMENT_ISSUED.topic()).isEqualTo(Topics.SETTLEMENT_STATEMENT)
                .isEqualTo("settlement.statement.v1");
        assertThat(EventType.STATEMENT_ISSUED.payloadType()).isEqualTo(StatementIssued.class);
        assertThat(EventType.fromType("settlement.statement.issued.v1")).contains(EventType.STATEMENT_ISSUED);

        assertThat(EventType.NET_POSITION_DETERMINED.type()).isEqualTo("settlement.net-position.determined.v1");
        assertThat(EventType.NET_POSITION_DETERMINED.topic()).isEqualTo(Topics.SETTLEMENT_NET_POSITION)
                .isEqualTo("settlement.net-position.v1");
        assertThat(EventType.NET_POSITION_DETERMINED.payloadType()).isEqualTo(NetPositionDetermined.class);
        assertThat(EventType.fromType("settlement.net-position.determined.v1"))
                .contains(EventType.NET_POSITION_DETERMINED);
    }

    // --- docs/events: table rows, schemas, examples -----------------------------------------------------------

    @Test
    void theCatalogueRowsNameTheTypeKeyAndSchema() throws Exception {
        String readme = readme();
        assertThat(row(readme, EventType.STATEMENT_ISSUED, StatementIssued.class)).contains("`<statement_id>`");
        assertThat(row(readme, EventType.NET_POSITION_DETERMINED, NetPositionDetermined.class))
                .contains("`<party country_code>*<party_id>*<period_start>*<currency>`");
    }

    @Test
    void theSchemasNameExactlyTheRecordsProperties() throws Exception {
        JsonNode statement = schema(EventType.STATEMENT_ISSUED, StatementIssued.class);
        assertThat(defProperties(statement, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        assertThat(defProperties(statement, "Money")).containsExactly("amount", "currency");
        assertThat(statement.path("properties").path("energy_kwh").path("$ref").asText()).isEqualTo("#/$defs/Decimal");
        for (String money : List.of("emsp_payable", "cpo_receivable", "hub_fee")) {
            assertThat(statement.path("properties").path(money).path("$ref").asText()).as(money).isEqualTo("#/$defs/Money");
        }
        assertThat(defProperties(statement, "TaxLine"))
                .isEqualTo(EventCatalogueDocs.jsonProperties(StatementIssued.TaxLine.class));
        assertThat(statement.path("properties").path("taxes").path("items").path("$ref").asText())
                .isEqualTo("#/$defs/TaxLine");
        assertThat(statement.path("$defs").path("TaxLine").path("properties").path("amount").path("$ref").asText())
                .isEqualTo("#/$defs/Money");

        JsonNode position = schema(EventType.NET_POSITION_DETERMINED, NetPositionDetermined.class);
        assertThat(defProperties(position, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        assertThat(defProperties(position, "Money")).containsExactly("amount", "currency");
        Set<String> instruction = EventCatalogueDocs.jsonProperties(NetPositionDetermined.PaymentInstruction.class);
        assertThat(defProperties(position, "PaymentInstruction")).isEqualTo(instruction);
        JsonNode payment = position.path("$defs").path("PaymentInstruction");
        assertThat(required(payment)).as("PaymentInstruction: every property is set, payer and payee too")
                .isEqualTo(instruction);
        assertThat(position.path("properties").path("payment").path("$ref").asText())
                .isEqualTo("#/$defs/PaymentInstruction");
        assertThat(enumValues(payment.path("properties").path("direction"))).isEqualTo(new TreeSet<>(DIRECTIONS));
        for (String nullable : List.of("payer", "payee")) {
            JsonNode type = payment.path("properties").path(nullable).path("type");
            assertThat(Stream.of(type.get(0), type.get(1)).map(JsonNode::asText)).as(nullable + " may be null (NONE)")
                    .containsExactlyInAnyOrder("string", "null");
            assertThat(payment.path("properties").path(nullable).path("description").asText()).contains("null");
        }
        Pattern reference = Pattern.compile(payment.path("properties").path("reference").path("pattern").asText());
        assertThat(reference.matcher("CC-2026-11-24-NLCP1-EUR").matches()).isTrue();
        assertThat(reference.matcher("CC-2026-11-24-NL*CP1-EUR").matches()).isFalse();
    }

    @Test
    void theStatementExampleSettlesTheDocumentedLedgerEntry() throws Exception {
        String readme = readme();
        String section = section(readme, Topics.SETTLEMENT_STATEMENT);
        JsonNode schema = schema(EventType.STATEMENT_ISSUED, StatementIssued.class);
        String example = onlyExample(section, Topics.SETTLEMENT_STATEMENT);
        assertMatchesSchemaShape(example, schema, StatementIssued.class);
        JsonNode tree = strict.readTree(example);
        assertThat(tree.get("energy_kwh").isTextual()).as("energy as a decimal string").isTrue();
        assertThat(decimal(schema).matcher(tree.get("energy_kwh").asText()).matches()).isTrue();

        StatementIssued statement = strict.readValue(example, StatementIssued.class);
        assertThat(section).as("the section names its example's key").contains("`" + statement.key() + "`");
        assertThat(section).contains("`ce_subject`", "`POST /admin/settlement/runs`", "`late_entry_count`");
        UUID.fromString(statement.statementId());
        UUID.fromString(statement.runId());
        assertThat(statement.statementId()).isNotEqualTo(statement.runId());

        Currency currency = Currency.getInstance(statement.currency());
        assertThat(Stream.of(statement.emspPayable(), statement.cpoReceivable(), statement.hubFee()))
                .as("every Money is in the statement's currency at minor units")
                .allSatisfy(m -> {
                    assertThat(m.currency()).isEqualTo(currency);
                    assertThat(m.amount().scale()).isEqualTo(currency.getDefaultFractionDigits());
                });
        assertThat(statement.emspPayable().isSameAmountAs(statement.cpoReceivable().plus(statement.hubFee())))
                .as("emsp_payable = cpo_receivable + hub_fee: %s = %s + %s", statement.emspPayable(),
                        statement.cpoReceivable(), statement.hubFee()).isTrue();
        assertThat(statement.energyKwh().toPlainString()).as("energy without trailing zeros")
                .isEqualTo(statement.energyKwh().stripTrailingZeros().toPlainString());

        ZoneId zone = ZoneId.of(statement.timeZone());
        assertThat(statement.periodStart().atZone(zone).toLocalTime()).as("a period starts at midnight")
                .isEqualTo(LocalTime.MIDNIGHT);
        assertThat(statement.periodEnd()).as("the daily period").isEqualTo(
                statement.periodStart().atZone(zone).plusDays(1).toInstant());
        assertThat(statement.issuedAt()).as("a period runs once it has ended").isAfterOrEqualTo(statement.periodEnd());

        // it settles the one entry documented under settlement.posting.v1, which books the rating under rating.cdr-rated.v1
        CdrRated rated = strict.readValue(EventCatalogueDocs.jsonBlocks(section(readme, Topics.RATING_CDR_RATED)).get(0),
                CdrRated.class);
        LedgerPosted posted = strict.readValue(EventCatalogueDocs.jsonBlocks(section(readme, Topics.SETTLEMENT_POSTING))
                .get(0), LedgerPosted.class);
        assertThat(statement.cpo()).isEqualTo(rated.cpo()).isEqualTo(posted.cpo());
        assertThat(statement.emsp()).isEqualTo(rated.emsp()).isEqualTo(posted.emsp());
        assertThat(statement.currency()).isEqualTo(rated.currency()).isEqualTo(posted.currency());
        assertThat(statement.emspPayable()).isEqualTo(rated.emspPayable());
        assertThat(statement.cpoReceivable()).isEqualTo(rated.cpoReceivable());
        assertThat(statement.hubFee()).isEqualTo(rated.hubFee());
        assertThat(statement.taxes()).as("the rating's tax lines, per name and percentage")
                .extracting(StatementIssued.TaxLine::name, t -> t.percentage().toPlainString(),
                        t -> t.amount().amount().toPlainString())
                .containsExactlyElementsOf(rated.taxes().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.name(),
                        t.percentage().toPlainString(), t.amount().toPlainString())).toList());
        Money taxes = statement.taxes().stream().map(StatementIssued.TaxLine::amount)
                .reduce(Money.zero(statement.currency()), Money::plus);
        assertThat(statement.emspPayable().minus(taxes).amount()).as("the taxes sum to the cent")
                .isEqualByComparingTo(rated.totalCost().exclVat());
        assertThat(statement.energyKwh()).isEqualByComparingTo(rated.breakdown().totalEnergyKwh());
        assertThat(statement.cdrCount()).isEqualTo(1);
        assertThat(statement.entryCount()).isEqualTo(1);
        assertThat(posted.sessionEnd()).as("the entry's session ended in the period")
                .isAfterOrEqualTo(statement.periodStart()).isBefore(statement.periodEnd());
        assertThat(statement.lateEntryCount()).as("so it is not late").isZero();
        assertThat(statement.issuedAt()).as("the run came after the entry").isAfter(posted.postedAt());

        assertConsoleConsumer(section, Topics.SETTLEMENT_STATEMENT);
    }

    @Test
    void theNetPositionExampleNetsTheStatementToZeroWithTheHubFee() throws Exception {
        String readme = readme();
        String section = section(readme, Topics.SETTLEMENT_NET_POSITION);
        JsonNode schema = schema(EventType.NET_POSITION_DETERMINED, NetPositionDetermined.class);
        String example = onlyExample(section, Topics.SETTLEMENT_NET_POSITION);
        assertMatchesSchemaShape(example, schema, NetPositionDetermined.class);
        JsonNode tree = strict.readTree(example);
        assertThat(EventCatalogueDocs.fieldNames(tree.get("payment")))
                .isEqualTo(EventCatalogueDocs.jsonProperties(NetPositionDetermined.PaymentInstruction.class));
        for (String required : required(schema.path("$defs").path("PaymentInstruction"))) {
            assertThat(tree.get("payment").get(required).isNull()).as("example: payment." + required).isFalse();
        }

        NetPositionDetermined position = strict.readValue(example, NetPositionDetermined.class);
        assertThat(section).as("the section names its example's key").contains("`" + position.key() + "`");
        assertThat(section).as("ce_subject is the party").contains("`ce_subject` is the party, `" + position.party() + "`");
        assertConsistent(position);

        // the same run as the statement example: its CPO's position
        StatementIssued statement = strict.readValue(onlyExample(section(readme, Topics.SETTLEMENT_STATEMENT),
                Topics.SETTLEMENT_STATEMENT), StatementIssued.class);
        assertThat(position.runId()).isEqualTo(statement.runId());
        assertThat(position.determinedAt()).isEqualTo(statement.issuedAt());
        assertThat(position.periodStart()).isEqualTo(statement.periodStart());
        assertThat(position.periodEnd()).isEqualTo(statement.periodEnd());
        assertThat(position.currency()).isEqualTo(statement.currency());
        assertThat(position.party()).isEqualTo(statement.cpo());
        assertThat(position.receivable()).as("the CPO's only statement").isEqualTo(statement.cpoReceivable());
        assertThat(position.payable().isZero()).as("the CPO is no eMSP in the run").isTrue();
        assertThat(position.payment().reference()).isEqualTo("CC-"
                + position.periodStart().atZone(ZoneId.of(statement.timeZone())).toLocalDate() + "-"
                + position.party().countryCode() + position.party().partyId() + "-" + position.currency());

        // the eMSP's position, which the section states, and the zero sum of the run
        Money emspNet = Money.zero(statement.currency()).minus(statement.emspPayable());
        NetPositionDetermined emsp = new NetPositionDetermined(statement.runId(), statement.periodStart(),
                statement.periodEnd(), statement.emsp(), statement.currency(), Money.zero(statement.currency()),
                statement.emspPayable(), emspNet, new NetPositionDetermined.PaymentInstruction("PARTY_PAYS_HUB",
                statement.emsp().toString(), "hub", statement.emspPayable(), "CC-"
                + statement.periodStart().atZone(ZoneId.of(statement.timeZone())).toLocalDate() + "-"
                + statement.emsp().countryCode() + statement.emsp().partyId() + "-" + statement.currency()),
                statement.issuedAt());
        assertConsistent(emsp);
        String emspAmount = "−" + statement.emspPayable().amount().toPlainString();
        assertThat(section).as("the section states the eMSP's position")
                .contains("`" + emsp.key() + "`", "`" + emsp.party() + "`", "`" + emsp.payment().reference() + "`",
                        "`net` " + emspAmount, "`PARTY_PAYS_HUB`");
        Money sum = position.net().plus(emsp.net()).plus(statement.hubFee());
        assertThat(sum.isZero()).as("Σ net + Σ hub_fee = %s + %s + %s", position.net(), emsp.net(), statement.hubFee())
                .isTrue();
        assertThat(section).as("the section shows the zero sum").contains(position.net().amount().toPlainString()
                + " " + emspAmount.replace("−", "− ") + " + " + statement.hubFee().amount().toPlainString() + " = 0");
        assertThat(section).contains("`run_id`", "`hub_fee`", "`net`");

        assertConsoleConsumer(section, Topics.SETTLEMENT_NET_POSITION);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** net = receivable − payable, the direction follows its sign, the instruction moves |net| between hub and party. */
    private static void assertConsistent(NetPositionDetermined p) {
        Currency currency = Currency.getInstance(p.currency());
        assertThat(Stream.of(p.receivable(), p.payable(), p.net(), p.payment().amount()))
                .as("every Money is in the position's currency").allSatisfy(m -> assertThat(m.currency()).isEqualTo(currency));
        assertThat(p.net().isSameAmountAs(p.receivable().minus(p.payable())))
                .as("net = receivable − payable: %s = %s − %s", p.net(), p.receivable(), p.payable()).isTrue();
        assertThat(p.payment().amount().amount()).as("payment amount = |net|").isEqualByComparingTo(p.net().amount().abs());
        assertThat(p.payment().direction()).isIn(DIRECTIONS);
        String party = p.party().toString();
        switch (p.net().amount().signum()) {
            case 1 -> {
                assertThat(p.payment().direction()).isEqualTo("HUB_PAYS_PARTY");
                assertThat(p.payment().payer()).isEqualTo("hub");
                assertThat(p.payment().payee()).isEqualTo(party);
            }
            case -1 -> {
                assertThat(p.payment().direction()).isEqualTo("PARTY_PAYS_HUB");
                assertThat(p.payment().payer()).isEqualTo(party);
                assertThat(p.payment().payee()).isEqualTo("hub");
            }
            default -> {
                assertThat(p.payment().direction()).isEqualTo("NONE");
                assertThat(p.payment().payer()).isNull();
                assertThat(p.payment().payee()).isNull();
            }
        }
    }

    private static StatementIssued statement() {
        return new StatementIssued(STATEMENT, RUN, START, END, "UTC", "EUR", CPO, EMSP, 1, 1, 0, new BigDecimal("11"),
                Money.of("3.99", "EUR"), Money.of("3.81", "EUR"), Money.of("0.18", "EUR"),
                List.of(new StatementIssued.TaxLine("VAT", new BigDecimal("21"), Money.of("0.69", "EUR"))), RAN);
    }

    private static NetPositionDetermined cpoPosition() {
        return new NetPositionDetermined(RUN, START, END, CPO, "EUR", Money.of("3.81", "EUR"), Money.of("0.00", "EUR"),
                Money.of("3.81", "EUR"), new NetPositionDetermined.PaymentInstruction("HUB_PAYS_PARTY", "hub", "NL*CP1",
                Money.of("3.81", "EUR"), "CC-2026-11-24-NLCP1-EUR"), RAN);
    }

    private static NetPositionDetermined emspPosition() {
        return new NetPositionDetermined(RUN, START, END, EMSP, "EUR", Money.of("0.00", "EUR"), Money.of("3.99", "EUR"),
                Money.of("-3.99", "EUR"), new NetPositionDetermined.PaymentInstruction("PARTY_PAYS_HUB", "DE*MSP", "hub",
                Money.of("3.99", "EUR"), "CC-2026-11-24-DEMSP-EUR"), RAN);
    }

    /** The table row names the type, the key, producer and consumer, and links the schema; returns the row. */
    private static String row(String readme, EventType type, Class<?> payload) {
        String row = readme.lines().filter(l -> l.startsWith("| `" + type.topic() + "` |")).findFirst().orElse(null);
        assertThat(row).as("table row of " + type.topic()).isNotNull()
                .contains("`" + type.type() + "`", "| settlement |", "| analysts |", "[" + payload.getSimpleName() + "]")
                .doesNotContain("not emitted yet");
        Matcher link = SCHEMA_LINK.matcher(row);
        assertThat(link.find()).as("schema link in the row of " + type.topic()).isTrue();
        assertThat(link.group(1)).isEqualTo(schemaFile(type, payload));
        return row;
    }

    private static String schemaFile(EventType type, Class<?> payload) {
        return type.topic() + "." + payload.getSimpleName() + ".json";
    }

    /** The schema is draft 2020-12, titled after the record, names exactly its properties and requires them all. */
    private JsonNode schema(EventType type, Class<?> payload) throws IOException {
        String file = schemaFile(type, payload);
        Path path = EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(file);
        assertThat(path).as("schema " + file).exists();
        JsonNode schema = json.readTree(path.toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(SCHEMA_BASE + file);
        assertThat(schema.path("title").asText()).isEqualTo(payload.getSimpleName());
        assertThat(schema.path("description").asText()).contains(type.type(), type.topic());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        Set<String> properties = EventCatalogueDocs.jsonProperties(payload);
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties"))).as(file + " properties").isEqualTo(properties);
        assertThat(required(schema)).as(file + ": every property is always set").isEqualTo(properties);
        Set<String> primitives = Arrays.stream(payload.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(EventCatalogueDocs::jsonName).collect(Collectors.toSet());
        for (String primitive : primitives) {
            assertThat(schema.path("properties").path(primitive).path("type").asText()).as(primitive).isEqualTo("integer");
        }
        assertThat(required(schema.path("$defs").path("Party"))).containsExactlyInAnyOrder("country_code", "party_id");
        assertThat(required(schema.path("$defs").path("Money"))).containsExactlyInAnyOrder("amount", "currency");
        assertThat(schema.path("$defs").path("Money").path("properties").path("amount").path("$ref").asText())
                .isEqualTo("#/$defs/Decimal");
        assertThat(schema.path("$defs").path("Decimal").path("type").asText()).isEqualTo("string");
        Pattern decimal = decimal(schema);
        assertThat(Stream.of("3.81", "0.00", "-3.99", "11", "12.5", "0")).allMatch(s -> decimal.matcher(s).matches());
        assertThat(Stream.of("3,81", "1e3", "", ".5", "0.", "+1")).noneMatch(s -> decimal.matcher(s).matches());
        return schema;
    }

    /** The example names exactly the record's properties (nested parties and money too) and leaves none null. */
    private void assertMatchesSchemaShape(String example, JsonNode schema, Class<?> payload) throws IOException {
        JsonNode tree = strict.readTree(example);
        assertThat(EventCatalogueDocs.fieldNames(tree)).as("fields of the " + payload.getSimpleName() + " example")
                .isEqualTo(EventCatalogueDocs.jsonProperties(payload));
        for (String required : required(schema)) {
            assertThat(tree.get(required).isNull()).as(payload.getSimpleName() + " example: required " + required).isFalse();
            String ref = schema.path("properties").path(required).path("$ref").asText();
            if (ref.equals("#/$defs/Money")) {
                assertThat(EventCatalogueDocs.fieldNames(tree.get(required))).as(required).containsExactly("amount", "currency");
                assertThat(tree.get(required).get("amount").isTextual()).as(required + " as a decimal string").isTrue();
                assertThat(decimal(schema).matcher(tree.get(required).get("amount").asText()).matches()).isTrue();
            } else if (ref.equals("#/$defs/Party")) {
                assertThat(EventCatalogueDocs.fieldNames(tree.get(required)))
                        .isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
            }
        }
    }

    private static void assertConsoleConsumer(String section, String topic) {
        assertThat(section).as("the section shows how to read " + topic + " from the local stack (a block the doc test"
                        + " does not run: it needs a Kafka distribution)")
                .containsPattern("(?s)```bash no-run\\n\\Qbin/kafka-console-consumer.sh --bootstrap-server 127.0.0.1:19092 --topic "
                        + topic + " --from-beginning\\E[^`]*--property print\\.key=true --property print\\.headers=true\\n```");
    }

    private static String onlyExample(String section, String topic) {
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + topic).hasSize(1);
        return examples.get(0);
    }

    private static Pattern decimal(JsonNode schema) {
        return Pattern.compile(schema.path("$defs").path("Decimal").path("pattern").asText());
    }
}
