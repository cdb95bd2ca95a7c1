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
 * <p>
 * OCPI 2.2.1 §credentials "Credentials object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Credentials(
        @JsonProperty("token") @NotNull @Size(max = 64) String token,
        @JsonProperty("url") @NotNull @Size(max = 255) String url,
        @JsonProperty("roles") @NotNull @NotEmpty List<@Valid CredentialsRole> roles) {
}
