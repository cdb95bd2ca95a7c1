package io.chargeclear.model.ocpi.chargingprofiles;

/**
 * Unit of charging-profile limits.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingRateUnit enum".
 */
public enum ChargingRateUnit {
    /** Watts: total power over all phases. */
    W,

    /** Amperes: current per phase. */
    A
}
