package io.chargeclear.model.ocpi.credentials;

/**
 * Role a party plays in the OCPI network; HUB exists in 2.2.1 only.
 * <p>
 * OCPI 2.2.1 §types "Role enum".
 */
public enum Role {
    /** Charge Point Operator. */
    CPO,

    /** eMobility Service Provider. */
    EMSP,

    /** Hub. */
    HUB,

    /** National Access Point. */
    NAP,

    /** Navigation Service Provider. */
    NSP,

    /** Other role. */
    OTHER,

    /** Smart Charging Service Provider. */
    SCSP
}
