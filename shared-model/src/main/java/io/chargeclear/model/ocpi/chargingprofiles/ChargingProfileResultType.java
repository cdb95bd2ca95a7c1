package io.chargeclear.model.ocpi.chargingprofiles;

/**
 * Outcome reported by the charge point for a charging-profile request.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfileResultType enum".
 */
public enum ChargingProfileResultType {
    ACCEPTED,
    REJECTED,
    UNKNOWN
}
