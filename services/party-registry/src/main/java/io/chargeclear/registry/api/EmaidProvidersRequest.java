package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code PUT /admin/platforms/{id}/parties/{country_code}/{party_id}/emaid-provider-ids}: every EMAID provider id the
 * eMSP holds from now on, e.g. {@code ["NLTNM"]}, written with or without separators, in either case.
 */
public record EmaidProvidersRequest(
        @JsonProperty("emaid_provider_ids") @NotNull @Size(max = 50) List<@NotNull @Size(max = 20) String> emaidProviderIds) {
}
