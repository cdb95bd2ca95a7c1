package io.chargeclear.registry.domain;

/** How the hub treats a CPO–eMSP pair without an agreement in effect (the standard terms' mode). */
public enum RoamingMode {
    /** The default: without an agreement a pair neither sees nor reaches each other. */
    AGREEMENT_REQUIRED,
    /** Everyone may roam with everyone; the standard terms govern pairs without an agreement. */
    OPEN_MARKET
}
