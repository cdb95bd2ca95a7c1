package io.chargeclear.model.ocpi;

import io.chargeclear.model.event.PlatformChanged;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes OCPI's {@code Authorization: Token <value>} header. OCPI 2.2.1 §transport_and_format
 * "Authorization header": the value is the Base64 of the token; peers built on 2.1.1/2.2 send the token
 * itself. A header therefore presents up to two readings, and which one matched tells the form the peer used.
 */
public final class TokenHeader {

    private static final String PREFIX = "token ";

    private TokenHeader() {
    }

    /**
     * The readings of one header value.
     *
     * @param decoded the Base64-decoded token, if the value decodes to a plausible token
     * @param plain   the value itself, if it is a plausible token
     */
    public record Presented(Optional<String> decoded, Optional<String> plain) {

        /** Decoded first: the 2.2.1 form wins when both readings happen to be plausible. */
        public List<String> candidates() {
            List<String> candidates = new ArrayList<>(2);
            decoded.ifPresent(candidates::add);
            plain.filter(p -> !decoded.map(p::equals).orElse(false)).ifPresent(candidates::add);
            return candidates;
        }

        /** True when {@code token} is this header's Base64 reading, i.e. the peer encoded it as 2.2.1 asks. */
        public boolean encoded(String token) {
            return decoded.map(token::equals).orElse(false);
        }
    }

    /** @return the readings, or empty when the header is missing, of another scheme, or holds no plausible token */
    public static Optional<Presented> read(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            return Optional.empty();
        }
        String value = header.substring(PREFIX.length()).trim();
        Presented presented = new Presented(decoded(value), Optional.of(value).filter(TokenHeader::printable));
        return presented.candidates().isEmpty() ? Optional.empty() : Optional.of(presented);
    }

    /** The header value the hub sends: {@code Token <base64(token)>}, or the plain token to older peers. */
    public static String encode(String token, boolean plain) {
        return "Token " + (plain ? token : Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The OCPI 2.2.1 form: {@code Token <base64(token)>}. */
    public static String encode(String token) {
        return encode(token, false);
    }

    /** The hash under which the registry announces a token (hub.party.v1's definition). */
    public static String sha256(String token) {
        return PlatformChanged.IssuedCredential.hashOf(token);
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
