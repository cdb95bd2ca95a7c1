package io.chargeclear.model.ocpi.chargingprofiles;

/**
 * Whether the CPO accepted a charging-profile request for forwarding.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfileResponseType enum".
 */
public enum ChargingProfileResponseType {
    ACCEPTED,
    NOT_SUPPORTED,
    REJECTED,
    TOO_OFTEN,
    UNKNOWN_SESSION
}
