package io.chargeclear.model.ocpi.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a platform hands its peer during registration: the token to call it with, its versions URL and its roles.
 * {@code hub_party_id} exists from OCPI 2.3.0 on: a roaming hub's own country code and party id, concatenated
 * (e.g. {@code NLCCH}), sent instead of the 2.2.1 role {@code HUB}; absent towards 2.2.1 peers.
 * <p>
 * OCPI 2.2.1 §credentials "Credentials object"; OCPI 2.3.0 §credentials adds {@code hub_party_id}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Credentials(
        @JsonProperty("token") @NotNull @Size(max = 64) String token,
        @JsonProperty("url") @NotNull @Size(max = 255) String url,
        @JsonProperty("roles") @NotNull @NotEmpty List<@Valid CredentialsRole> roles,
        @JsonProperty("hub_party_id") @Size(min = 5, max = 5) String hubPartyId) {

    /** The 2.2.1 shape: no {@code hub_party_id}. */
    public Credentials(String token, String url, List<CredentialsRole> roles) {
        this(token, url, roles, null);
    }
}
