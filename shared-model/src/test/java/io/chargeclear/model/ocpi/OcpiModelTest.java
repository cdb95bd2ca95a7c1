package io.chargeclear.model.ocpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.chargeclear.model.ocpi.locations.GeoLocation;
import io.chargeclear.model.ocpi.locations.PublishTokenType;
import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import io.chargeclear.model.ocpi.tokens.Token;
import io.chargeclear.model.ocpi.tokens.TokenType;
import io.chargeclear.model.ocpi.tokens.WhitelistType;
import io.chargeclear.model.ocpi.versions.ModuleID;
import io.chargeclear.model.ocpi.versions.Version;
import io.chargeclear.model.ocpi.versions.VersionNumber;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small behaviours of the OCPI model and its JSON configuration that the official examples do not pin down. */
class OcpiModelTest {

    private static final ObjectMapper MAPPER = OcpiJson.mapper();
    private static final Instant UPDATED = Instant.parse("2015-06-29T22:39:09Z");

    private static ValidatorFactory validatorFactory;
    private static Validator validator;

    @BeforeAll
    static void startValidator() {
        validatorFactory = Validation.buildDefaultValidatorFactory();
        validator = validatorFactory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        validatorFactory.close();
    }

    private static Token token(String uid, String issuer) {
        return new Token("NL", "TNM", uid, TokenType.RFID, "NL8ACC12E46L89", null, issuer, null, true,
                WhitelistType.ALWAYS, null, null, null, UPDATED);
    }

    @Test
    void missingRequiredFieldIsReportedOnceByName() {
        Set<ConstraintViolation<Token>> violations = validator.validate(token("012345678", null));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString("issuer");
            assertThat(violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName())
                    .isEqualTo("NotNull");
        });
    }

    @Test
    void missingRequiredFieldInJsonIsReportedByName() throws Exception {
        String json = """
                {"country_code":"NL","party_id":"TNM","uid":"012345678","type":"RFID","contract_id":"NL8ACC12E46L89",
                 "issuer":"TheNewMotion","valid":true,"last_updated":"2015-06-29T22:39:09Z"}""";

        Token token = MAPPER.readValue(json, Token.class);

        assertThat(validator.validate(token)).extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("whitelist");
    }

    @Test
    void oversizeCiStringIsAViolation() {
        String uid37 = "x".repeat(37);

        Set<ConstraintViolation<Token>> violations = validator.validate(token(uid37, "TheNewMotion"));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString("uid");
            assertThat(violation.getInvalidValue()).isEqualTo(uid37);
            assertThat(violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName())
                    .isEqualTo("Size");
        });
        assertThat(validator.validate(token("x".repeat(36), "TheNewMotion"))).isEmpty();
    }

    @Test
    void unknownEnumValueFailsParsingAndNamesTheValue() {
        String json = """
                {"country_code":"NL","party_id":"TNM","uid":"1","type":"NFC_TAG","contract_id":"C","issuer":"I",
                 "valid":true,"whitelist":"ALWAYS","last_updated":"2015-06-29T22:39:09Z"}""";

        assertThatThrownBy(() -> MAPPER.readValue(json, Token.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("NFC_TAG")
                .hasMessageContaining(TokenType.class.getSimpleName());
    }

    @Test
    void unknownPropertiesAreIgnored() throws Exception {
        String json = "{\"language\":\"en\",\"text\":\"Hi\",\"markup\":\"<b>\"}";

        DisplayText text = MAPPER.readValue(json, DisplayText.class);

        assertThat(text).isEqualTo(new DisplayText("en", "Hi"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2015-06-29T20:39:09Z,        2015-06-29T20:39:09Z",
            "2015-06-29T20:39:09,         2015-06-29T20:39:09Z",
            "2015-06-29T20:39:09.123Z,    2015-06-29T20:39:09.123Z",
            "2015-06-29T20:39:09.5,       2015-06-29T20:39:09.500Z",
            "2015-06-29T22:39:09+02:00,   2015-06-29T20:39:09Z",
            "1970-1-1T00:00:00Z,          1970-01-01T00:00:00Z"
    })
    void dateTimeIsReadLenientlyAsUtc(String ocpi, String expected) throws Exception {
        Instant parsed = MAPPER.readValue("\"" + ocpi + "\"", Instant.class);

        assertThat(parsed).isEqualTo(Instant.parse(expected));
    }

    @Test
    void dateTimeIsWrittenAsIsoUtcWithZ() throws Exception {
        assertThat(MAPPER.writeValueAsString(Instant.parse("2015-06-29T20:39:09Z")))
                .isEqualTo("\"2015-06-29T20:39:09Z\"");
        assertThat(MAPPER.writeValueAsString(Instant.parse("2015-06-29T20:39:09.120Z")))
                .isEqualTo("\"2015-06-29T20:39:09.120Z\"");
    }

    @Test
    void malformedDateTimeFailsWithTheValue() {
        assertThatThrownBy(() -> MAPPER.readValue("\"29-06-2015 20:39\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("29-06-2015 20:39");
    }

    @Test
    void decimalsStayExactAndPlain() throws Exception {
        String json = "{\"type\":\"ENERGY\",\"price\":0.250,\"step_size\":1}";

        PriceComponent component = MAPPER.readValue(json, PriceComponent.class);

        assertThat(component.price()).isEqualTo(new BigDecimal("0.250"));
        assertThat(MAPPER.writeValueAsString(component)).isEqualTo(json);
        assertThat(MAPPER.writeValueAsString(new Price(new BigDecimal("1E+2"), null))).isEqualTo("{\"excl_vat\":100}");
    }

    @Test
    void absentOptionalFieldsStayAbsent() throws Exception {
        JsonNode written = MAPPER.valueToTree(new PriceComponent(TariffDimensionType.FLAT, BigDecimal.ONE, null, 1));

        assertThat(written.has("vat")).isFalse();
    }

    @Test
    void nonIdentifierEnumsUseTheirOcpiSpelling() throws Exception {
        Version version = MAPPER.readValue("{\"version\":\"2.2.1\",\"url\":\"https://x/2.2.1\"}", Version.class);

        assertThat(version.version()).isEqualTo(VersionNumber.V2_2_1);
        assertThat(MAPPER.writeValueAsString(ModuleID.HUBCLIENTINFO)).isEqualTo("\"hubclientinfo\"");
    }

    @Test
    void coordinatesMustMatchTheOcpiPattern() {
        assertThat(validator.validate(new GeoLocation("51.047599", "3.729944"))).isEmpty();
        assertThat(validator.validate(new GeoLocation("51.04", "3.729944")))
                .extracting(violation -> violation.getPropertyPath().toString()).containsExactly("latitude");
    }

    @Test
    void publishTokenNeedsAnIdentifyingCombination() {
        PublishTokenType byUid = new PublishTokenType("12345678905880", TokenType.RFID, null, null, null);

        assertThat(validator.validate(byUid)).isEmpty();
        assertThat(validator.validate(new PublishTokenType(null, null, "12345-67", null, null)))
                .extracting(violation -> violation.getPropertyPath().toString()).containsExactly("identifying");
    }

    @Test
    void envelopeRoundTripsWithListDataAndClassifiesStatus() throws Exception {
        OcpiResponse<List<DisplayText>> response = OcpiResponse.success(List.of(new DisplayText("en", "Hi")), UPDATED);

        String json = MAPPER.writeValueAsString(response);
        OcpiResponse<List<DisplayText>> read = MAPPER.readValue(json, new TypeReference<>() { });

        assertThat(json).isEqualTo("{\"data\":[{\"language\":\"en\",\"text\":\"Hi\"}],"
                + "\"status_code\":1000,\"timestamp\":\"2015-06-29T22:39:09Z\"}");
        assertThat(read).isEqualTo(response);
        assertThat(read.isSuccess()).isTrue();
        assertThat(validator.validate(read)).isEmpty();
    }

    @Test
    void errorEnvelopeHasNoData() throws Exception {
        OcpiResponse<Void> response = OcpiResponse.of(OcpiStatus.UNKNOWN_RECEIVER, "Unknown receiver NL*XYZ", UPDATED);

        JsonNode written = MAPPER.valueToTree(response);

        assertThat(written.has("data")).isFalse();
        assertThat(written.get("status_code").intValue()).isEqualTo(4001);
        assertThat(response.isSuccess()).isFalse();
    }

    @Test
    void statusCodesMapToConstantsAndRanges() {
        assertThat(OcpiStatus.fromCode(2004)).contains(OcpiStatus.UNKNOWN_TOKEN);
        assertThat(OcpiStatus.fromCode(1900)).isEmpty();
        assertThat(OcpiStatus.isSuccess(1900)).isTrue();
        assertThat(OcpiStatus.isHubError(OcpiStatus.CONNECTION_PROBLEM.code())).isTrue();
        assertThat(OcpiStatus.values()).extracting(OcpiStatus::code)
                .containsExactly(1000, 2000, 2001, 2002, 2003, 2004, 3000, 3001, 3002, 3003, 4000, 4001, 4002, 4003);
    }
}
