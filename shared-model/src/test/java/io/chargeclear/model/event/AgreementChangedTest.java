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

class AgreementChangedTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final AgreementChanged.HubFee FEE =
            new AgreementChanged.HubFee(new BigDecimal("2.5"), Money.of("0.10", "EUR"));
    private static final AgreementChanged.Sla SLA = new AgreementChanged.Sla(48, 5000);

    @Test
    void agreementSnapshotUsesSnakeCaseDecimalStringsAndRoundTrips() throws Exception {
        AgreementChanged event = new AgreementChanged("a-1", AgreementChanged.Status.ACTIVE, 1,
                new AgreementChanged.Party("NL", "CPO"), new AgreementChanged.Party("DE", "MSP"),
                Instant.parse("2026-01-01T00:00:00Z"), null, List.of("cdrs", "sessions"), FEE, SLA, 30, null,
                Instant.parse("2026-01-01T10:00:00Z"));
        String written = json.writeValueAsString(event);
        assertThat(written).contains("\"agreement_id\":\"a-1\"", "\"country_code\":\"NL\"",
                "\"percent\":\"2.5\"", "\"per_session\":{\"amount\":\"0.10\",\"currency\":\"EUR\"}",
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
        assertThat(written).contains("\"mode\":\"AGREEMENT_REQUIRED\"", "\"percent\":\"0\"", "\"per_session\":null");
        assertThat(json.readValue(written, AgreementChanged.StandardTermsChanged.class)).isEqualTo(event);
        assertThat(EventType.fromType("hub.agreement.standard-terms-changed.v1"))
                .contains(EventType.STANDARD_TERMS_CHANGED);
        assertThat(EventType.STANDARD_TERMS_CHANGED.topic()).isEqualTo(Topics.AGREEMENT);
    }
}
