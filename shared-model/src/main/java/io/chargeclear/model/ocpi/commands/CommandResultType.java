package io.chargeclear.model.ocpi.commands;

/**
 * Outcome reported by the charge point for a command.
 * <p>
 * OCPI 2.2.1 §mod_commands "CommandResultType enum".
 */
public enum CommandResultType {
    ACCEPTED,
    CANCELED_RESERVATION,
    EVSE_OCCUPIED,
    EVSE_INOPERATIVE,
    FAILED,
    NOT_SUPPORTED,
    REJECTED,
    TIMEOUT,
    UNKNOWN_RESERVATION
}
