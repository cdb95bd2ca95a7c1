package io.chargeclear.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.credentials.Credentials;
import io.chargeclear.model.ocpi.locations.Connector;
import io.chargeclear.model.ocpi.locations.EVSE;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.locations.Status;
import io.chargeclear.model.ocpi.sessions.Session;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tokens.Token;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OcpiBodies} against the official OCPI 2.2.1-d2 examples and against broken bodies. The examples are read in
 * place from shared-model's test resources (verbatim copies, CC BY-ND 4.0, see LICENSE-NOTE.txt there) and never
 * modified; variants are built in memory. The file → type mapping and the known defects of the examples follow
 * shared-model's {@code OfficialExamplesRoundTripTest}.
 */
class OcpiBodiesTest {

    /** Surefire runs with the module directory as working directory. */
    private static final Path EXAMPLES = Path.of("../../shared-model/src/test/resources/ocpi/examples/2.2.1-d2");

    /** Pinned so that a changed example set is noticed and classified, not silently ignored. */
    private static final int EXPECTED_FILE_COUNT = 59;

    private static final ObjectMapper MAPPER = OcpiJson.mapper();
    private static final Pattern FIELD = Pattern.compile("field '([^']*)' ([^;]*)");

    private static ValidatorFactory validatorFactory;
    private static OcpiBodies bodies;

    /** How the hub meets an example file. */
    enum Use {
        /** A complete object the hub accepts as a request body (PUT/POST). */
        COMPLETE,
        /** A PATCH body: changed top-level fields plus last_updated. */
        PATCH,
        /** A part of a Location used in the spec text; embedded into a complete location to be checked. */
        LOCATION_EXCERPT,
        /** A response body (versions, envelopes): the hub reads these from partners, it never accepts them. */
        NOT_A_REQUEST_BODY
    }

    record Example(Use use, Class<?> type) {
    }

    /**
     * What OcpiBodies makes of an example known to be defective (see shared-model's OfficialExamplesRoundTripTest).
     * {@code rejectedFields} are the JSON paths OcpiBodies must name, each with {@code rejectedMessage}; an empty set
     * means the defect is in the values only, which no schema can see, so the example is accepted.
     */
    record Defect(String reason, List<String> rejectedFields, String rejectedMessage) {
        static Defect acceptedDespite(String reason) {
            return new Defect(reason, List.of(), null);
        }
    }

    private static final Map<String, Defect> KNOWN_DEFECTS = Map.of(
            "tariff_put_example.json", new Defect(
                    "the PUT example omits last_updated, which Tariff requires",
                    List.of("last_updated"), "must not be null"),
            "location_put_example_add_evse.json", new Defect(
                    "physical_reference is the number 3 where OCPI has a string, which strict reading does not coerce"
                            + " (ADR 0015); the connector also lacks power_type, max_voltage, max_amperage and"
                            + " last_updated, and 'floor' is no EVSE field",
                    List.of("physical_reference"), "must be a String, not the JSON number 3"),
            "cdr_example.json", Defect.acceptedDespite(
                    "latitude and longitude of LOC1 are swapped and no period has an ENERGY dimension"),
            "session_example_2_short_finished.json", Defect.acceptedDespite(
                    "ENERGY volumes are in Wh while kwh is in kWh (ocpi/ocpi#465)"),
            "session_patch_example_charging_period.json", Defect.acceptedDespite(
                    "the appended ENERGY volume is in Wh (ocpi/ocpi#465)"));

    @BeforeAll
    static void startValidator() {
        assertThat(EXAMPLES)
                .as("official OCPI examples expected at %s (working directory %s)", EXAMPLES.toAbsolutePath().normalize(),
                        Path.of("").toAbsolutePath())
                .isDirectory();
        validatorFactory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        bodies = new OcpiBodies(validatorFactory.getValidator());
    }

    @AfterAll
    static void closeValidator() {
        if (validatorFactory != null) {
            validatorFactory.close();
        }
    }

    /** The use of an official example, decided from its file name like shared-model's round-trip test does. */
    static Optional<Example> exampleFor(String file) {
        if (file.startsWith("cdr_")) {
            return Optional.of(new Example(Use.COMPLETE, CDR.class));
        }
        if (file.startsWith("credentials_")) {
            return Optional.of(new Example(Use.COMPLETE, Credentials.class));
        }
        if (file.startsWith("location_patch_")) {
            return switch (file) {
                case "location_patch_example_location.json" -> Optional.of(new Example(Use.PATCH, Location.class));
                case "location_patch_example_remove_evse.json", "location_patch_example_status.json" ->
                        Optional.of(new Example(Use.PATCH, EVSE.class));
                case "location_patch_example_tariff.json" -> Optional.of(new Example(Use.PATCH, Connector.class));
                default -> Optional.empty();
            };
        }
        if (file.startsWith("location_put_")) {
            return Optional.of(new Example(Use.COMPLETE, EVSE.class));
        }
        if (file.startsWith("location_hours_") || file.startsWith("location_energymix_")
                || file.startsWith("location_regularhours_") || file.startsWith("type_displaytext_")) {
            return Optional.of(new Example(Use.LOCATION_EXCERPT, Location.class));
        }
        if (file.startsWith("location_")) {
            return Optional.of(new Example(Use.COMPLETE, Location.class));
        }
        if (file.startsWith("session_patch_")) {
            return Optional.of(new Example(Use.PATCH, Session.class));
        }
        if (file.startsWith("session_")) {
            return Optional.of(new Example(Use.COMPLETE, Session.class));
        }
        if (file.startsWith("tariff_") || file.startsWith("tariffrestriction_")) {
            return Optional.of(new Example(Use.COMPLETE, Tariff.class));
        }
        if (file.startsWith("token_patch_")) {
            return Optional.of(new Example(Use.PATCH, Token.class));
        }
        if (file.startsWith("token_")) {
            return Optional.of(new Example(Use.COMPLETE, Token.class));
        }
        if (file.startsWith("transport_and_format_") || file.startsWith("version_details_")
                || file.startsWith("versions_info_")) {
            return Optional.of(new Example(Use.NOT_A_REQUEST_BODY, null));
        }
        return Optional.empty();
    }

    static List<String> exampleFiles() {
        try (Stream<Path> paths = Files.list(EXAMPLES)) {
            return paths.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the official examples at " + EXAMPLES.toAbsolutePath(), e);
        }
    }

    static Stream<String> completeExamples() {
        return exampleFiles().stream().filter(file -> use(file) == Use.COMPLETE);
    }

    static Stream<String> patchExamples() {
        return exampleFiles().stream().filter(file -> use(file) == Use.PATCH);
    }

    static Stream<String> locationExcerpts() {
        return exampleFiles().stream().filter(file -> use(file) == Use.LOCATION_EXCERPT);
    }

    // ---------------------------------------------------------------- official examples

    @Test
    void everyOfficialExampleIsClassified() {
        List<String> files = exampleFiles();

        assertThat(files).as("official example files").hasSize(EXPECTED_FILE_COUNT);
        assertThat(files).as("files without a rule").filteredOn(file -> exampleFor(file).isEmpty()).isEmpty();
        assertThat(files).as("every known defect names a present file").containsAll(KNOWN_DEFECTS.keySet());
        assertThat(files.stream().filter(file -> use(file) == Use.COMPLETE))
                .as("complete request bodies among the examples")
                .contains("cdr_example.json", "credentials_example.json", "location_example.json",
                        "location_put_example_add_evse.json", "session_example_1_simple_start.json",
                        "tariff_1_simple_2hour.json", "token_put_example.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeExamples")
    void completeExampleIsAcceptedOrRejectedForExactlyItsKnownDefect(String file) {
        Class<?> type = exampleFor(file).orElseThrow().type();
        String json = example(file);
        Defect defect = KNOWN_DEFECTS.get(file);

        if (defect == null || defect.rejectedFields().isEmpty()) {
            Object parsed = bodies.read(json, type);
            assertThat(parsed).as("%s read as %s", file, type.getSimpleName()).isInstanceOf(type);
            return;
        }
        OcpiException refused = rejected(() -> bodies.read(json, type));
        List<String[]> named = namedFields(refused.getMessage());
        assertThat(named).as("%s is defective (%s): %s", file, defect.reason(), refused.getMessage())
                .extracting(pair -> withoutIndexes(pair[0]))
                .containsExactlyInAnyOrderElementsOf(defect.rejectedFields().stream()
                        .map(OcpiBodiesTest::withoutIndexes).toList());
        assertThat(named).extracting(pair -> pair[1]).containsOnly(defect.rejectedMessage());
    }

    @Test
    void tariffPutExampleIsRefusedForItsMissingLastUpdatedAlone() {
        OcpiException refused = rejected(() -> bodies.read(example("tariff_put_example.json"), Tariff.class));

        assertThat(refused.getMessage()).isEqualTo("field 'last_updated' must not be null");
    }

    @Test
    void cdrExampleIsAcceptedAlthoughItsCoordinatesAreSwapped() {
        CDR cdr = bodies.read(example("cdr_example.json"), CDR.class);
        Location location = bodies.read(example("location_example.json"), Location.class);

        assertThat(cdr.cdrLocation().id()).isEqualTo(location.id());
        assertThat(cdr.cdrLocation().coordinates().latitude()).isEqualTo(location.coordinates().longitude());
        assertThat(cdr.cdrLocation().coordinates().longitude()).isEqualTo(location.coordinates().latitude());
    }

    @Test
    void evsePutExampleNamesTheMissingConnectorFieldsByTheirJsonPath() {
        ObjectNode evse = object("location_put_example_add_evse.json").put("physical_reference", "3");
        OcpiException refused = rejected(() -> bodies.read(evse.toString(), EVSE.class));

        assertThat(refused.getMessage()).isEqualTo("field 'connectors[0].last_updated' must not be null; "
                + "field 'connectors[0].max_amperage' must not be null; "
                + "field 'connectors[0].max_voltage' must not be null; "
                + "field 'connectors[0].power_type' must not be null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patchExamples")
    void patchExampleIsAJsonObjectWithLastUpdatedButNoCompleteObject(String file) {
        Class<?> type = exampleFor(file).orElseThrow().type();

        ObjectNode patch = bodies.object(example(file));

        assertThat(patch.path("last_updated").isTextual()).as("%s carries last_updated", file).isTrue();
        assertThat(ObjectMerge.lastUpdated(patch)).as("%s: last_updated readable", file).isNotNull();
        rejected(() -> bodies.read(patch, type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patchExamples")
    void patchExampleAppliedToAMatchingCompleteExampleIsAccepted(String file) {
        ObjectNode patch = bodies.object(example(file));

        switch (file) {
            case "location_patch_example_location.json" -> {
                Location merged = bodies.read(ObjectMerge.patch(object("location_example.json"), patch, false),
                        Location.class);
                assertThat(merged.name()).isEqualTo("Interparking Gent Zuid");
                assertThat(merged.evses()).hasSize(2);
            }
            case "location_patch_example_status.json", "location_patch_example_remove_evse.json" -> {
                ObjectNode next = ObjectMerge.patchEvse(object("location_example.json"), "3256", patch);
                assertThat(next).isNotNull();
                Location merged = bodies.read(next, Location.class);
                assertThat(merged.evses().get(0).status()).isEqualTo(Status.valueOf(patch.get("status").asText()));
                assertThat(merged.evses().get(0).connectors()).hasSize(2);
                assertThat(merged.lastUpdated()).isEqualTo(ObjectMerge.lastUpdated(patch));
            }
            case "location_patch_example_tariff.json" -> {
                ObjectNode next = ObjectMerge.patchConnector(object("location_example.json"), "3256", "1", patch);
                assertThat(next).isNotNull();
                Location merged = bodies.read(next, Location.class);
                assertThat(merged.evses().get(0).connectors().get(0).tariffIds()).containsExactly("15");
                assertThat(merged.lastUpdated()).isEqualTo(ObjectMerge.lastUpdated(patch));
            }
            case "session_patch_example_charging_period.json", "session_patch_example_total_cost.json" -> {
                Session merged = bodies.read(ObjectMerge.patch(object("session_example_1_simple_start.json"), patch,
                        true), Session.class);
                assertThat(merged.lastUpdated()).isEqualTo(ObjectMerge.lastUpdated(patch));
                assertThat(merged.chargingPeriods() == null ? 0 : merged.chargingPeriods().size())
                        .isEqualTo(patch.path("charging_periods").size());
            }
            case "token_patch_example.json" -> {
                Token merged = bodies.read(ObjectMerge.patch(object("token_example_1_app_user.json"), patch, false),
                        Token.class);
                assertThat(merged.valid()).isFalse();
            }
            default -> throw new AssertionError("no complete example to apply " + file + " to");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locationExcerpts")
    void locationExcerptEmbeddedInACompleteLocationIsAccepted(String file) {
        ObjectNode excerpt = bodies.object(example(file));
        ObjectNode location = object("location_example.json");
        if (file.startsWith("location_hours_")) {
            location.set("opening_times", excerpt);
        } else if (file.startsWith("type_displaytext_")) {
            location.putArray("directions").add(excerpt);
        } else {
            location.setAll(excerpt);
        }

        assertThat(bodies.read(location, Location.class)).isNotNull();
        rejected(() -> bodies.read(excerpt, Location.class));
    }

    // ---------------------------------------------------------------- broken bodies

    @Test
    void malformedJsonIsRefused() {
        OcpiException refused = rejected(() -> bodies.read("{\"country_code\": \"BE\",", Location.class));

        assertThat(refused.getMessage()).startsWith("malformed JSON");
    }

    @Test
    void malformedJsonIsRefusedAsAnObjectToo() {
        OcpiException refused = rejected(() -> bodies.object("{'single': 'quotes'}"));

        assertThat(refused.getMessage()).startsWith("malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"}", " trailing", " {}"})
    void contentAfterTheObjectIsMalformedJson(String trailing) {
        String body = example("location_example.json") + trailing;

        OcpiException refused = rejected(() -> bodies.read(body, Location.class));

        assertThat(refused.getMessage()).startsWith("malformed JSON");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        ObjectNode location = object("location_example.json");
        location.remove("city");

        OcpiException refused = rejected(() -> bodies.read(location.toString(), Location.class));

        assertThat(refused.getMessage()).contains("city").isEqualTo("field 'city' must not be null");
    }

    @Test
    void nullForARequiredFieldIsNamed() {
        ObjectNode location = object("location_example.json");
        location.putNull("time_zone");

        assertThat(rejected(() -> bodies.read(location.toString(), Location.class)).getMessage())
                .isEqualTo("field 'time_zone' must not be null");
    }

    @Test
    void everyMissingRequiredFieldIsNamedByItsJsonName() {
        ObjectNode location = object("location_example.json");
        location.remove(List.of("country_code", "party_id", "time_zone", "last_updated"));

        String message = rejected(() -> bodies.read(location.toString(), Location.class)).getMessage();

        assertThat(namedFields(message)).extracting(pair -> pair[0])
                .containsExactlyInAnyOrder("country_code", "party_id", "time_zone", "last_updated");
        assertThat(message).doesNotContain("countryCode", "partyId", "timeZone", "lastUpdated");
    }

    @Test
    void wrongEnumDeepInTheTreeIsNamedByItsPath() {
        ObjectNode location = object("location_example.json");
        ((ObjectNode) location.get("evses").get(0)).put("status", "SLEEPING");

        OcpiException refused = rejected(() -> bodies.read(location.toString(), Location.class));

        assertThat(refused.getMessage()).contains("evses[0].status").contains("SLEEPING");
    }

    @Test
    void wrongTypeDeepInTheTreeIsNamedByItsPath() {
        ObjectNode location = object("location_example.json");
        ((ObjectNode) location.get("evses").get(1).get("connectors").get(0)).put("max_voltage", "high");

        OcpiException refused = rejected(() -> bodies.read(location.toString(), Location.class));

        assertThat(refused.getMessage()).contains("evses[1].connectors[0].max_voltage");
    }

    @Test
    void objectWhereAStringBelongsIsRefused() {
        ObjectNode location = object("location_example.json");
        location.putObject("city").put("name", "Gent");

        assertThat(rejected(() -> bodies.read(location.toString(), Location.class)).getMessage()).contains("city");
    }

    @Test
    void unreadableDateTimeIsNamed() {
        ObjectNode location = object("location_example.json");
        location.put("last_updated", "yesterday");

        assertThat(rejected(() -> bodies.read(location.toString(), Location.class)).getMessage())
                .contains("last_updated").contains("yesterday");
    }

    @Test
    void oversizeStringIsNamed() {
        ObjectNode location = object("location_example.json");
        location.put("city", "x".repeat(46));

        OcpiException refused = rejected(() -> bodies.read(location.toString(), Location.class));

        assertThat(refused.getMessage()).contains("city").startsWith("field 'city' size must be between 0 and 45");
    }

    @Test
    void stringOfExactlyTheMaximumLengthIsAccepted() {
        ObjectNode location = object("location_example.json");
        location.put("city", "x".repeat(45));

        assertThat(bodies.read(location.toString(), Location.class).city()).hasSize(45);
    }

    @Test
    void patternViolationInANestedObjectIsNamedByItsPath() {
        ObjectNode location = object("location_example.json");
        ((ObjectNode) location.get("coordinates")).put("latitude", "51.0");

        assertThat(rejected(() -> bodies.read(location.toString(), Location.class)).getMessage())
                .startsWith("field 'coordinates.latitude' must match");
    }

    @Test
    void constraintInsideAListElementNamesTheListAndTheField() {
        ObjectNode location = object("location_example.json");
        ((ObjectNode) location.get("evses").get(0).get("connectors").get(1)).remove("max_voltage");

        String message = rejected(() -> bodies.read(location.toString(), Location.class)).getMessage();

        assertThat(namedFields(message)).hasSize(1);
        assertThat(withoutIndexes(namedFields(message).get(0)[0])).isEqualTo("evses.connectors.max_voltage");
    }

    @Test
    void constraintInsideAListElementIsNamedByItsJsonPath() {
        ObjectNode location = object("location_example.json");
        ((ObjectNode) location.get("evses").get(0).get("connectors").get(1)).remove("max_voltage");
        ((ObjectNode) location.get("evses").get(1)).put("uid", "u".repeat(37));
        ((ArrayNode) location.get("evses").get(0).get("connectors").get(0).get("tariff_ids")).add("t".repeat(37));

        // the tree as a PATCH merge produces it: Bean Validation names every violation at once
        String message = rejected(() -> bodies.read(location, Location.class)).getMessage();

        assertThat(namedFields(message)).extracting(pair -> pair[0]).containsExactlyInAnyOrder(
                "evses[0].connectors[1].max_voltage", "evses[1].uid", "evses[0].connectors[0].tariff_ids[1]");
        // as a request body the ids are refused first, before the object is mapped (ADR 0015)
        String body = rejected(() -> bodies.read(location.toString(), Location.class)).getMessage();
        assertThat(namedFields(body)).extracting(pair -> pair[0]).containsExactlyInAnyOrder(
                "evses[0].connectors[0].tariff_ids[1]", "evses[1].uid");
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode location = object("location_example.json");
        location.put("x_vendor_extension", 42);
        ((ObjectNode) location.get("evses").get(0)).putObject("x_nested").put("a", true);

        assertThat(bodies.read(location.toString(), Location.class).id()).isEqualTo("LOC1");
    }

    @Test
    void arrayBodyIsRefused() {
        OcpiException refused = rejected(() -> bodies.read("[" + example("location_example.json") + "]",
                Location.class));

        assertThat(refused.getMessage()).contains("JSON object");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "\n\t"})
    void emptyBodyIsRefused(String body) {
        OcpiException refused = rejected(() -> bodies.read(body, Location.class));

        assertThat(refused.getMessage()).contains("empty");
    }

    @Test
    void nullBodyIsRefused() {
        rejected(() -> bodies.read((String) null, Location.class));
        rejected(() -> bodies.object(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "42", "\"a string\"", "true"})
    void scalarBodyIsRefused(String body) {
        OcpiException refused = rejected(() -> bodies.read(body, Location.class));

        assertThat(refused.getMessage()).contains("JSON object");
    }

    @Test
    void emptyObjectNamesEveryRequiredField() {
        String message = rejected(() -> bodies.read("{}", Token.class)).getMessage();

        assertThat(namedFields(message)).extracting(pair -> pair[0]).containsExactlyInAnyOrder("country_code",
                "party_id", "uid", "type", "contract_id", "issuer", "valid", "whitelist", "last_updated");
    }

    @Test
    void invalidHelperIsTheOcpiClientError() {
        OcpiException invalid = OcpiBodies.invalid("field 'x' is wrong");

        assertThat(invalid.status().code()).isEqualTo(2001);
        assertThat(invalid.http().getStatusCode()).isEqualTo(400);
        assertThat(invalid).hasMessage("field 'x' is wrong");
    }

    // ---------------------------------------------------------------- helpers

    private static Use use(String file) {
        return exampleFor(file).map(Example::use).orElse(null);
    }

    private static String example(String file) {
        Path path = EXAMPLES.resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("official example missing: " + path.toAbsolutePath().normalize(), e);
        }
    }

    /** A fresh, mutable tree of an example; the file itself is never touched. */
    private static ObjectNode object(String file) {
        try {
            JsonNode node = MAPPER.readTree(example(file));
            assertThat(node).as("%s is a JSON object", file).isInstanceOf(ObjectNode.class);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The refusal thrown by {@code call}, checked to be OCPI 2001 with HTTP 400. */
    private static OcpiException rejected(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("refused with an OcpiException").isInstanceOf(OcpiException.class);
        OcpiException refused = (OcpiException) thrown;
        assertThat(refused.status().code()).as("OCPI status of: %s", refused.getMessage()).isEqualTo(2001);
        assertThat(refused.http().getStatusCode()).as("HTTP status of: %s", refused.getMessage()).isEqualTo(400);
        assertThat(refused.getMessage()).isNotBlank();
        return refused;
    }

    /** The (path, problem) pairs of a Bean Validation refusal: "field 'a.b' must not be null; field 'c' ...". */
    private static List<String[]> namedFields(String message) {
        List<String[]> named = new ArrayList<>();
        Matcher matcher = FIELD.matcher(message);
        while (matcher.find()) {
            named.add(new String[] {matcher.group(1), matcher.group(2).trim()});
        }
        return named;
    }

    private static String withoutIndexes(String path) {
        return path.replaceAll("\\[\\d+]", "");
    }
}
