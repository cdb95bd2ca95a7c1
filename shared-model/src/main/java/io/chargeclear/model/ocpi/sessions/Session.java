package io.chargeclear.model.ocpi.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.cdrs.AuthMethod;
import io.chargeclear.model.ocpi.cdrs.CdrToken;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charging session in progress or finished, as the CPO reports it to the eMSP that owns the token.
 * <p>
 * OCPI 2.2.1 §mod_sessions "Session object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("id") @NotNull @Size(max = 36) String id,
        @JsonProperty("start_date_time") @NotNull Instant startDateTime,
        @JsonProperty("end_date_time") Instant endDateTime,
        @JsonProperty("kwh") @NotNull BigDecimal kwh,
        @JsonProperty("cdr_token") @Valid @NotNull CdrToken cdrToken,
        @JsonProperty("auth_method") @NotNull AuthMethod authMethod,
        @JsonProperty("authorization_reference") @Size(max = 36) String authorizationReference,
        @JsonProperty("location_id") @NotNull @Size(max = 36) String locationId,
        @JsonProperty("evse_uid") @NotNull @Size(max = 36) String evseUid,
        @JsonProperty("connector_id") @NotNull @Size(max = 36) String connectorId,
        @JsonProperty("meter_id") @Size(max = 255) String meterId,
        @JsonProperty("currency") @NotNull @Size(max = 3) String currency,
        @JsonProperty("charging_periods") List<@Valid ChargingPeriod> chargingPeriods,
        @JsonProperty("total_cost") @Valid Price totalCost,
        @JsonProperty("status") @NotNull SessionStatus status,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
