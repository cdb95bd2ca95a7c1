package io.chargeclear.model.ocpi.tariffs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.locations.EnergyMix;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A CPO's price list: elements whose components apply while their restrictions hold.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "Tariff object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tariff(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("id") @NotNull @Size(max = 36) String id,
        @JsonProperty("currency") @NotNull @Size(max = 3) String currency,
        @JsonProperty("type") TariffType type,
        @JsonProperty("tariff_alt_text") List<@Valid DisplayText> tariffAltText,
        @JsonProperty("tariff_alt_url") @Size(max = 255) String tariffAltUrl,
        @JsonProperty("min_price") @Valid Price minPrice,
        @JsonProperty("max_price") @Valid Price maxPrice,
        @JsonProperty("elements") @NotNull @NotEmpty List<@Valid TariffElement> elements,
        @JsonProperty("start_date_time") Instant startDateTime,
        @JsonProperty("end_date_time") Instant endDateTime,
        @JsonProperty("energy_mix") @Valid EnergyMix energyMix,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
