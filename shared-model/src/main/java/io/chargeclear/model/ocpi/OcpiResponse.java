package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of every OCPI response body, including errors; {@code data} may be an object, a list or absent.
 * <p>
 * OCPI 2.2.1 §transport_and_format "Response format". Request bodies are bare objects and never use this envelope.
 * Bean Validation checks the envelope only: {@code data} may be a list, so validate the payload (or each element)
 * on its own.
 *
 * @param <T> the payload type, e.g. {@code Location} or {@code List<Token>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OcpiResponse<T>(
        @JsonProperty("data") T data,
        @JsonProperty("status_code") @NotNull @Min(1000) @Max(9999) Integer statusCode,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("timestamp") @NotNull Instant timestamp) {

    /** A 1000 (success) envelope around {@code data}. */
    public static <T> OcpiResponse<T> success(T data, Instant timestamp) {
        return new OcpiResponse<>(data, OcpiStatus.SUCCESS.code(), null, timestamp);
    }

    /** An envelope without data carrying {@code status} and an explanatory message. */
    public static <T> OcpiResponse<T> of(OcpiStatus status, String statusMessage, Instant timestamp) {
        Objects.requireNonNull(status, "status");
        return new OcpiResponse<>(null, status.code(), statusMessage, timestamp);
    }

    /** True for 1xxx codes, including custom 19xx successes. */
    @JsonIgnore
    public boolean isSuccess() {
        return statusCode != null && OcpiStatus.isSuccess(statusCode);
    }
}
