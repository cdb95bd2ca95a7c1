package io.chargeclear.model.ocpi.commands;

/**
 * Whether the CPO accepted a command for forwarding to the charge point.
 * <p>
 * OCPI 2.2.1 §mod_commands "CommandResponseType enum".
 */
public enum CommandResponseType {
    NOT_SUPPORTED,
    REJECTED,
    ACCEPTED,
    UNKNOWN_SESSION
}
