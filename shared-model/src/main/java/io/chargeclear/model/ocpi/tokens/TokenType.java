package io.chargeclear.model.ocpi.tokens;

/**
 * Kind of token.
 * <p>
 * OCPI 2.2.1 §mod_tokens "TokenType enum".
 */
public enum TokenType {
    /** One-time id generated for an ad-hoc user. */
    AD_HOC_USER,

    /** Stable id of an app user. */
    APP_USER,

    /** Other type. */
    OTHER,

    /** RFID card; the uid is the card's UID as read. */
    RFID
}
