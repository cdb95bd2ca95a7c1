package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Payload of every {@code hub.party.v1} event: the full current state of one platform and the parties it
 * may act for, keyed by platform id on a compacted topic. Carrying the whole snapshot (not a delta) lets a
 * consumer rebuild its view from the compacted topic alone; {@code revision} increases with every change
 * so a consumer can ignore a stale or replayed snapshot. {@code credentials} lists the SHA-256 hashes of the
 * tokens the hub issued to the platform that are valid now, so the gateway authenticates partners without
 * calling the registry (the tokens themselves never leave the registry's answer to whoever asked for them).
 * {@code plain_tokens} says the platform sends and expects tokens without Base64 (OCPI 2.1.1/2.2 peers).
 * {@code ocpi_version} is the OCPI version the platform registered on ({@code "2.2.1"} or {@code "2.3.0"}), shared by
 * all its parties; null while it is not connected (docs/adr/0025-ocpi-version-per-platform.md). Snapshots written
 * before the field existed lack it: a consumer reads a missing value of a connected platform as {@code "2.2.1"}.
 */
public record PlatformChanged(
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("name") String name,
        @JsonProperty("status") PlatformStatus status,
        @JsonProperty("revision") long revision,
        @JsonProperty("plain_tokens") boolean plainTokens,
        @JsonProperty("ocpi_version") String ocpiVersion,
        @JsonProperty("parties") List<Party> parties,
        @JsonProperty("credentials") List<IssuedCredential> credentials,
        @JsonProperty("changed_at") Instant changedAt) {

    public PlatformChanged {
        parties = parties == null ? List.of() : List.copyOf(parties);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** A snapshot without a negotiated OCPI version (a platform not connected yet). */
    public PlatformChanged(String platformId, String name, PlatformStatus status, long revision, boolean plainTokens,
                           List<Party> parties, List<IssuedCredential> credentials, Instant changedAt) {
        this(platformId, name, status, revision, plainTokens, null, parties, credentials, changedAt);
    }

    /** Lifecycle of a platform as the operator sets it. */
    public enum PlatformStatus { ACTIVE, SUSPENDED, UNREGISTERED }

    /**
     * A token the hub issued to the platform: {@code kind} A (registration only) or C (everything), and when it
     * stops being accepted (null: until replaced).
     */
    public record IssuedCredential(
            @JsonProperty("token_hash") String tokenHash,
            @JsonProperty("kind") String kind,
            @JsonProperty("expires_at") Instant expiresAt) {

        /** The hash this contract uses: SHA-256 of the token's UTF-8 bytes, lower-case hex. */
        public static String hashOf(String token) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
    }

    /**
     * One party (OCPI CredentialsRole identity) the operator approved for the platform. An eMSP may hold EMAID
     * provider ids ({@code emaid_provider_ids}, five characters, upper case, e.g. {@code NLTNM}): a Plug & Charge
     * authorization whose contract id starts with one goes to that eMSP (docs/adr/0029-plug-and-charge.md). A party
     * of role OTHER may be a payment terminal provider ({@code payment_terminal_provider}). Snapshots written before
     * these fields existed lack them: a consumer reads them as empty and false.
     */
    public record Party(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role,
            @JsonProperty("name") String name,
            @JsonProperty("emaid_provider_ids") List<String> emaidProviderIds,
            @JsonProperty("payment_terminal_provider") boolean paymentTerminalProvider) {

        public Party {
            emaidProviderIds = emaidProviderIds == null ? List.of() : List.copyOf(emaidProviderIds);
        }

        /** A party without EMAID provider ids that is no payment terminal provider. */
        public Party(String countryCode, String partyId, String role, String name) {
            this(countryCode, partyId, role, name, List.of(), false);
        }
    }
}
