package io.chargeclear.kit.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String TOKEN_B = "partner-token-b ~!@#$%^&*() 0123456789";

    @Test
    void encryptedTokensDecryptToTheOriginal() {
        TokenCipher cipher = new TokenCipher(KEY);
        String stored = cipher.encrypt(TOKEN_B);

        assertThat(stored).doesNotContain(TOKEN_B);
        assertThat(Base64.getDecoder().decode(stored)).as("iv || ciphertext || tag")
                .hasSize(12 + TOKEN_B.length() + 16);
        assertThat(cipher.decrypt(stored)).isEqualTo(TOKEN_B);
        assertThat(TokenCipher.fromBase64Key(Base64.getEncoder().encodeToString(KEY)).decrypt(stored))
                .isEqualTo(TOKEN_B);
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        TokenCipher cipher = new TokenCipher(KEY);
        String first = cipher.encrypt(TOKEN_B);
        String second = cipher.encrypt(TOKEN_B);

        assertThat(second).isNotEqualTo(first);
        assertThat(iv(second)).isNotEqualTo(iv(first));
        assertThat(cipher.decrypt(second)).isEqualTo(cipher.decrypt(first));
    }

    @Test
    void tamperingIsDetected() {
        TokenCipher cipher = new TokenCipher(KEY);
        byte[] bytes = Base64.getDecoder().decode(cipher.encrypt(TOKEN_B));
        for (int position : new int[] {0, 12, bytes.length - 1}) {
            byte[] altered = bytes.clone();
            altered[position] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(altered)))
                    .as("flipped bit at %d", position)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("altered");
        }
        assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(new byte[20])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String stored = new TokenCipher(KEY).encrypt(TOKEN_B);
        byte[] other = KEY.clone();
        other[0] ^= 0x01;

        assertThatThrownBy(() -> new TokenCipher(other).decrypt(stored))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key");
    }

    @Test
    void onlyA32ByteKeyIsAccepted() {
        assertThatThrownBy(() -> new TokenCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key("%%%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Base64");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] iv(String stored) {
        byte[] iv = new byte[12];
        System.arraycopy(Base64.getDecoder().decode(stored), 0, iv, 0, 12);
        return iv;
    }
}
