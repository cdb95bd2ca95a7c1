package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code tracking.session.changed.v1}: a charging session routed through the hub moved to another
 * lifecycle state. The whole current view of the session travels, not the change, so the last record of a key
 * tells where the session stands; {@code revision} grows with every change, so a consumer ignores a record that
 * is not newer than the one it applied.
 *
 * @param cpo                    the CPO that owns the session (part of the key)
 * @param sessionId              the CPO's session id (part of the key)
 * @param emsp                   the eMSP of the session's token, once known
 * @param state                  the lifecycle state now, see {@link State}
 * @param previousState          the state before this change; null for a session seen the first time
 * @param ocpiStatus             the OCPI status of the newest session update (ACTIVE, COMPLETED, …); null before any
 * @param authorizationReference the session's {@code authorization_reference}, if any
 * @param commandId              the hub's id of the START_SESSION command that led to the session, if linked
 * @param authorizationId        the hub's id of the real-time authorization of the session, if linked
 * @param cdrIds                 ids of the session's CDRs (credit CDRs included), in arrival order
 * @param startDateTime          the session's {@code start_date_time}
 * @param endDateTime            the session's {@code end_date_time} (or its CDR's), once known
 * @param kwh                    energy of the newest session update, a decimal string
 * @param revision               1 for the first state, one more with every change
 * @param changedAt              when the hub's session tracking made the change (its clock)
 */
public record SessionTracked(
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("state") State state,
        @JsonProperty("previous_state") State previousState,
        @JsonProperty("ocpi_status") String ocpiStatus,
        @JsonProperty("authorization_reference") String authorizationReference,
        @JsonProperty("command_id") String commandId,
        @JsonProperty("authorization_id") String authorizationId,
        @JsonProperty("cdr_ids") List<String> cdrIds,
        @JsonProperty("start_date_time") Instant startDateTime,
        @JsonProperty("end_date_time") Instant endDateTime,
        @JsonProperty("kwh") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal kwh,
        @JsonProperty("revision") int revision,
        @JsonProperty("changed_at") Instant changedAt) {

    /** The Kafka key: the session's owner and id ({@code NL*CP1*S-1001}), as on {@code ocpi.session.v1}. */
    public String key() {
        return cpo + "*" + sessionId;
    }

    /**
     * Where a session stands. PENDING, RESERVATION, ACTIVE and INVALID mirror the OCPI status of the newest
     * session update; the others are the hub's: a COMPLETED session is AWAITING_CDR until its CDR arrives.
     */
    public enum State {
        /** OCPI PENDING: accepted, charging has not started. */
        PENDING,
        /** OCPI RESERVATION: a reservation that became a session. */
        RESERVATION,
        /** OCPI ACTIVE: charging, updates expected. */
        ACTIVE,
        /** ACTIVE, but no update for longer than the hub accepts (a SESSION_STUCK breach was raised). */
        STALE,
        /** OCPI COMPLETED, no CDR yet: the CDR clock of the SLA is running. */
        AWAITING_CDR,
        /** A CDR arrived: the session is closed for tracking. */
        CDR_RECEIVED,
        /** OCPI INVALID: the CPO declared the session invalid; no CDR is expected. */
        INVALID
    }
}
