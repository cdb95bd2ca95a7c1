package io.chargeclear.kit.admin;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What a client reads when its JSON is well formed but a field has the wrong shape: the field and what belongs. */
class WrongShapeTest {

    /** As the services read bodies: java.time types and all. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    enum Mode { AGREEMENT_REQUIRED, OPEN_MARKET }

    record Party(@JsonProperty("country_code") String countryCode, @JsonProperty("party_id") String partyId) {
    }

    record Money(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
    }

    record Fee(@JsonProperty("percent") String percent,
               @JsonProperty("per_session") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
               List<Money> perSession) {
    }

    record Request(@JsonProperty("cpo") Party cpo,
                   @JsonProperty("hub_fee") Fee hubFee,
                   @JsonProperty("modules") List<String> modules,
                   @JsonProperty("dispute_window_days") Integer disputeWindowDays,
                   @JsonProperty("rate") BigDecimal rate,
                   @JsonProperty("plain_tokens") Boolean plainTokens,
                   @JsonProperty("mode") Mode mode,
                   @JsonProperty("valid_from") Instant validFrom,
                   @JsonProperty("name") String name) {
    }

    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                arguments("{\"cpo\": \"NL*DC1\"}", "cpo must be an object {country_code, party_id}"),
                arguments("{\"cpo\": [\"NL\", \"DC1\"]}", "cpo must be an object {country_code, party_id}"),
                arguments("{\"hub_fee\": {\"per_session\": [{\"amount\": \"1\", \"currency\": \"EUR\"},"
                        + " {\"amount\": \"1\", \"currency\": {}}]}}",
                        "hub_fee.per_session[1].currency must be a string"),
                arguments("{\"hub_fee\": {\"per_session\": [{\"amount\": \"1\", \"currency\": \"EUR\"}, \"1 EUR\"]}}",
                        "hub_fee.per_session[1] must be an object {amount, currency}"),
                arguments("{\"hub_fee\": \"2.5\"}", "hub_fee must be an object {percent, per_session}"),
                arguments("{\"modules\": \"cdrs\"}", "modules must be a list"),
                arguments("{\"modules\": {\"cdrs\": true}}", "modules must be a list"),
                arguments("{\"dispute_window_days\": \"thirty\"}",
                        "dispute_window_days must be a whole number, not 'thirty'"),
                arguments("{\"dispute_window_days\": [30]}", "dispute_window_days must be a whole number"),
                arguments("{\"rate\": {}}", "rate must be a number"),
                arguments("{\"plain_tokens\": \"yes\"}", "plain_tokens must be true or false, not 'yes'"),
                arguments("{\"mode\": \"SOMETIMES\"}",
                        "mode must be one of AGREEMENT_REQUIRED, OPEN_MARKET, not 'SOMETIMES'"),
                arguments("{\"valid_from\": {\"at\": 1}}",
                        "valid_from must be an ISO-8601 date-time string such as 2026-01-01T00:00:00Z"),
                arguments("{\"name\": {\"first\": \"Acme\"}}", "name must be a string"),
                arguments("[\"not\", \"an\", \"object\"]", "the body must be an object {cpo, hub_fee, modules,"
                        + " dispute_window_days, rate, plain_tokens, mode, valid_from, name}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void namesTheFieldAsWrittenAndWhatBelongsThere(String body, String message) {
        MismatchedInputException e = catchThrowableOfType(MismatchedInputException.class,
                () -> JSON.readValue(body, Request.class));

        assertThat(WrongShape.describe(e)).isEqualTo(message);
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnesWhereUnknownFieldsAreRefused() {
        ObjectMapper strict = JSON.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        MismatchedInputException e = catchThrowableOfType(MismatchedInputException.class,
                () -> strict.readValue("{\"cpo\": {\"country_code\": \"NL\", \"party\": \"DC1\"}}", Request.class));

        assertThat(WrongShape.describe(e)).isEqualTo("cpo.party is not a field here; known: country_code, party_id");
    }
}
