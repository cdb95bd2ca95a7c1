package io.chargeclear.model.ocpi.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The Location (and optionally EVSEs) a real-time authorization is asked for, or allowed at.
 * <p>
 * OCPI 2.2.1 §mod_tokens "LocationReferences class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocationReferences(
        @JsonProperty("location_id") @NotNull @Size(max = 36) String locationId,
        @JsonProperty("evse_uids") List<@Size(max = 36) String> evseUids) {
}
