package io.chargeclear.model.ocpi.locations;

/**
 * A feature an EVSE offers to drivers or to the eMSP.
 * <p>
 * OCPI 2.2.1 §mod_locations "Capability enum".
 */
public enum Capability {
    CHARGING_PROFILE_CAPABLE,
    CHARGING_PREFERENCES_CAPABLE,
    CHIP_CARD_SUPPORT,
    CONTACTLESS_CARD_SUPPORT,
    CREDIT_CARD_PAYABLE,
    DEBIT_CARD_PAYABLE,
    PED_TERMINAL,
    REMOTE_START_STOP_CAPABLE,
    RESERVABLE,
    RFID_READER,
    START_SESSION_CONNECTOR_REQUIRED,
    TOKEN_GROUP_CAPABLE,
    UNLOCK_CAPABLE
}
