package io.chargeclear.model.ocpi.tokens;

/**
 * Outcome of a real-time authorization.
 * <p>
 * OCPI 2.2.1 §mod_tokens "AllowedType enum".
 */
public enum AllowedType {
    ALLOWED,
    BLOCKED,
    EXPIRED,
    NO_CREDIT,
    NOT_ALLOWED
}
