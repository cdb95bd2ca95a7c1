package io.chargeclear.kit.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts the tokens partners give the hub (OCPI token B). Unlike the tokens the hub issues, which it only
 * hashes, the hub must be able to present token B again, so it is stored encrypted: AES-256-GCM with a fresh
 * random 12-byte IV per value, kept as Base64 of {@code iv || ciphertext || tag}. GCM's tag makes any change
 * to the stored value, or a different key, fail loudly instead of yielding a wrong token.
 */
public final class TokenCipher {

    /** AES-256: the key is exactly 32 bytes. */
    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public TokenCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the token encryption key must be " + KEY_BYTES + " bytes (AES-256), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, KEY_BYTES), "AES");
    }

    /** A cipher for a key given as Base64 of 32 bytes, as configuration holds it. */
    public static TokenCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the token encryption key is missing (Base64 of " + KEY_BYTES + " bytes)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token encryption key is not valid Base64");
        }
        return new TokenCipher(decoded);
    }

    /** Base64 of {@code iv || ciphertext || tag}; a new random IV every call. */
    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required by every Java platform", e);
        }
    }

    /**
     * The plaintext of a value {@link #encrypt} produced.
     *
     * @throws IllegalArgumentException if the value was altered, is not one of ours, or was sealed under another key
     */
    public String decrypt(String stored) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted token is not valid Base64");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the encrypted token is too short to hold an IV and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the encrypted token was altered or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required by every Java platform", e);
        }
    }
}
