package io.chargeclear.model.ocpi.commands;

/**
 * The command, which is also the last URL segment of the commands endpoint.
 * <p>
 * OCPI 2.2.1 §mod_commands "CommandType enum".
 */
public enum CommandType {
    CANCEL_RESERVATION,
    RESERVE_NOW,
    START_SESSION,
    STOP_SESSION,
    UNLOCK_CONNECTOR
}
