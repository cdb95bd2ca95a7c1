package io.chargeclear.model.ocpi.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.JsonTreeComparator;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.versions.ModuleID;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The translation against the official OCPI examples: each 2.2.1-d2 example that has a 2.3.0-ed2 counterpart must
 * become exactly that counterpart, and back. Numbers compare by value, DateTimes by instant (as peers see them).
 */
class OfficialExamplesTranslationTest {

    private static final ObjectMapper MAPPER = OcpiTrees.mapper();
    private static final String V221 = "ocpi/examples/2.2.1-d2";
    private static final String V230 = "ocpi/examples/2.3.0-ed2-core";

    /** Tariffs that exist only in 2.3.0: North American exclusive (19) and inclusive (20) taxes. */
    private static final Set<String> ONLY_IN_230 = Set.of(
            "tariff_19_simple_north_american_exclusive.json", "tariff_20_simple_north_american_inclusive.json");

    static Stream<String> tariffAndSession221() {
        return files(V221).filter(name -> name.startsWith("tariff_") || name.startsWith("session_"));
    }

    static Stream<String> tariffAndSession230() {
        return files(V230).filter(name -> name.startsWith("tariff_") || name.startsWith("session_"));
    }

    /** Every 2.2.1 example of the modules the translation touches. */
    static Stream<String> roamingObjects221() {
        return files(V221).filter(OfficialExamplesTranslationTest::isRoamingObject);
    }

    static Stream<String> roamingObjects221WithoutHoursFragments() {
        return roamingObjects221().filter(name -> !name.startsWith("location_hours_"));
    }

    static Stream<String> roamingObjects230() {
        return files(V230).filter(OfficialExamplesTranslationTest::isRoamingObject);
    }

    static Stream<String> locations230() {
        return files(V230).filter(name -> name.startsWith("location_") && !name.contains("patch"));
    }

    @ParameterizedTest
    @MethodSource("tariffAndSession221")
    void a_221_tariff_or_session_reaches_a_230_receiver_as_the_official_230_example(String file) {
        ModuleID module = moduleOf(file);
        JsonNode canonical = OcpiVersionTranslator.toCanonical(module, OcpiVersion.V2_2_1, read(V221, file));

        RenderResult result = OcpiVersionTranslator.render(module, canonical, OcpiVersion.V2_3_0,
                RenderOptions.defaults());

        assertThat(result.losses()).isEmpty();
        assertThat(JsonTreeComparator.differences(read(V230, file), result.rendered().orElseThrow()))
                .as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tariffAndSession230")
    void a_230_tariff_or_session_reaches_a_221_receiver_as_the_official_221_example(String file) {
        ModuleID module = moduleOf(file);
        JsonNode canonical = OcpiVersionTranslator.toCanonical(module, OcpiVersion.V2_3_0, read(V230, file));

        RenderResult result = OcpiVersionTranslator.render(module, canonical, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        if (file.startsWith("tariff_20_")) {
            // V8: tax_included YES has no 2.2.1 form (L2); withheld by default.
            assertThat(result.isWithheld()).isTrue();
            assertThat(result.withheldReason()).hasValueSatisfying(reason -> assertThat(reason).contains("YES"));
            assertThat(result.losses()).extracting(Loss::code).containsExactly(Loss.Code.INCLUSIVE_TARIFF_WITHHELD);
        } else if (file.startsWith("tariff_19_")) {
            // V8: exclusive North American tariff forwarded without tax_included.
            ObjectNode expected = read(V230, file).deepCopy();
            expected.remove("tax_included");
            assertThat(result.losses()).isEmpty();
            assertThat(JsonTreeComparator.differences(expected, result.rendered().orElseThrow())).isEmpty();
        } else {
            assertThat(ONLY_IN_230).doesNotContain(file);
            assertThat(result.losses()).isEmpty();
            assertThat(JsonTreeComparator.differences(read(V221, file), result.rendered().orElseThrow()))
                    .as(file).isEmpty();
        }
    }

    @Test
    void the_cdr_example_prices_match_in_both_directions_and_only_dates_differ() {
        JsonNode cdr221 = read(V221, "cdr_example.json");
        JsonNode cdr230 = read(V230, "cdr_example.json");

        JsonNode up = OcpiVersionTranslator.render(ModuleID.CDRS,
                        OcpiVersionTranslator.toCanonical(ModuleID.CDRS, OcpiVersion.V2_2_1, cdr221),
                        OcpiVersion.V2_3_0, RenderOptions.defaults())
                .rendered().orElseThrow();
        RenderResult down = OcpiVersionTranslator.render(ModuleID.CDRS,
                OcpiVersionTranslator.toCanonical(ModuleID.CDRS, OcpiVersion.V2_3_0, cdr230),
                OcpiVersion.V2_2_1, RenderOptions.defaults());

        for (String price : List.of("total_cost", "total_energy_cost", "total_fixed_cost", "total_parking_cost",
                "total_time_cost", "total_reservation_cost")) {
            assertThat(JsonTreeComparator.differences(cdr230.path(price), up.path(price))).as(price).isEmpty();
            assertThat(JsonTreeComparator.differences(cdr221.path(price),
                    down.rendered().orElseThrow().path(price))).as(price).isEmpty();
        }
        assertThat(cdr230.has("total_cost")).isTrue();
        // Everything else differs only in the example's dates; the embedded tariff gains the required
        // tax_included "NO" in 2.3.0 (the official 2.3.0 example omits it).
        assertThat(withoutDates(JsonTreeComparator.differences(cdr230, up)))
                .containsExactly("/tariffs/0/tax_included: added by round trip (\"NO\")");
        assertThat(withoutDates(JsonTreeComparator.differences(cdr221, down.rendered().orElseThrow()))).isEmpty();
        assertThat(down.losses()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("roamingObjects221")
    void a_221_object_round_trips_through_the_canonical_form_unchanged(String file) {
        ModuleID module = moduleOf(file);
        JsonNode original = read(V221, file);

        JsonNode canonical = OcpiVersionTranslator.toCanonical(module, OcpiVersion.V2_2_1, original);
        RenderResult back = OcpiVersionTranslator.render(module, canonical, OcpiVersion.V2_2_1,
                RenderOptions.forSource(OcpiVersion.V2_2_1));

        assertThat(back.losses()).as(file).isEmpty();
        assertThat(JsonTreeComparator.differences(original, back.rendered().orElseThrow())).as(file).isEmpty();
        assertThat(original).as("input left untouched").isEqualTo(read(V221, file));
    }

    /**
     * Under the default policy (sender's version not known) only what 2.2.1 does not define is stripped: the
     * add-EVSE example's misspelt {@code floor} (the field is {@code floor_level}); the opening-hours examples are
     * Hours fragments, not Location objects, so they are no input for a Location render.
     */
    @ParameterizedTest
    @MethodSource("roamingObjects221WithoutHoursFragments")
    void a_221_object_loses_nothing_2_2_1_defines_under_the_default_policy(String file) {
        ModuleID module = moduleOf(file);
        JsonNode original = read(V221, file);

        RenderResult back = OcpiVersionTranslator.render(module,
                OcpiVersionTranslator.toCanonical(module, OcpiVersion.V2_2_1, original), OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        if (file.equals("location_put_example_add_evse.json")) {
            assertThat(back.losses()).containsExactly(new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/floor", ""));
            assertThat(JsonTreeComparator.differences(original, back.rendered().orElseThrow()))
                    .containsExactly("/floor: missing after round trip (was -1)");
        } else {
            assertThat(back.losses()).as(file).isEmpty();
            assertThat(JsonTreeComparator.differences(original, back.rendered().orElseThrow())).as(file).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("roamingObjects230")
    void a_230_object_reaches_a_230_receiver_verbatim(String file) {
        ModuleID module = moduleOf(file);
        JsonNode original = read(V230, file);

        RenderResult result = OcpiVersionTranslator.render(module,
                OcpiVersionTranslator.toCanonical(module, OcpiVersion.V2_3_0, original), OcpiVersion.V2_3_0,
                RenderOptions.defaults());

        assertThat(result.losses()).isEmpty();
        assertThat(result.rendered()).contains(original);
    }

    @ParameterizedTest
    @MethodSource("locations230")
    void a_230_location_rendered_for_221_is_a_valid_221_location(String file) throws IOException {
        JsonNode canonical = OcpiVersionTranslator.toCanonical(ModuleID.LOCATIONS, OcpiVersion.V2_3_0,
                read(V230, file));

        RenderResult result = OcpiVersionTranslator.render(ModuleID.LOCATIONS, canonical, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        ObjectMapper strict = OcpiJson.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode rendered = result.rendered().orElseThrow();
        if (rendered.has("evses") || rendered.has("coordinates")) {
            assertThat(strict.treeToValue(rendered, Location.class)).isNotNull();
        }
        assertThat(rendered.path("evses").findValues("parking")).isEmpty();
        assertThat(rendered.has("parking_places")).isFalse();
    }

    @Test
    void the_official_230_location_example_loses_only_its_parking_data_towards_221() {
        RenderResult result = OcpiVersionTranslator.render(ModuleID.LOCATIONS,
                read(V230, "location_example.json"), OcpiVersion.V2_2_1, RenderOptions.defaults());

        assertThat(result.losses()).extracting(Loss::path)
                .containsExactly("/evses/0/parking", "/evses/1/parking", "/parking_places");
        assertThat(result.losses()).extracting(Loss::code).containsOnly(Loss.Code.UNKNOWN_FIELD_DROPPED);
        // The 2.3.0 example also changed parking_type (ON_STREET -> PARKING_GARAGE); nothing else differs.
        assertThat(JsonTreeComparator.differences(read(V221, "location_example.json"),
                result.rendered().orElseThrow()))
                .containsExactly("/parking_type: \"ON_STREET\" != \"PARKING_GARAGE\"");
    }

    private static List<String> withoutDates(List<String> differences) {
        return differences.stream()
                .filter(d -> !d.matches("^\\S*/(start_date_time|end_date_time|last_updated): .*"))
                .toList();
    }

    private static boolean isRoamingObject(String name) {
        return Stream.of("tariff", "session_", "cdr_", "location_", "token_").anyMatch(name::startsWith);
    }

    static ModuleID moduleOf(String file) {
        if (file.startsWith("tariff")) {
            return ModuleID.TARIFFS;
        }
        if (file.startsWith("session_")) {
            return ModuleID.SESSIONS;
        }
        if (file.startsWith("cdr_")) {
            return ModuleID.CDRS;
        }
        if (file.startsWith("location_")) {
            return ModuleID.LOCATIONS;
        }
        if (file.startsWith("token_")) {
            return ModuleID.TOKENS;
        }
        throw new IllegalArgumentException("no module for " + file);
    }

    static JsonNode read(String folder, String file) {
        try {
            return MAPPER.readTree(Files.readString(folder(folder).resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> files(String folder) {
        try (Stream<Path> paths = Files.list(folder(folder))) {
            return paths.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String folder) {
        URL url = OfficialExamplesTranslationTest.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("test resource folder missing: " + folder);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
