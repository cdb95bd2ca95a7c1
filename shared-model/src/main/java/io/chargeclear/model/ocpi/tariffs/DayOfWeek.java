package io.chargeclear.model.ocpi.tariffs;

/**
 * Weekday in a TariffRestrictions.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "DayOfWeek enum".
 */
public enum DayOfWeek {
    MONDAY,
    TUESDAY,
    WEDNESDAY,
    THURSDAY,
    FRIDAY,
    SATURDAY,
    SUNDAY
}
