package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.domain.ValidityWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code POST /admin/agreements}: a CPO party, an eMSP party, the window and the terms. Only {@code cpo},
 * {@code emsp}, {@code valid_from} and {@code hub_fee} are required; the rest defaults (open-ended, every
 * functional module, SLA 48 h / 5000 ms, 30 dispute days).
 */
public record CreateAgreementRequest(
        @JsonProperty("cpo") @NotNull @Valid PartyRef cpo,
        @JsonProperty("emsp") @NotNull @Valid PartyRef emsp,
        @JsonProperty("valid_from") @NotBlank String validFrom,
        @JsonProperty("valid_until") String validUntil,
        @JsonProperty("modules") List<String> modules,
        @JsonProperty("hub_fee") @NotNull @Valid TermsInput.HubFee hubFee,
        @JsonProperty("sla") @Valid TermsInput.Sla sla,
        @JsonProperty("dispute_window_days") @Min(1) @Max(730) Integer disputeWindowDays) {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final String DATE_TIME_RULE = "must be an ISO-8601 date-time with offset, e.g. 2026-01-01T00:00:00Z";

    /** The window; {@code valid_until} must come after {@code valid_from}. */
    public ValidityWindow window() {
        Instant from = instant("valid_from", validFrom);
        Instant until = validUntil == null ? null : instant("valid_until", validUntil);
        if (until != null && !until.isAfter(from)) {
            throw ApiException.badRequest("valid_until (" + until + ") must be after valid_from (" + from + ")");
        }
        return new ValidityWindow(from, until);
    }

    public RoamingTerms terms() {
        return TermsInput.terms(modules, hubFee, sla, disputeWindowDays);
    }

    private static Instant instant(String field, String text) {
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " " + DATE_TIME_RULE + " (got '" + text + "')");
        }
        Instant instant = parsed.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest(field + " must lie between " + EARLIEST + " and " + LATEST + " (got '" + text + "')");
        }
        // the database keeps microseconds: cut here so the answer shows what is stored
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
