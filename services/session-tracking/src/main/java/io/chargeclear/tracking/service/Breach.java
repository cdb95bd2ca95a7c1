package io.chargeclear.tracking.service;

import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.SlaBreached.Kind;

import java.time.Instant;

/** A breach about to be raised: what, on which session (or command, or authorization), and why. */
public record Breach(Kind kind, OcpiParty cpo, String sessionId, OcpiParty emsp, String commandId,
                     String authorizationId, String cdrId, Instant dueAt, String detail) {

    /** Unique per breach: a command's (an authorization's) breach is per command (authorization), the others per session. */
    public String subject() {
        return switch (kind) {
            case COMMAND_RESULT_MISSING -> SlaWatch.commandSubject(commandId);
            case AUTHORIZATION_SLOW -> "authorization:" + authorizationId;
            default -> cpo + "*" + sessionId;
        };
    }
}
