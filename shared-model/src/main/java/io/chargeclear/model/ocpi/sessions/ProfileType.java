package io.chargeclear.model.ocpi.sessions;

/**
 * Kind of smart-charging preference.
 * <p>
 * OCPI 2.2.1 §mod_sessions "ProfileType enum".
 */
public enum ProfileType {
    CHEAP,
    FAST,
    GREEN,
    REGULAR
}
