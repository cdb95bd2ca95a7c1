package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chargeclear.model.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementChangedTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final AgreementChanged.HubFee FEE =
            new AgreementChanged.HubFee(new BigDecimal("2.5"), List.of(Money.of("0.10", "EUR"), Money.of("0.15", "CAD")));
    private static final AgreementChanged.Sla SLA = new AgreementChanged.Sla(48, 5000);

    @Test
    void agreementSnapshotUsesSnakeCaseDecimalStringsAndRoundTrips() throws Exception {
        AgreementChanged event = new AgreementChanged("a-1", AgreementChanged.Status.ACTIVE, 1,
                new AgreementChanged.Party("NL", "CPO"), new AgreementChanged.Party("DE", "MSP"),
                Instant.parse("2026-01-01T00:00:00Z"), null, List.of("cdrs", "sessions"), FEE, SLA, 30, null,
                Instant.parse("2026-01-01T10:00:00Z"));
        String written = json.writeValueAsString(event);
        assertThat(written).contains("\"agreement_id\":\"a-1\"", "\"country_code\":\"NL\"",
                "\"percent\":\"2.5\"",
                "\"per_session\":[{\"amount\":\"0.10\",\"currency\":\"EUR\"},{\"amount\":\"0.15\",\"currency\":\"CAD\"}]",
                "\"cdr_within_hours\":48", "\"authorization_answer_within_ms\":5000", "\"dispute_window_days\":30",
                "\"valid_from\":\"2026-01-01T00:00:00Z\"", "\"valid_until\":null");
        assertThat(json.readValue(written, AgreementChanged.class)).isEqualTo(event);
    }

    @Test
    void standardTermsSnapshotRoundTrips() throws Exception {
        AgreementChanged.StandardTermsChanged event = new AgreementChanged.StandardTermsChanged(
                AgreementChanged.Mode.AGREEMENT_REQUIRED, 1, List.of("tokens"),
                new AgreementChanged.HubFee(BigDecimal.ZERO, null), SLA, 30, Instant.parse("2026-01-01T10:00:00Z"));
        String written = json.writeValueAsString(event);
        assertThat(written).contains("\"mode\":\"AGREEMENT_REQUIRED\"", "\"percent\":\"0\"", "\"per_session\":[]");
        assertThat(json.readValue(written, AgreementChanged.StandardTermsChanged.class)).isEqualTo(event);
        assertThat(EventType.fromType("hub.agreement.standard-terms-changed.v1"))
                .contains(EventType.STANDARD_TERMS_CHANGED);
        assertThat(EventType.STANDARD_TERMS_CHANGED.topic()).isEqualTo(Topics.AGREEMENT);
    }

    @Test
    void aPerSessionFeeWrittenAsOneObjectReadsAsAListOfOne() throws Exception {
        AgreementChanged.HubFee fee = json.readValue("""
                {"percent": "2.5", "per_session": {"amount": "0.10", "currency": "EUR"}}""", AgreementChanged.HubFee.class);
        assertThat(fee.perSession()).containsExactly(Money.of("0.10", "EUR"));
        assertThat(fee.perSessionIn("EUR")).contains(Money.of("0.10", "EUR"));
        assertThat(fee.perSessionIn("GBP")).isEmpty();
    }

    @Test
    void aNullOrAbsentPerSessionFeeReadsAsAnEmptyList() throws Exception {
        assertThat(json.readValue("{\"percent\": \"1\", \"per_session\": null}", AgreementChanged.HubFee.class)
                .perSession()).isEmpty();
        assertThat(json.readValue("{\"percent\": \"1\"}", AgreementChanged.HubFee.class).perSession()).isEmpty();
    }

    @Test
    void aListOfPerSessionFeesReadsOnePerCurrency() throws Exception {
        AgreementChanged.HubFee fee = json.readValue("""
                {"percent": null, "per_session": [{"amount": "0.10", "currency": "EUR"},
                                                  {"amount": "0.15", "currency": "CAD"}]}""",
                AgreementChanged.HubFee.class);
        assertThat(fee.percent()).isNull();
        assertThat(fee.perSessionIn("CAD")).contains(Money.of("0.15", "CAD"));
        assertThat(fee.perSessionIn("EUR")).contains(Money.of("0.10", "EUR"));
    }

    @Test
    void anOldAgreementEventWithOneObjectStillReadsWhole() throws Exception {
        AgreementChanged event = json.readValue("""
                {"agreement_id": "a-2", "status": "ACTIVE", "revision": 3,
                 "cpo": {"country_code": "NL", "party_id": "CPO"}, "emsp": {"country_code": "DE", "party_id": "MSP"},
                 "valid_from": "2026-01-01T00:00:00Z", "valid_until": null, "modules": ["cdrs"],
                 "hub_fee": {"percent": "2.5", "per_session": {"amount": "0.10", "currency": "EUR"}},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "2026-01-01T10:00:00Z"}""",
                AgreementChanged.class);
        assertThat(event.hubFee()).isEqualTo(AgreementChanged.HubFee.of(new BigDecimal("2.5"), Money.of("0.10", "EUR")));
    }

    @Test
    void twoPerSessionFeesInOneCurrencyAreRefused() {
        assertThatThrownBy(() -> new AgreementChanged.HubFee(null,
                List.of(Money.of("0.10", "EUR"), Money.of("0.20", "EUR"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR");
    }
}
