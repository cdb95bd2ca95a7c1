package io.chargeclear.model.ocpi.cdrs;

/**
 * What a CdrDimension measures; CURRENT, ENERGY_EXPORT, ENERGY_IMPORT, POWER and STATE_OF_CHARGE are Session-only.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CdrDimensionType enum".
 */
public enum CdrDimensionType {
    CURRENT,
    ENERGY,
    ENERGY_EXPORT,
    ENERGY_IMPORT,
    MAX_CURRENT,
    MIN_CURRENT,
    MAX_POWER,
    MIN_POWER,
    PARKING_TIME,
    POWER,
    RESERVATION_TIME,
    STATE_OF_CHARGE,
    TIME
}
