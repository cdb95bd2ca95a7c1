package io.chargeclear.model.ocpi.cdrs;

/**
 * How a session was authorized.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "AuthMethod enum".
 */
public enum AuthMethod {
    /** Real-time authorization request to the eMSP. */
    AUTH_REQUEST,

    /** Started by a StartSession command. */
    COMMAND,

    /** Authorized locally from a whitelist. */
    WHITELIST
}
