package io.chargeclear.model.ocpi.tariffs;

/**
 * The kind of session a Tariff is for; a Tariff without a type applies to all sessions.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffType enum".
 */
public enum TariffType {
    AD_HOC_PAYMENT,
    PROFILE_CHEAP,
    PROFILE_FAST,
    PROFILE_GREEN,
    REGULAR
}
