package io.chargeclear.model.ocpi.locations;

/**
 * AC phase configuration or DC.
 * <p>
 * OCPI 2.2.1 §mod_locations "PowerType enum".
 */
public enum PowerType {
    AC_1_PHASE,
    AC_2_PHASE,
    AC_2_PHASE_SPLIT,
    AC_3_PHASE,
    DC
}
