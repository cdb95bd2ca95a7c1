package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.chargeclear.model.event.EventCatalogueDocs.assertSnakeCase;
import static io.chargeclear.model.event.EventCatalogueDocs.defProperties;
import static io.chargeclear.model.event.EventCatalogueDocs.readme;
import static io.chargeclear.model.event.EventCatalogueDocs.required;
import static io.chargeclear.model.event.EventCatalogueDocs.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-tracking event contracts ({@link SessionTracked}, {@link SlaBreached}): their JSON shape and key, and
 * that docs/events/README.md (table rows, sections, examples) and the JSON Schemas under docs/events/schemas/
 * describe exactly these records, enums included.
 */
class TrackingEventsTest {

    private static final Pattern SCHEMA_LINK = Pattern.compile("\\(schemas/([A-Za-z0-9.-]+\\.json)\\)");

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    private static final Instant AT = Instant.parse("2026-11-24T22:41:02.611Z");

    @Test
    void sessionTrackedUsesSnakeCaseAndRoundTrips() throws Exception {
        SessionTracked tracked = tracked();
        String written = json.writeValueAsString(tracked);
        assertSnakeCase(json.readTree(written), SessionTracked.class);
        assertThat(written).contains("\"cpo\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}",
                "\"session_id\":\"S-1\"", "\"state\":\"CDR_RECEIVED\"", "\"previous_state\":\"AWAITING_CDR\"",
                "\"kwh\":\"16.5\"", "\"cdr_ids\":[\"CDR-1\"]", "\"revision\":4",
                "\"changed_at\":\"2026-11-24T22:41:02.611Z\"");
        assertThat(json.readValue(written, SessionTracked.class)).isEqualTo(tracked);

        SessionTracked first = new SessionTracked(CPO, "S-2", null, SessionTracked.State.PENDING, null, null, null, null,
                null, List.of(), null, null, null, 1, AT);
        String firstWritten = json.writeValueAsString(first);
        assertThat(firstWritten).contains("\"previous_state\":null", "\"emsp\":null", "\"kwh\":null");
        assertThat(json.readValue(firstWritten, SessionTracked.class)).isEqualTo(first);
    }

    @Test
    void slaBreachedUsesSnakeCaseAndRoundTrips() throws Exception {
        SlaBreached breach = breach();
        String written = json.writeValueAsString(breach);
        assertSnakeCase(json.readTree(written), SlaBreached.class);
        assertThat(written).contains("\"kind\":\"CDR_OVERDUE\"", "\"session_id\":\"S-1\"", "\"command_id\":null",
                "\"due_at\":\"2026-11-26T22:39:58.120Z\"");
        assertThat(json.readValue(written, SlaBreached.class)).isEqualTo(breach);
    }

    @Test
    void theKeyIsTheSessionKeyOrForACommandWithoutSessionTheCommandId() {
        assertThat(tracked().key()).isEqualTo("NL*CP1*S-1");
        assertThat(breach().key()).as("a breach travels under its session's key").isEqualTo(tracked().key());
        SlaBreached command = new SlaBreached("b", SlaBreached.Kind.COMMAND_RESULT_MISSING, CPO, null, EMSP, "CMD-9",
                null, null, AT, AT, "x");
        assertThat(command.key()).isEqualTo("CMD-9");
        SlaBreached linked = new SlaBreached("b", SlaBreached.Kind.COMMAND_RESULT_MISSING, CPO, "S-1", EMSP, "CMD-9",
                null, null, AT, AT, "x");
        assertThat(linked.key()).isEqualTo("NL*CP1*S-1");
        SlaBreached slow = new SlaBreached("b", SlaBreached.Kind.AUTHORIZATION_SLOW, CPO, null, EMSP, null, "AUTH-7",
                null, null, AT, "x");
        assertThat(slow.key()).isEqualTo("AUTH-7");
    }

    @Test
    void bothTypesTravelOnTheirTrackingTopic() {
        assertThat(EventType.SESSION_TRACKED.type()).isEqualTo("tracking.session.changed.v1");
        assertThat(EventType.SESSION_TRACKED.topic()).isEqualTo(Topics.TRACKING_SESSION).isEqualTo("tracking.session.v1");
        assertThat(EventType.SESSION_TRACKED.payloadType()).isEqualTo(SessionTracked.class);
        assertThat(EventType.SLA_BREACHED.type()).isEqualTo("tracking.sla-breach.detected.v1");
        assertThat(EventType.SLA_BREACHED.topic()).isEqualTo(Topics.TRACKING_SLA_BREACH)
                .isEqualTo("tracking.sla-breach.v1");
        assertThat(EventType.SLA_BREACHED.payloadType()).isEqualTo(SlaBreached.class);
    }

    @Test
    void theCatalogueDocumentsSessionTrackedWithItsStates() throws Exception {
        String readme = readme();
        JsonNode schema = rowAndSchema(readme, EventType.SESSION_TRACKED, SessionTracked.class);
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        assertThat(enumOf(schema, "State")).isEqualTo(names(SessionTracked.State.values()));

        String section = section(readme, EventType.SESSION_TRACKED.topic());
        for (SessionTracked.State state : SessionTracked.State.values()) {
            assertThat(section).as("the section explains " + state).contains("`" + state.name() + "`");
        }
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + EventType.SESSION_TRACKED.topic()).isNotEmpty();
        for (String example : examples) {
            assertMatchesSchemaShape(example, schema, SessionTracked.class);
            SessionTracked tracked = strict.readValue(example, SessionTracked.class);
            assertThat(tracked.revision()).isPositive();
            assertThat(tracked.state()).isNotEqualTo(tracked.previousState());
            assertThat(section).as("the section names its example's key").contains("`" + tracked.key() + "`");
        }
        assertThat(section).contains("--topic " + EventType.SESSION_TRACKED.topic());
    }

    @Test
    void theCatalogueDocumentsSlaBreachedWithItsKinds() throws Exception {
        String readme = readme();
        JsonNode schema = rowAndSchema(readme, EventType.SLA_BREACHED, SlaBreached.class);
        assertThat(defProperties(schema, "Party")).isEqualTo(EventCatalogueDocs.jsonProperties(OcpiParty.class));
        assertThat(enumOf(schema, "Kind")).isEqualTo(names(SlaBreached.Kind.values()));

        String section = section(readme, EventType.SLA_BREACHED.topic());
        for (SlaBreached.Kind kind : SlaBreached.Kind.values()) {
            assertThat(section).as("the section explains " + kind)
                    .containsPattern("(?m)^\\| `" + kind.name() + "` \\| \\S");
        }
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + EventType.SLA_BREACHED.topic()).isNotEmpty();
        for (String example : examples) {
            assertMatchesSchemaShape(example, schema, SlaBreached.class);
            SlaBreached breach = strict.readValue(example, SlaBreached.class);
            if (breach.dueAt() != null) {
                assertThat(breach.detectedAt()).isAfterOrEqualTo(breach.dueAt());
            }
            assertThat(section).as("the section names its example's key").contains("`" + breach.key() + "`");
        }
        assertThat(section).contains("--topic " + EventType.SLA_BREACHED.topic());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** The table row names the type, the producer and the key, and links the schema; returns the checked schema. */
    private JsonNode rowAndSchema(String readme, EventType type, Class<?> payload) throws IOException {
        String row = readme.lines().filter(l -> l.startsWith("| `" + type.topic() + "` |")).findFirst().orElse(null);
        assertThat(row).as("table row of " + type.topic()).isNotNull()
                .contains("`" + type.type() + "`", "session-tracking", "`<cpo country_code>*<party_id>*<session id>`")
                .doesNotContain("not emitted yet");
        Matcher link = SCHEMA_LINK.matcher(row);
        assertThat(link.find()).as("schema link in the row of " + type.topic()).isTrue();
        assertThat(link.group(1)).isEqualTo(type.topic() + "." + payload.getSimpleName() + ".json");
        Path path = EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(link.group(1));
        assertThat(path).as("schema " + link.group(1)).exists();
        JsonNode schema = json.readTree(path.toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).endsWith("/" + link.group(1));
        assertThat(schema.path("title").asText()).isEqualTo(payload.getSimpleName());
        Set<String> properties = EventCatalogueDocs.jsonProperties(payload);
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties"))).as("schema properties").isEqualTo(properties);
        Set<String> required = required(schema);
        assertThat(properties).containsAll(required);
        Set<String> primitives = Arrays.stream(payload.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(EventCatalogueDocs::jsonName).collect(Collectors.toSet());
        assertThat(required).as("primitive fields are never null").containsAll(primitives);
        return schema;
    }

    /** The example names exactly the record's properties and leaves no required one null. */
    private void assertMatchesSchemaShape(String example, JsonNode schema, Class<?> payload) throws IOException {
        JsonNode tree = strict.readTree(example);
        assertThat(EventCatalogueDocs.fieldNames(tree)).as("fields of the " + payload.getSimpleName() + " example")
                .isEqualTo(EventCatalogueDocs.jsonProperties(payload));
        for (String required : required(schema)) {
            assertThat(tree.get(required).isNull()).as(payload.getSimpleName() + " example: required " + required).isFalse();
        }
    }

    private static SessionTracked tracked() {
        return new SessionTracked(CPO, "S-1", EMSP, SessionTracked.State.CDR_RECEIVED,
                SessionTracked.State.AWAITING_CDR, "COMPLETED", "AUTH-5531", "CMD-1", "AUTH-1", List.of("CDR-1"),
                Instant.parse("2026-11-24T21:09:40Z"), Instant.parse("2026-11-24T22:39:40Z"), new BigDecimal("16.5"), 4,
                AT);
    }

    private static SlaBreached breach() {
        return new SlaBreached("c1d7e5a2-93b4-4f60-8e2a-7b9c0d1e2f34", SlaBreached.Kind.CDR_OVERDUE, CPO, "S-1", EMSP,
                null, null, null, Instant.parse("2026-11-26T22:39:58.120Z"), Instant.parse("2026-11-26T22:40:12.004Z"),
                "no CDR for session S-1 within 48 h (agreement A) after the hub saw it end");
    }

    private static Set<String> enumOf(JsonNode schema, String def) {
        Set<String> values = new TreeSet<>();
        schema.path("$defs").path(def).path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
