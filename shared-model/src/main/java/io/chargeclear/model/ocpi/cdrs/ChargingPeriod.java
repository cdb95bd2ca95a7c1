package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A period of a Session or CDR during which one set of tariff components applied; it ends where the next starts.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "ChargingPeriod class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingPeriod(
        @JsonProperty("start_date_time") @NotNull Instant startDateTime,
        @JsonProperty("dimensions") @NotNull @NotEmpty List<@Valid CdrDimension> dimensions,
        @JsonProperty("tariff_id") @Size(max = 36) String tariffId) {
}
