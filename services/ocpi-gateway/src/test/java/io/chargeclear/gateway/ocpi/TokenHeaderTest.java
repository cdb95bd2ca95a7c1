package io.chargeclear.gateway.ocpi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHeaderTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64TokenIsDecodedFirstAndTheRawFormKeptForOlderPeers() {
        assertThat(TokenHeader.candidates("Token " + b64("abc-123"))).hasValueSatisfying(c ->
                assertThat(c).containsExactly("abc-123", b64("abc-123")));
        assertThat(TokenHeader.candidates("Token abc-123")).hasValueSatisfying(c ->
                assertThat(c).containsExactly("abc-123"));
    }

    @Test
    void theSpecExamplesTrailingNewlineIsForgiven() {
        // OCPI's own example: ZXhhbXBsZS10b2tlbgo= is "example-token\n"
        assertThat(TokenHeader.candidates("Token ZXhhbXBsZS10b2tlbgo=")).hasValueSatisfying(c ->
                assertThat(c).first().isEqualTo("example-token"));
    }

    @Test
    void otherSchemesAndEmptyValuesAreNoToken() {
        assertThat(TokenHeader.candidates(null)).isEmpty();
        assertThat(TokenHeader.candidates("Bearer abc")).isEmpty();
        assertThat(TokenHeader.candidates("Token ")).isEmpty();
        assertThat(TokenHeader.candidates("token " + b64("x"))).isPresent();
    }

    @Test
    void theHubSendsBase64() {
        assertThat(TokenHeader.encode("example-token")).isEqualTo("Token ZXhhbXBsZS10b2tlbg==");
    }
}
