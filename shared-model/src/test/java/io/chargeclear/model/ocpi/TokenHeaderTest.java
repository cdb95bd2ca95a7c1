package io.chargeclear.model.ocpi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHeaderTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64IsReadFirstAndThePlainReadingKeptForOlderPeers() {
        TokenHeader.Presented encoded = TokenHeader.read("Token " + b64("abc-123")).orElseThrow();
        assertThat(encoded.candidates()).containsExactly("abc-123", b64("abc-123"));
        assertThat(encoded.encoded("abc-123")).isTrue();
        assertThat(encoded.encoded(b64("abc-123"))).isFalse();

        TokenHeader.Presented plain = TokenHeader.read("Token abc-123").orElseThrow();
        assertThat(plain.candidates()).containsExactly("abc-123");
        assertThat(plain.encoded("abc-123")).isFalse();
    }

    @Test
    void theSpecExamplesTrailingNewlineIsForgiven() {
        // OCPI's own example: ZXhhbXBsZS10b2tlbgo= is "example-token\n"
        assertThat(TokenHeader.read("Token ZXhhbXBsZS10b2tlbgo=").orElseThrow().candidates())
                .first().isEqualTo("example-token");
    }

    @Test
    void otherSchemesAndEmptyValuesAreNoToken() {
        assertThat(TokenHeader.read(null)).isEmpty();
        assertThat(TokenHeader.read("Bearer abc")).isEmpty();
        assertThat(TokenHeader.read("Token ")).isEmpty();
        assertThat(TokenHeader.read("token " + b64("x"))).isPresent();
    }

    @Test
    void theHubSendsBase64UnlessThePeerUsesPlainTokens() {
        assertThat(TokenHeader.encode("example-token")).isEqualTo("Token ZXhhbXBsZS10b2tlbg==");
        assertThat(TokenHeader.encode("example-token", true)).isEqualTo("Token example-token");
    }
}
