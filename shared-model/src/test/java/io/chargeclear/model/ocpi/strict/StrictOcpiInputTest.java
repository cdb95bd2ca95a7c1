package io.chargeclear.model.ocpi.strict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chargeclear.model.ocpi.cdrs.CdrDimension;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.locations.Connector;
import io.chargeclear.model.ocpi.sessions.ChargingPreferences;
import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.versions.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reading rules, one small case each: what a partner sends wrongly is refused and named. */
class StrictOcpiInputTest {

    private static JsonNode tree(String json) throws JsonProcessingException {
        return StrictOcpiJson.treeReader().readTree(json);
    }

    private static List<Violation> check(String json) throws JsonProcessingException {
        return OcpiInputRules.check(tree(json));
    }

    @Test
    void aKeyTwiceIsRefusedEvenWithTheSameValue() {
        assertThatThrownBy(() -> tree("{\"id\": \"A\", \"id\": \"B\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'id'");
        assertThatThrownBy(() -> tree("{\"a\": {\"volume\": 1, \"volume\": 1}}"))
                .hasMessageContaining("Duplicate field 'volume'");
    }

    @Test
    void nulAndOtherControlCharactersAreRefusedInAnyStringNamingThePath() throws Exception {
        assertThat(check("{\"location_id\": \"LOC\\u00001\"}")).containsExactly(new Violation("location_id",
                "contains the control character U+0000 at position 3 (only printable characters are allowed)"));
        assertThat(check("{\"directions\": [{\"text\": \"turn\\nleft\"}]}")).singleElement()
                .extracting(Violation::field).isEqualTo("directions[0].text");
        assertThat(check("{\"name\": \"a\\tb\"}")).hasSize(1);
        assertThat(check("{\"name\": \"a\\u0085b\"}")).hasSize(1);
        assertThat(check("{\"name\": \"a\\u007fb\"}")).hasSize(1);
        assertThat(check("{\"na\\u0000me\": \"x\"}")).singleElement().extracting(Violation::field).isEqualTo("(key)");
    }

    @Test
    void loneSurrogatesAreRefusedAndPairsAccepted() throws Exception {
        assertThat(check("{\"name\": \"x\\ud800\"}")).singleElement().extracting(Violation::problem)
                .asString().contains("lone UTF-16 surrogate");
        assertThat(check("{\"name\": \"\\udc00x\"}")).hasSize(1);
        assertThat(check("{\"name\": \"caf\u00e9 \\ud83d\\udd0c Zo\u00eb\"}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../DE/ABC/x", "a?b", "a#b", "%41", "a b", "caf\u00e9", "..", ".", "", "a\\r"})
    void idsAreUrlSafePrintableAscii(String id) throws Exception {
        String json = "{\"evses\": [{\"uid\": \"" + id + "\"}]}";
        assertThat(check(json)).singleElement().extracting(Violation::field).isEqualTo("evses[0].uid");
    }

    @Test
    void idsWithTheOrdinaryOcpiCharactersPass() throws Exception {
        assertThat(check("{\"id\": \"LOC1\", \"evse_id\": \"BE*BEC*E041503001\", \"uid\": \"3256-a_b.c:d\","
                + " \"tariff_ids\": [\"12\", \"ab-cd\"], \"connector_id\": \"1\"}")).isEmpty();
        assertThat(check("{\"tariff_ids\": [\"ok\", \"no/no\"]}")).singleElement()
                .extracting(Violation::field).isEqualTo("tariff_ids[1]");
        assertThat(check("{\"session_id\": \"" + "x".repeat(37) + "\"}")).singleElement()
                .extracting(Violation::problem).asString().contains("at most 36");
    }

    @Test
    void countryCodeIsTwoUpperCaseLettersAndPartyIdThreeAlphanumerics() throws Exception {
        assertThat(check("{\"country_code\": \"NL\", \"party_id\": \"a1C\"}")).isEmpty();
        assertThat(check("{\"country_code\": \"nl\"}")).hasSize(1);
        assertThat(check("{\"country_code\": \"N1\"}")).hasSize(1);
        assertThat(check("{\"cdr_token\": {\"party_id\": \"AB\"}}")).singleElement()
                .extracting(Violation::field).isEqualTo("cdr_token.party_id");
        assertThat(check("{\"party_id\": \"A-C\"}")).hasSize(1);
        assertThat(OcpiInputRules.checkPathParameter("country_code", "N\u0000")).contains("U+0000");
        assertThat(OcpiInputRules.checkPathParameter("location_id", "x/y")).contains("/");
        assertThat(OcpiInputRules.checkPathParameter("party_id", "ABC")).isNull();
    }

    @Test
    void numbersBeyondAnyOcpiQuantityAreRefused() throws Exception {
        assertThat(check("{\"volume\": 1e999999999}")).singleElement().extracting(Violation::problem)
                .asString().contains("before the decimal point");
        assertThat(check("{\"volume\": 0.00000000001}")).hasSize(1);
        assertThat(check("{\"volume\": 12.3400000000000000, \"price\": 1E+3, \"max_power\": 350000}")).isEmpty();
    }

    @Test
    void nanAndInfinityAreNotJson() {
        assertThatThrownBy(() -> tree("{\"volume\": NaN}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> tree("{\"volume\": Infinity}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> tree("{\"volume\": 1} {}")).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "\"0\"", "\" ENERGY\"", "\"ENERGY \"", "\"energy\"", "true"})
    void enumsAreExactStrings(String value) {
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"type\": " + value + ", \"volume\": 1}",
                CdrDimension.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void enumsWithJsonNamesAreReadByThoseNames() throws Exception {
        assertThat(StrictOcpiJson.mapper().readValue("{\"type\": \"ENERGY\", \"volume\": 1}", CdrDimension.class)
                .type()).isEqualTo(CdrDimensionType.ENERGY);
        assertThat(StrictOcpiJson.mapper().readValue("{\"version\": \"2.2.1\", \"url\": \"https://x/\"}",
                Version.class).version().name()).isEqualTo("V2_2_1");
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"type\": \"ENERGY\", \"volume\": \"1\"}",
                CdrDimension.class)).isInstanceOf(MismatchedInputException.class).hasMessageContaining("volume");
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"type\": \"ENERGY\", \"volume\": true}",
                CdrDimension.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"type\": \"ENERGY\", \"price\": 1,"
                + " \"step_size\": 1.5}", PriceComponent.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"type\": \"ENERGY\", \"price\": 1,"
                + " \"step_size\": \"1\"}", PriceComponent.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"id\": 1}", Connector.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"profile_type\": \"FAST\","
                + " \"discharge_allowed\": \"true\"}", ChargingPreferences.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"profile_type\": \"FAST\","
                + " \"discharge_allowed\": 1}", ChargingPreferences.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void timestampsThatDoNotParseAreRefused() {
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"profile_type\": \"FAST\","
                + " \"departure_time\": \"2026-02-30T10:00:00Z\"}", ChargingPreferences.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> StrictOcpiJson.mapper().readValue("{\"profile_type\": \"FAST\","
                + " \"departure_time\": 1700000000}", ChargingPreferences.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
