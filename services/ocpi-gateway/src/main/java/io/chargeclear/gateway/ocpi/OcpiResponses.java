package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds OCPI envelopes: every answer under {@code /ocpi}, errors included, is one (OCPI 2.2.1 §transport_and_format). */
public final class OcpiResponses {

    private OcpiResponses() {
    }

    public static <T> OcpiResponse<T> success(T data) {
        return OcpiResponse.success(data, now());
    }

    /** A 1000 envelope around {@code data} with a {@code status_message}. */
    public static <T> OcpiResponse<T> success(T data, String statusMessage) {
        return new OcpiResponse<>(data, OcpiStatus.SUCCESS.code(), statusMessage, now());
    }

    public static Response error(Response.Status http, OcpiStatus status, String message) {
        return Response.status(http).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(OcpiResponse.of(status, message, now())).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
