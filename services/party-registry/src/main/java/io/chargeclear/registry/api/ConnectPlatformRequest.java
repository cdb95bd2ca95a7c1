package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /admin/platforms/{id}/connection}: what the OCPI gateway learned from a partner's credentials
 * POST (registration, with token A) or PUT (update, with token C) after talking to the partner. The gateway
 * identifies the token the partner authenticated with by its SHA-256, never the token itself.
 */
public record ConnectPlatformRequest(
        @JsonProperty("presented_token_hash") @NotNull
        @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the SHA-256 of the presented token in hex (64 digits)")
        String presentedTokenHash,
        @JsonProperty("token_b") @NotBlank
        @Pattern(regexp = "[\\x20-\\x7E]{1,64}", message = "must be 1 to 64 printable ASCII characters")
        String tokenB,
        @JsonProperty("version") @NotNull
        @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){1,2}", message = "must be an OCPI version number such as 2.2.1")
        String version,
        @JsonProperty("versions_url") @NotNull @Size(max = 2048)
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String versionsUrl,
        @JsonProperty("endpoints") @NotNull List<@Valid @NotNull Endpoint> endpoints,
        @JsonProperty("roles") @NotEmpty List<@Valid @NotNull Role> roles,
        @JsonProperty("grace_seconds") @Min(0) @Max(3600) Integer graceSeconds) {

    /** One endpoint of the partner's version details; {@code role} is absent for OCPI 2.1.1 peers. */
    public record Endpoint(
            @JsonProperty("identifier") @NotBlank @Size(max = 64) String identifier,
            @JsonProperty("role") @Pattern(regexp = "SENDER|RECEIVER", message = "must be SENDER or RECEIVER") String role,
            @JsonProperty("url") @NotNull @Size(max = 2048)
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {
    }

    /** One CredentialsRole the partner declared; codes and role are case-insensitive. */
    public record Role(
            @JsonProperty("country_code") @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be two letters (ISO 3166-1 alpha-2)") String countryCode,
            @JsonProperty("party_id") @NotNull @Pattern(regexp = "[A-Za-z0-9]{3}", message = "must be three letters or digits") String partyId,
            @JsonProperty("role") @NotNull @Pattern(regexp = "(?i)CPO|EMSP|NSP|OTHER", message = "must be one of CPO, EMSP, NSP, OTHER") String role) {
    }
}
