package io.chargeclear.model.ocpi.tokens;

/**
 * Whether a CPO may authorize a token locally or must ask the eMSP in real time.
 * <p>
 * OCPI 2.2.1 §mod_tokens "WhitelistType enum".
 */
public enum WhitelistType {
    /** Authorize locally; real-time authorization is not allowed. */
    ALWAYS,

    /** CPO chooses between local and real-time authorization. */
    ALLOWED,

    /** Real-time authorization; locally only when the eMSP is unreachable. */
    ALLOWED_OFFLINE,

    /** Always real-time authorization. */
    NEVER
}
