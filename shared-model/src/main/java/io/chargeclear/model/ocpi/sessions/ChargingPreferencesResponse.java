package io.chargeclear.model.ocpi.sessions;

/**
 * The CPO's answer to a ChargingPreferences update.
 * <p>
 * OCPI 2.2.1 §mod_sessions "ChargingPreferencesResponse enum".
 */
public enum ChargingPreferencesResponse {
    ACCEPTED,
    DEPARTURE_REQUIRED,
    ENERGY_NEED_REQUIRED,
    NOT_POSSIBLE,
    PROFILE_TYPE_NOT_SUPPORTED
}
