package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Charge Detail Record: the final, immutable and billable account of a session, sent by the CPO to the eMSP.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CDR object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CDR(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("id") @NotNull @Size(max = 39) String id,
        @JsonProperty("start_date_time") @NotNull Instant startDateTime,
        @JsonProperty("end_date_time") @NotNull Instant endDateTime,
        @JsonProperty("session_id") @Size(max = 36) String sessionId,
        @JsonProperty("cdr_token") @Valid @NotNull CdrToken cdrToken,
        @JsonProperty("auth_method") @NotNull AuthMethod authMethod,
        @JsonProperty("authorization_reference") @Size(max = 36) String authorizationReference,
        @JsonProperty("cdr_location") @Valid @NotNull CdrLocation cdrLocation,
        @JsonProperty("meter_id") @Size(max = 255) String meterId,
        @JsonProperty("currency") @NotNull @Size(max = 3) String currency,
        @JsonProperty("tariffs") List<@Valid Tariff> tariffs,
        @JsonProperty("charging_periods") @NotNull @NotEmpty List<@Valid ChargingPeriod> chargingPeriods,
        @JsonProperty("signed_data") @Valid SignedData signedData,
        @JsonProperty("total_cost") @Valid @NotNull Price totalCost,
        @JsonProperty("total_fixed_cost") @Valid Price totalFixedCost,
        @JsonProperty("total_energy") @NotNull BigDecimal totalEnergy,
        @JsonProperty("total_energy_cost") @Valid Price totalEnergyCost,
        @JsonProperty("total_time") @NotNull BigDecimal totalTime,
        @JsonProperty("total_time_cost") @Valid Price totalTimeCost,
        @JsonProperty("total_parking_time") BigDecimal totalParkingTime,
        @JsonProperty("total_parking_cost") @Valid Price totalParkingCost,
        @JsonProperty("total_reservation_cost") @Valid Price totalReservationCost,
        @JsonProperty("remark") @Size(max = 255) String remark,
        @JsonProperty("invoice_reference_id") @Size(max = 39) String invoiceReferenceId,
        @JsonProperty("credit") Boolean credit,
        @JsonProperty("credit_reference_id") @Size(max = 39) String creditReferenceId,
        @JsonProperty("home_charging_compensation") Boolean homeChargingCompensation,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
