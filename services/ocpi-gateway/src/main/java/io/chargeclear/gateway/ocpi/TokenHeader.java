package io.chargeclear.gateway.ocpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads OCPI's {@code Authorization: Token <value>} header. OCPI 2.2.1 §transport_and_format "Authorization
 * header": the value is the Base64 of the token; peers built on 2.1.1/2.2 send the token itself. The header
 * therefore yields up to two candidate tokens, the decoded one first.
 */
public final class TokenHeader {

    private static final String PREFIX = "token ";

    private TokenHeader() {
    }

    /** @return the candidate tokens, or empty when the header is missing or not of the Token scheme */
    public static Optional<Set<String>> candidates(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            return Optional.empty();
        }
        String value = header.substring(PREFIX.length()).trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Set<String> candidates = new LinkedHashSet<>();
        decoded(value).ifPresent(candidates::add);
        if (printable(value)) {
            candidates.add(value);
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates);
    }

    /** The header value the hub sends: {@code Token <base64(token)>}. */
    public static String encode(String token) {
        return "Token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static Optional<String> decoded(String value) {
        try {
            String token = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            // the spec's own examples encode the token with a trailing newline; accept what they taught
            if (token.endsWith("\n")) {
                token = token.substring(0, token.length() - 1);
            }
            return printable(token) ? Optional.of(token) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** OCPI tokens are printable, non-whitespace ASCII (U+0021 to U+007E), at most 64 characters. */
    private static boolean printable(String token) {
        return !token.isEmpty() && token.length() <= 64 && token.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
