package io.chargeclear.model.ocpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chargeclear.model.ocpi.strict.OcpiInputRules;
import io.chargeclear.model.ocpi.strict.OcpiValueRules;
import io.chargeclear.model.ocpi.strict.StrictOcpiJson;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hub's strict reading of partner input must still accept every official OCPI 2.2.1-d2 example: the strict
 * tree reader, the id/string/number rules, the strict mapper and the value rules. The one example that sends a
 * number for a string field is refused, as it should be.
 */
class StrictInputOfficialExamplesTest {

    /** physical_reference sent as the number 3 (see OfficialExamplesRoundTripTest's known defects). */
    private static final String COERCED_NUMBER = "location_put_example_add_evse.json";

    static Stream<String> exampleFiles() throws Exception {
        return OfficialExamplesRoundTripTest.exampleFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyOfficialExamplePassesTheStrictEdge(String file) throws Exception {
        String text = Files.readString(OfficialExamplesRoundTripTest.examplesDir().resolve(file));
        JsonNode tree = StrictOcpiJson.treeReader().readTree(text);
        assertThat(OcpiInputRules.check(tree)).as(file).isEmpty();

        OfficialExamplesRoundTripTest.Handler handler = OfficialExamplesRoundTripTest.handlerFor(file).orElseThrow();
        if (file.equals(COERCED_NUMBER)) {
            assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue(StrictOcpiJson.mapper().treeAsTokens(tree),
                    handler.type())).isInstanceOf(MismatchedInputException.class).hasMessageContaining("physical_reference");
            return;
        }
        Object parsed = StrictOcpiJson.mapper().readValue(StrictOcpiJson.mapper().treeAsTokens(tree), handler.type());
        assertThat(OcpiValueRules.check(parsed)).as(file).isEmpty();
    }
}
