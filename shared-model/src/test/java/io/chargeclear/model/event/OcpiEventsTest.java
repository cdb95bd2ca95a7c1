package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCPI event contracts: their JSON shape, the object key, and that docs/events/README.md (examples, table
 * rows) and the JSON Schemas under docs/events/schemas/ describe exactly these records.
 */
class OcpiEventsTest {

    private static final Set<Class<?>> OCPI_PAYLOADS =
            Set.of(OcpiObjectChanged.class, CommandExchanged.class, AuthorizationDecided.class, DeliveryRequested.class);
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z]+(_[a-z]+)*");
    private static final Pattern SCHEMA_LINK = Pattern.compile("\\(schemas/([A-Za-z0-9.]+\\.json)\\)");

    private final ObjectMapper json = EventCatalogueDocs.mapper();
    private final ObjectMapper strict = EventCatalogueDocs.strictMapper();

    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    private static final Instant AT = Instant.parse("2026-11-24T21:10:00.123456Z");

    // --- payload records --------------------------------------------------------------------------------------

    @Test
    void objectChangedUsesSnakeCaseAndRoundTrips() throws Exception {
        OcpiObjectChanged event = new OcpiObjectChanged("sessions", CPO, "S-1", null, "PATCH",
                json.readTree("{\"id\":\"S-1\",\"kwh\":1.2,\"status\":\"ACTIVE\"}"), EMSP, "p-cpo",
                Instant.parse("2026-11-24T21:09:58Z"), AT, "2.2.1");
        String written = json.writeValueAsString(event);
        assertSnakeCase(written, OcpiObjectChanged.class);
        assertThat(written).contains("\"object_id\":\"S-1\"", "\"owner\":{\"country_code\":\"NL\",\"party_id\":\"CP1\"}",
                "\"recipient\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"}", "\"sender_platform\":\"p-cpo\"",
                "\"object\":{\"id\":\"S-1\",\"kwh\":1.2,\"status\":\"ACTIVE\"}", "\"token_type\":null",
                "\"last_updated\":\"2026-11-24T21:09:58Z\"", "\"received_at\":\"2026-11-24T21:10:00.123456Z\"");
        assertThat(json.readValue(written, OcpiObjectChanged.class)).isEqualTo(event);
    }

    @Test
    void tariffDeletionCarriesANullObjectOnTheWire() throws Exception {
        OcpiObjectChanged deleted = new OcpiObjectChanged("tariffs", CPO, "AC22", null, "DELETE", null, null,
                "p-cpo", AT, AT, "2.2.1");
        String written = json.writeValueAsString(deleted);
        assertThat(written).contains("\"operation\":\"DELETE\"", "\"object\":null");
        // Compared on the wire: a JSON null read into a JsonNode component may come back as NullNode.
        OcpiObjectChanged read = json.readValue(written, OcpiObjectChanged.class);
        assertThat(read.object() == null || read.object().isNull()).isTrue();
        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(written));
    }

    @Test
    void commandStepsUseSnakeCaseAndRoundTrip() throws Exception {
        CommandExchanged requested = new CommandExchanged("c-1", "commands", "START_SESSION", EMSP, CPO,
                json.readTree("{\"response_url\":\"https://msp.example/cmd/1\",\"location_id\":\"LOC1\"}"),
                json.readTree("{\"result\":\"ACCEPTED\",\"timeout\":30}"),
                json.readTree("{\"result\":\"ACCEPTED\"}"), 1000, AT);
        String written = json.writeValueAsString(requested);
        assertSnakeCase(written, CommandExchanged.class);
        assertThat(written).contains("\"command_id\":\"c-1\"", "\"hub_status\":1000",
                "\"emsp\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"}", "\"occurred_at\":\"2026-11-24T21:10:00.123456Z\"",
                "\"response\":{\"result\":\"ACCEPTED\",\"timeout\":30}");
        assertThat(json.readValue(written, CommandExchanged.class)).isEqualTo(requested);

        CommandExchanged result = new CommandExchanged("c-1", "commands", "START_SESSION", EMSP, CPO, null, null,
                json.readTree("{\"result\":\"ACCEPTED\"}"), 1000, AT);
        String resultWritten = json.writeValueAsString(result);
        assertThat(resultWritten).contains("\"command_id\":\"c-1\"", "\"request\":null", "\"result\":{\"result\":\"ACCEPTED\"}");
        assertThat(json.readTree(json.writeValueAsString(json.readValue(resultWritten, CommandExchanged.class))))
                .isEqualTo(json.readTree(resultWritten));
    }

    @Test
    void authorizationUsesSnakeCaseAndRoundTrips() throws Exception {
        AuthorizationDecided answered = new AuthorizationDecided("a-1", CPO, EMSP, "04A1B2C3D4E5F6", "RFID", "LOC1",
                "ALLOWED", "AUTH-1", 1000, 312L, json.readTree("{\"allowed\":\"ALLOWED\"}"), AT);
        String written = json.writeValueAsString(answered);
        assertSnakeCase(written, AuthorizationDecided.class);
        assertThat(written).contains("\"authorization_id\":\"a-1\"", "\"token_uid\":\"04A1B2C3D4E5F6\"",
                "\"token_type\":\"RFID\"", "\"location_id\":\"LOC1\"", "\"authorization_reference\":\"AUTH-1\"",
                "\"ocpi_status\":1000", "\"latency_ms\":312", "\"decided_at\":\"2026-11-24T21:10:00.123456Z\"");
        assertThat(json.readValue(written, AuthorizationDecided.class)).isEqualTo(answered);

        AuthorizationDecided refused = new AuthorizationDecided("a-2", CPO, null, "UNKNOWN1", "RFID", null, null, null,
                4001, null, null, AT);
        String refusedWritten = json.writeValueAsString(refused);
        assertThat(refusedWritten).contains("\"emsp\":null", "\"latency_ms\":null", "\"ocpi_status\":4001");
        AuthorizationDecided read = json.readValue(refusedWritten, AuthorizationDecided.class);
        assertThat(read.emsp()).isNull();
        assertThat(read.latencyMs()).isNull();
        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(refusedWritten));
    }

    @Test
    void deliveryUsesSnakeCaseAndRoundTrips() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OCPI-to-country-code", "DE");
        headers.put("OCPI-to-party-id", "MSP");
        headers.put("X-Correlation-ID", "corr-1");
        DeliveryRequested delivery = new DeliveryRequested("d-1", "p-msp", "locations", "RECEIVER", "NL/CP1/LOC1/3256",
                null, "PATCH", headers, "{\"status\":\"CHARGING\"}", "locations:NL*CP1*LOC1", AT, "2.2.1");
        String written = json.writeValueAsString(delivery);
        assertSnakeCase(written, DeliveryRequested.class);
        assertThat(written).contains("\"delivery_id\":\"d-1\"", "\"receiver_platform\":\"p-msp\"",
                "\"interface_role\":\"RECEIVER\"", "\"object_key\":\"locations:NL*CP1*LOC1\"",
                "\"X-Correlation-ID\":\"corr-1\"", "\"body\":\"{\\\"status\\\":\\\"CHARGING\\\"}\"",
                "\"requested_at\":\"2026-11-24T21:10:00.123456Z\"");
        assertThat(json.readValue(written, DeliveryRequested.class)).isEqualTo(delivery);
    }

    @Test
    void theKeyNamesOwnerAndObjectAndATokensType() {
        OcpiObjectChanged location = new OcpiObjectChanged("locations", CPO, "LOC1", null, "PUT", null, null, "p",
                AT, AT, null);
        OcpiObjectChanged rfid = new OcpiObjectChanged("tokens", EMSP, "04A1", "RFID", "PUT", null, null, "p", AT, AT,
                null);
        OcpiObjectChanged app = new OcpiObjectChanged("tokens", EMSP, "04A1", "APP_USER", "PUT", null, null, "p", AT,
                AT, null);
        assertThat(location.key()).isEqualTo("NL*CP1*LOC1").doesNotContain("null");
        assertThat(rfid.key()).isEqualTo("DE*MSP*04A1*RFID");
        assertThat(app.key()).isNotEqualTo(rfid.key());
        assertThat(CPO).hasToString("NL*CP1");
    }

    @Test
    void everyOcpiTypeTravelsOnAnOcpiTopicWithOnePayloadPerTopic() {
        assertThat(ocpiTopics()).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic).startsWith("ocpi.");
            assertThat(payloadsOf(topic)).as("payload records on " + topic).hasSize(1);
        });
    }

    // --- docs/events: examples and schemas --------------------------------------------------------------------

    static Stream<String> ocpiTopics() {
        return Arrays.stream(EventType.values()).filter(t -> OCPI_PAYLOADS.contains(t.payloadType()))
                .map(EventType::topic).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ocpiTopics")
    void theCatalogueDocumentsTheTopicWithExamplesThatParseIntoItsRecord(String topic) throws Exception {
        String readme = Files.readString(EventCatalogueDocs.repoRoot().resolve("docs/events/README.md"), StandardCharsets.UTF_8);
        Class<?> payload = payloadsOf(topic).iterator().next();
        Set<String> properties = EventCatalogueDocs.jsonProperties(payload);

        String row = readme.lines().filter(l -> l.startsWith("| `" + topic + "` |")).findFirst().orElse(null);
        assertThat(row).as("table row of " + topic).isNotNull();
        Matcher link = SCHEMA_LINK.matcher(row);
        assertThat(link.find()).as("schema link in the row of " + topic).isTrue();
        JsonNode schema = schema(link.group(1), payload, properties);

        String section = EventCatalogueDocs.sections(readme).get("`" + topic + "`");
        assertThat(section).as("section '## `" + topic + "`'").isNotNull();
        List<String> examples = EventCatalogueDocs.jsonBlocks(section);
        assertThat(examples).as("JSON examples under " + topic).isNotEmpty();
        for (String example : examples) {
            JsonNode tree = strict.readTree(example);
            assertThat(EventCatalogueDocs.fieldNames(tree)).as("fields of the " + topic + " example").isEqualTo(properties);
            for (JsonNode required : schema.get("required")) {
                assertThat(tree.get(required.asText()).isNull()).as(topic + " example: required " + required).isFalse();
            }
            Object parsed = strict.readValue(example, payload);
            if (parsed instanceof OcpiObjectChanged changed) {
                assertObjectMatchesItsEnvelope(topic, changed, section);
            }
        }
    }

    /** module, owner, id and type must agree with the OCPI object they describe; the section names the key. */
    private static void assertObjectMatchesItsEnvelope(String topic, OcpiObjectChanged changed, String section) {
        Set<String> modules = switch (topic) {
            case Topics.OCPI_PAYMENT -> Set.of("terminals", "financial-advice-confirmations");
            case Topics.OCPI_INVOICE_RECONCILIATION -> Set.of("invoicereconciliation");
            default -> Set.of(topic.split("\\.")[1] + "s");
        };
        assertThat(modules).contains(changed.module());
        boolean token = changed.module().equals("tokens");
        // payments objects have no country_code/party_id: their owner is the provider that sent them
        boolean payments = topic.equals(Topics.OCPI_PAYMENT);
        assertThat(changed.tokenType() != null).as("token_type set only on tokens").isEqualTo(token);
        JsonNode object = changed.object();
        if (object != null && !object.isNull()) {
            if (!payments) {
                assertThat(object.path("country_code").asText()).isEqualTo(changed.owner().countryCode());
                assertThat(object.path("party_id").asText()).isEqualTo(changed.owner().partyId());
            }
            String idField = token ? "uid" : changed.module().equals("terminals") ? "terminal_id" : "id";
            assertThat(object.path(idField).asText()).isEqualTo(changed.objectId());
            if (token) {
                assertThat(object.path("type").asText()).isEqualTo(changed.tokenType());
            }
            assertThat(changed.lastUpdated()).isEqualTo(Instant.parse(object.path("last_updated").asText()));
        }
        assertThat(section).as("the " + topic + " section names its example's key").contains("`" + changed.key() + "`");
    }

    /** The schema file exists, is draft 2020-12, is titled after the record and names exactly its properties. */
    private JsonNode schema(String file, Class<?> payload, Set<String> properties) throws IOException {
        Path path = EventCatalogueDocs.repoRoot().resolve("docs/events/schemas").resolve(file);
        assertThat(path).as("schema " + file).exists();
        JsonNode schema = json.readTree(path.toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).endsWith("/" + file);
        assertThat(schema.path("title").asText()).isEqualTo(payload.getSimpleName());
        assertThat(EventCatalogueDocs.fieldNames(schema.get("properties"))).as(file + " properties").isEqualTo(properties);
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertThat(properties).as(file + " required").containsAll(required);
        Set<String> primitives = Arrays.stream(payload.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(EventCatalogueDocs::jsonName).collect(Collectors.toSet());
        assertThat(required).as(file + ": primitive fields are never null").containsAll(primitives);
        return schema;
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void assertSnakeCase(String written, Class<?> payload) throws IOException {
        Set<String> names = EventCatalogueDocs.fieldNames(json.readTree(written));
        assertThat(names).isEqualTo(EventCatalogueDocs.jsonProperties(payload)).allMatch(n -> SNAKE_CASE.matcher(n).matches());
    }

    private static Set<Class<?>> payloadsOf(String topic) {
        return Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic))
                .map(EventType::payloadType).collect(Collectors.toSet());
    }

}
