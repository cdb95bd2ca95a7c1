package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.chargeclear.model.event.EventCatalogueDocs.assertSnakeCase;
import static io.chargeclear.model.event.EventCatalogueDocs.defProperties;
import static io.chargeclear.model.event.EventCatalogueDocs.readme;
import static io.chargeclear.model.event.EventCatalogueDocs.required;
import static io.chargeclear.model.event.EventCatalogueDocs.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the hub's own invoice reconciliation records ({@link InvoiceRecordIssued} on
 * {@code settlement.invoice-record.v1}): its JSON shape and key, the JSON Schema under docs/events/schemas/, and the
 * catalogue's example, which is the record of the statement documented under {@code settlement.statement.v1}.
 */
class InvoiceRecordEventsTest {

    private static final String SCHEMA = "settlement.invoice-record.v1.InvoiceRecordIssued.json";

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    @Test
    void theRecordTravelsOnItsOwnSettlementTopicKeyedByItsId() {
        assertThat(EventType.INVOICE_RECORD_ISSUED.type()).isEqualTo("settlement.invoice-record.issued.v1");
        assertThat(EventType.INVOICE_RECORD_ISSUED.topic()).isEqualTo(Topics.SETTLEMENT_INVOICE_RECORD)
                .isEqualTo("settlement.invoice-record.v1");
        assertThat(EventType.INVOICE_RECORD_ISSUED.payloadType()).isEqualTo(InvoiceRecordIssued.class);
        assertThat(issued().key()).isEqualTo("6bc18c29-6be5-36ab-ad42-40142098b3f3");
    }

    @Test
    void theRecordUsesSnakeCaseOcpiNamesAndRoundTrips() throws Exception {
        InvoiceRecordIssued issued = issued();
        String written = json.writeValueAsString(issued);
        JsonNode tree = json.readTree(written);
        assertSnakeCase(tree, InvoiceRecordIssued.class);
        assertThat(EventCatalogueDocs.fieldNames(tree.get("record"))).as("OCPI InvoiceReconciliationRecord")
                .containsExactlyInAnyOrder("country_code", "party_id", "id", "invoice_id", "cdrs", "last_updated");
        assertThat(written).contains("\"last_updated\":\"2026-11-25T00:05:12Z\"", "\"cdrs\":[\"CDR-1001\"]",
                "\"omitted_cdr_ids\":[]", "\"part\":1", "\"parts\":1");
        assertThat(json.readValue(written, InvoiceRecordIssued.class)).isEqualTo(issued);
    }

    @Test
    void theSchemaNamesExactlyTheRecordsPropertiesAndOcpisLimits() throws Exception {
        JsonNode schema = json.readTree(EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(SCHEMA)
                .toFile());
        assertThat(schema.path("$id").asText()).isEqualTo("https://chargeclear.io/schemas/events/" + SCHEMA);
        assertThat(schema.path("title").asText()).isEqualTo("InvoiceRecordIssued");
        assertThat(schema.path("description").asText()).contains(EventType.INVOICE_RECORD_ISSUED.type(),
                Topics.SETTLEMENT_INVOICE_RECORD);
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties")))
                .isEqualTo(EventCatalogueDocs.jsonProperties(InvoiceRecordIssued.class));
        assertThat(required(schema)).isEqualTo(EventCatalogueDocs.jsonProperties(InvoiceRecordIssued.class));
        assertThat(defProperties(schema, "InvoiceReconciliationRecord"))
                .isEqualTo(EventCatalogueDocs.jsonProperties(InvoiceRecordIssued.ReconciliationRecord.class));
        JsonNode record = schema.path("$defs").path("InvoiceReconciliationRecord");
        assertThat(required(record)).isEqualTo(EventCatalogueDocs.jsonProperties(
                InvoiceRecordIssued.ReconciliationRecord.class));
        assertThat(record.path("properties").path("id").path("maxLength").asInt()).isEqualTo(36);
        assertThat(record.path("properties").path("invoice_id").path("maxLength").asInt()).isEqualTo(255);
        assertThat(record.path("properties").path("cdrs").path("minItems").asInt()).isEqualTo(1);
        assertThat(record.path("properties").path("cdrs").path("items").path("maxLength").asInt()).isEqualTo(36);
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
    }

    /**
     * The example is the one record of the documented statement: its id, its CDR (the booking under
     * settlement.posting.v1), issued by the hub when the run committed.
     */
    @Test
    void theExampleIsTheRecordOfTheDocumentedStatement() throws Exception {
        String readme = readme();
        String section = section(readme, Topics.SETTLEMENT_INVOICE_RECORD);
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).hasSize(1);
        JsonNode tree = strict.readTree(examples.get(0));
        assertThat(EventCatalogueDocs.fieldNames(tree)).isEqualTo(EventCatalogueDocs.jsonProperties(InvoiceRecordIssued.class));
        InvoiceRecordIssued issued = strict.readValue(examples.get(0), InvoiceRecordIssued.class);
        assertThat(section).contains("`" + issued.key() + "`", "`ce_subject`", "`POST /admin/settlement/runs`",
                "`GET /party/settlement/invoice-records`", "`omitted_cdr_ids`");

        StatementIssued statement = strict.readValue(EventCatalogueDocs.jsonBlocks(section(readme,
                Topics.SETTLEMENT_STATEMENT)).get(0), StatementIssued.class);
        LedgerPosted posted = strict.readValue(EventCatalogueDocs.jsonBlocks(section(readme,
                Topics.SETTLEMENT_POSTING)).get(0), LedgerPosted.class);
        assertThat(issued.statementId()).isEqualTo(statement.statementId()).isEqualTo(issued.record().invoiceId());
        assertThat(issued.runId()).isEqualTo(statement.runId());
        assertThat(issued.periodStart()).isEqualTo(statement.periodStart());
        assertThat(issued.periodEnd()).isEqualTo(statement.periodEnd());
        assertThat(issued.currency()).isEqualTo(statement.currency());
        assertThat(issued.cpo()).isEqualTo(statement.cpo()).isEqualTo(posted.cpo());
        assertThat(issued.emsp()).isEqualTo(statement.emsp());
        assertThat(issued.record().cdrs()).containsExactly(posted.cdrId()).hasSize(statement.cdrCount());
        assertThat(issued.record().lastUpdated()).isEqualTo(statement.issuedAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(issued.record().id()).as("a name-based UUID of the statement and the part")
                .isEqualTo(UUID.nameUUIDFromBytes(("invoice-record|" + statement.statementId() + "|1")
                        .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(issued.part()).isEqualTo(1);
        assertThat(issued.parts()).isEqualTo(1);
        assertThat(issued.omittedCdrIds()).isEmpty();
        assertThat(section).containsPattern("(?s)```bash\\n\\Qscripts/hub topics settlement.invoice-record.v1"
                + " --from-beginning\\E\\n# expect: ce_type: settlement\\.invoice-record\\.issued\\.v1\\n```");
        assertThat(section).containsPattern("(?s)```bash no-run\\n\\Qbin/kafka-console-consumer.sh --bootstrap-server"
                + " 127.0.0.1:19092 --topic settlement.invoice-record.v1 --from-beginning\\E[^`]*--property"
                + " print\\.key=true --property print\\.headers=true\\n```");
    }

    private static InvoiceRecordIssued issued() {
        return new InvoiceRecordIssued(new InvoiceRecordIssued.ReconciliationRecord("NL", "CCH",
                "6bc18c29-6be5-36ab-ad42-40142098b3f3", "93a5f266-a55b-37b5-9d54-9e1ac41b8b3b", List.of("CDR-1001"),
                Instant.parse("2026-11-25T00:05:12Z")), "93a5f266-a55b-37b5-9d54-9e1ac41b8b3b",
                "584a314d-83ec-3379-823e-dedae0f30551", Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2026-11-25T00:00:00Z"), "EUR", new OcpiParty("NL", "CP1"), new OcpiParty("DE", "MSP"),
                1, 1, List.of());
    }
}
