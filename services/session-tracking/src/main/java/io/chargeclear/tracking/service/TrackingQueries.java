package io.chargeclear.tracking.service;

import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.SessionTracked.State;
import io.chargeclear.tracking.persistence.SessionTransition;
import io.chargeclear.tracking.persistence.SessionUpdate;
import io.chargeclear.tracking.persistence.SlaBreach;
import io.chargeclear.tracking.persistence.SlaTimer;
import io.chargeclear.tracking.persistence.TrackedAuthorization;
import io.chargeclear.tracking.persistence.TrackedCdr;
import io.chargeclear.tracking.persistence.TrackedCommand;
import io.chargeclear.tracking.persistence.TrackedSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracking answers: sessions by party, state and period, one session's timeline, breaches. Every query takes
 * the party it is asked for ({@code null} for the operator, who sees everything); a party sees only the sessions it
 * is the CPO or the eMSP of, so a partner-facing view reuses these queries with the authenticated party.
 * Runs in the caller's session.
 */
@ApplicationScoped
public class TrackingQueries {

    /** What the session list is filtered by; every part optional. */
    public record SessionFilter(State state, Instant from, Instant to, int limit, int offset) {
    }

    /** Sessions whose start (or first sighting) lies in [from, to), newest first. */
    public Uni<List<TrackedSession>> sessions(OcpiParty party, SessionFilter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (party != null) {
            where.append(" and ((countryCode = :cc and partyId = :pid) or (emspCountryCode = :cc and emspPartyId = :pid))");
            params.put("cc", party.countryCode());
            params.put("pid", party.partyId());
        }
        if (filter.state() != null) {
            where.append(" and state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.from() != null) {
            where.append(" and startedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and startedAt < :to");
            params.put("to", filter.to());
        }
        return TrackedSession.<TrackedSession>find(where + " order by startedAt desc, id desc", params)
                .range(filter.offset(), filter.offset() + filter.limit() - 1).list();
    }

    /** One session, if {@code party} (null: the operator) may see it. */
    public Uni<TrackedSession> session(OcpiParty party, String countryCode, String partyId, String sessionId) {
        return TrackedSession.<TrackedSession>find("countryCode = ?1 and partyId = ?2 and sessionId = ?3",
                countryCode, partyId, sessionId).firstResult().map(ts -> ts == null || party == null
                || party.equals(SessionTracker.cpo(ts)) || party.equals(SessionTracker.emsp(ts)) ? ts : null);
    }

    /**
     * Everything known of one session in the order it happened (by the time each fact carries: the command's and
     * authorization's hub time, the session update's and CDR's {@code last_updated}, the breach's detection), so
     * the timeline is the same whatever order the topics were read in.
     */
    public Uni<List<Map<String, Object>>> timeline(TrackedSession ts) {
        String cc = ts.countryCode;
        String pid = ts.partyId;
        String sid = ts.sessionId;
        List<Map<String, Object>> entries = new ArrayList<>();
        return TrackedCommand.<TrackedCommand>list("cpoCountryCode = ?1 and cpoPartyId = ?2 and sessionId = ?3",
                        cc, pid, sid)
                .invoke(commands -> commands.forEach(c -> {
                    if (c.requestedAt != null) {
                        entries.add(entry(c.requestedAt, "command.requested", "command_id", c.commandId,
                                "command", c.command, "emsp", c.emspCountryCode + "*" + c.emspPartyId,
                                "response", c.responseResult, "hub_status", c.hubStatus,
                                "authorization_reference", c.authorizationReference));
                    }
                    if (c.resultAt != null) {
                        entries.add(entry(c.resultAt, "command.result", "command_id", c.commandId, "command", c.command,
                                "result", c.result));
                    }
                }))
                .flatMap(done -> TrackedAuthorization.<TrackedAuthorization>list("cpoCountryCode = ?1"
                        + " and cpoPartyId = ?2 and sessionId = ?3", cc, pid, sid))
                .invoke(auths -> auths.forEach(a -> entries.add(entry(a.decidedAt, "authorization.decided",
                        "authorization_id", a.authorizationId, "token_uid", a.tokenUid, "allowed", a.allowed,
                        "authorization_reference", a.authorizationReference, "ocpi_status", a.ocpiStatus,
                        "latency_ms", a.latencyMs))))
                .flatMap(done -> SessionUpdate.<SessionUpdate>list("countryCode = ?1 and partyId = ?2"
                        + " and sessionId = ?3", cc, pid, sid))
                .invoke(updates -> updates.forEach(u -> entries.add(entry(u.lastUpdated, "session.updated",
                        "status", u.status, "kwh", u.kwh == null ? null : u.kwh.stripTrailingZeros().toPlainString(),
                        "operation", u.operation))))
                .flatMap(done -> TrackedCdr.<TrackedCdr>list("countryCode = ?1 and partyId = ?2 and sessionId = ?3",
                        cc, pid, sid))
                .invoke(cdrs -> cdrs.forEach(c -> entries.add(entry(c.lastUpdated, "cdr.received", "cdr_id", c.cdrId,
                        "credit", c.credit, "credit_reference_id", c.creditReferenceId,
                        "total_energy", c.totalEnergy == null ? null : c.totalEnergy.stripTrailingZeros().toPlainString(),
                        "total_cost_excl_vat", c.totalCostExclVat == null ? null
                                : c.totalCostExclVat.stripTrailingZeros().toPlainString(), "currency", c.currency))))
                .flatMap(done -> breaches(ts))
                .map(breaches -> {
                    breaches.forEach(b -> entries.add(entry(b.detectedAt, "sla.breached", "breach_id",
                            b.breachId.toString(), "breach", b.kind)));
                    entries.sort(Comparator.comparing((Map<String, Object> e) -> (Instant) e.get("at"))
                            .thenComparing(e -> RANK.indexOf((String) e.get("kind")))
                            .thenComparing(e -> String.valueOf(e.get("status")))
                            .thenComparing(e -> String.valueOf(e.get("cdr_id"))));
                    return entries;
                });
    }

    private static final List<String> RANK = List.of("command.requested", "authorization.decided", "command.result",
            "session.updated", "cdr.received", "sla.breached");

    /** The session's SLA deadlines: pending, fired or cancelled (they are rows, so a restart keeps them). */
    public Uni<List<SlaTimer>> deadlines(TrackedSession ts) {
        return SlaTimer.list("subject = ?1 order by dueAt", ts.key());
    }

    /** In the order they happened: ids come in per-instance blocks, so they order only one instance's rows. */
    public Uni<List<SessionTransition>> transitions(TrackedSession ts) {
        return SessionTransition.list("countryCode = ?1 and partyId = ?2 and sessionId = ?3 order by at, id",
                ts.countryCode, ts.partyId, ts.sessionId);
    }

    public Uni<List<SlaBreach>> breaches(TrackedSession ts) {
        return SlaBreach.list("countryCode = ?1 and partyId = ?2 and sessionId = ?3 order by detectedAt",
                ts.countryCode, ts.partyId, ts.sessionId);
    }

    /** Breaches detected at or after {@code since} (all when null), oldest first, that {@code party} may see. */
    public Uni<List<SlaBreach>> breaches(OcpiParty party, Instant since, String kind, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (party != null) {
            where.append(" and ((countryCode = :cc and partyId = :pid) or (emspCountryCode = :cc and emspPartyId = :pid))");
            params.put("cc", party.countryCode());
            params.put("pid", party.partyId());
        }
        if (since != null) {
            where.append(" and detectedAt >= :since");
            params.put("since", since);
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        return SlaBreach.<SlaBreach>find(where + " order by detectedAt, breachId", params).range(0, limit - 1).list();
    }

    private static Map<String, Object> entry(Instant at, String kind, Object... fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at);
        entry.put("kind", kind);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                entry.put((String) fields[i], fields[i + 1]);
            }
        }
        return entry;
    }
}
