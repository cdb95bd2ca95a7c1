package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Payload of {@code tracking.sla-breach.detected.v1}: a party missed a service level of its agreement (or of the
 * hub's standard terms) on one session, or a session's data contradicts itself. Each kind is raised at most once
 * per session (per command for {@link Kind#COMMAND_RESULT_MISSING}, per authorization for
 * {@link Kind#AUTHORIZATION_SLOW}).
 *
 * @param breachId   the hub's id of the breach
 * @param kind       what was breached, see {@link Kind}
 * @param cpo        the CPO of the session (or of the command)
 * @param sessionId  the session's id; null for a command or authorization the hub could not tie to a session
 * @param emsp       the eMSP of the session (or of the command, the authorization), when known
 * @param commandId  the hub's command id, for command breaches; null otherwise
 * @param authorizationId the hub's authorization id, for authorization breaches; null otherwise
 * @param cdrId      the CDR that caused the breach (duplicate, totals mismatch); null otherwise
 * @param dueAt      when the awaited thing was due (timed breaches); null for breaches found on arrival
 * @param detectedAt when the hub detected the breach (its clock)
 * @param detail     one sentence for operators
 */
public record SlaBreached(
        @JsonProperty("breach_id") String breachId,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("command_id") String commandId,
        @JsonProperty("authorization_id") String authorizationId,
        @JsonProperty("cdr_id") String cdrId,
        @JsonProperty("due_at") Instant dueAt,
        @JsonProperty("detected_at") Instant detectedAt,
        @JsonProperty("detail") String detail) {

    /**
     * The Kafka key: the session key {@code <cpo cc>*<pid>*<session id>}, as on {@code tracking.session.v1}; for a
     * command (authorization) the hub could not tie to a session, the command (authorization) id, as on
     * {@code ocpi.command.v1} ({@code ocpi.authorization.v1}).
     */
    public String key() {
        return sessionId != null ? cpo + "*" + sessionId : commandId != null ? commandId : authorizationId;
    }

    /** What was breached. */
    public enum Kind {
        /** The CPO sent no CDR within the agreement's {@code cdr_within_hours} after the session ended. */
        CDR_OVERDUE,
        /** An ACTIVE session had no update for longer than the hub's stuck threshold. */
        SESSION_STUCK,
        /** The CPO accepted a command but posted no result within the command's timeout. */
        COMMAND_RESULT_MISSING,
        /** A second CDR (not a credit, not after a credit) arrived for one session. */
        DUPLICATE_CDR,
        /** The CDR's energy or cost disagrees with the session's final (COMPLETED) update. */
        CDR_TOTALS_MISMATCH,
        /** The eMSP answered a real-time authorization later than the agreement's {@code authorization_answer_within_ms}. */
        AUTHORIZATION_SLOW
    }
}
