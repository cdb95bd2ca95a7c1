package io.chargeclear.model.ocpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The round-trip comparator must forgive only representation, never content. */
class JsonTreeComparatorTest {

    private static final ObjectMapper MAPPER = OcpiJson.mapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertThat(JsonTreeComparator.differences(json("{\"a\":0.25,\"b\":2}"), json("{\"a\":0.250,\"b\":2.00}")))
                .isEmpty();
        assertThat(JsonTreeComparator.differences(json("{\"a\":0.25}"), json("{\"a\":0.26}")))
                .containsExactly("/a: 0.25 != 0.26");
    }

    @Test
    void dateTimesCompareByInstant() throws Exception {
        JsonNode withoutMillis = json("[\"2015-06-29T20:39:09Z\"]");
        JsonNode withMillis = json("[\"2015-06-29T20:39:09.000Z\"]");
        JsonNode withoutZone = json("[\"2015-06-29T20:39:09\"]");
        JsonNode oneSecondLater = json("[\"2015-06-29T20:39:10Z\"]");

        assertThat(JsonTreeComparator.differences(withoutMillis, withMillis)).isEmpty();
        assertThat(JsonTreeComparator.differences(withoutZone, withoutMillis)).isEmpty();
        assertThat(JsonTreeComparator.differences(withoutZone, oneSecondLater))
                .containsExactly("/0: \"2015-06-29T20:39:09\" != \"2015-06-29T20:39:10Z\"");
    }

    @Test
    void typesAndFieldsMustMatch() throws Exception {
        assertThat(JsonTreeComparator.differences(json("{\"a\":3,\"b\":1}"), json("{\"a\":\"3\",\"c\":1}")))
                .containsExactly("/a: 3 != \"3\"", "/b: missing after round trip (was 1)",
                        "/c: added by round trip (1)");
    }
}
