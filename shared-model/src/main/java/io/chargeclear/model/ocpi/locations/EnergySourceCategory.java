package io.chargeclear.model.ocpi.locations;

/**
 * Category of an energy source.
 * <p>
 * OCPI 2.2.1 §mod_locations "EnergySourceCategory enum".
 */
public enum EnergySourceCategory {
    NUCLEAR,
    GENERAL_FOSSIL,
    COAL,
    GAS,
    GENERAL_GREEN,
    SOLAR,
    WIND,
    WATER
}
