package io.chargeclear.tracking.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.AuthorizationDecided;
import io.chargeclear.model.event.CommandExchanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.SessionTracked;
import io.chargeclear.model.event.SessionTracked.State;
import io.chargeclear.model.event.SlaBreached.Kind;
import io.chargeclear.tracking.config.TrackingConfig;
import io.chargeclear.tracking.domain.Lifecycle;
import io.chargeclear.tracking.domain.Totals;
import io.chargeclear.tracking.persistence.Native;
import io.chargeclear.tracking.persistence.SessionTransition;
import io.chargeclear.tracking.persistence.TrackedAuthorization;
import io.chargeclear.tracking.persistence.TrackedCdr;
import io.chargeclear.tracking.persistence.TrackedCommand;
import io.chargeclear.tracking.persistence.TrackedSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Follows each session from the eMSP's command or the CPO's first push to its CDR (docs/adr/0012). Every fact is
 * stored once (a re-sent update, a redelivered CDR change nothing), the session's state is a function of the facts
 * and not of their order, commands and authorizations wait unlinked until their session appears, and each state
 * change leaves as {@code tracking.session.v1} through the outbox. Runs in the caller's transaction.
 */
@ApplicationScoped
public class SessionTracker {

    private static final Logger LOG = Logger.getLogger(SessionTracker.class);

    private final TrackingClock clock;
    private final SlaWatch sla;
    private final Outbox outbox;
    private final TrackingConfig config;
    private final AgreementBook book;

    public SessionTracker(TrackingClock clock, SlaWatch sla, Outbox outbox, TrackingConfig config, AgreementBook book) {
        this.book = book;
        this.clock = clock;
        this.sla = sla;
        this.outbox = outbox;
        this.config = config;
    }

    // --- sessions ---------------------------------------------------------------------------------------------

    /** A session PUT or PATCH the gateway routed (the whole session as it stands). */
    public Uni<Void> sessionChanged(OcpiObjectChanged change) {
        JsonNode s = change.object();
        String status = s == null ? null : text(s, "status");
        Instant lastUpdated = change.lastUpdated() != null ? change.lastUpdated() : s == null ? null
                : instant(s, "last_updated");
        if (status == null || lastUpdated == null) {
            LOG.warnf("skipping session %s: no status or last_updated", change.key());
            return Uni.createFrom().voidItem();
        }
        OcpiParty cpo = change.owner();
        String sessionId = change.objectId();
        Instant now = clock.now();
        Instant start = instant(s, "start_date_time");
        BigDecimal kwh = decimal(s.path("kwh"));
        return Native.execute("""
                                insert into session_update (country_code, party_id, session_id, last_updated, status, kwh,
                                    operation, received_at)
                                values (:cc, :pid, :sid, :lu, :status, :kwh, :op, :received)
                                on conflict (country_code, party_id, session_id, last_updated, status) do nothing""",
                        "cc", cpo.countryCode(), "pid", cpo.partyId(), "sid", sessionId, "lu", lastUpdated,
                        "status", status, "kwh", kwh, "op", change.operation() == null ? "PUT" : change.operation(),
                        "received", change.receivedAt())
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : lock(cpo, sessionId, start != null ? start : now, now).flatMap(ts -> {
                            OcpiParty emsp = change.recipient() != null ? change.recipient() : party(s.path("cdr_token"));
                            know(ts, emsp, text(s.path("cdr_token"), "uid"), text(s, "authorization_reference"),
                                    text(s, "location_id"));
                            if (ts.sessionLastUpdated == null || !lastUpdated.isBefore(ts.sessionLastUpdated)) {
                                ts.ocpiStatus = status;
                                ts.sessionLastUpdated = lastUpdated;
                                ts.kwh = kwh;
                                ts.currency = text(s, "currency");
                                ts.totalCostExclVat = beforeTaxes(s.path("total_cost"));
                                Instant end = instant(s, "end_date_time");
                                ts.endDateTime = end != null ? end : ts.endDateTime;
                                if (start != null) {
                                    ts.startDateTime = start;
                                    ts.startedAt = start;
                                }
                            }
                            // any update shows the CPO still speaks of the session
                            ts.lastUpdateSeenAt = now;
                            ts.stuck = false;
                            return link(ts).flatMap(done -> watch(ts, now))
                                    .flatMap(done -> announce(ts, "session " + status));
                        }));
    }

    /** A CDR the gateway routed; it closes its session (OCPI 2.2.1 §cdrs: {@code session_id}). */
    public Uni<Void> cdrReceived(OcpiObjectChanged change) {
        JsonNode c = change.object();
        String sessionId = c == null ? null : text(c, "session_id");
        if (sessionId == null) {
            LOG.infof("CDR %s names no session; not tracked", change.key());
            return Uni.createFrom().voidItem();
        }
        OcpiParty cpo = change.owner();
        String cdrId = change.objectId();
        boolean credit = c.path("credit").asBoolean(false);
        Instant now = clock.now();
        Instant start = instant(c, "start_date_time");
        Instant end = instant(c, "end_date_time");
        Instant lastUpdated = change.lastUpdated() != null ? change.lastUpdated() : instant(c, "last_updated");
        return Native.execute("""
                                insert into tracked_cdr (country_code, party_id, cdr_id, session_id, credit,
                                    credit_reference_id, total_energy, currency, total_cost_excl_vat, end_date_time,
                                    last_updated, received_at, seen_at)
                                values (:cc, :pid, :cdr, :sid, :credit, :ref, :energy, :currency, :cost, :end, :lu,
                                    :received, :now)
                                on conflict (country_code, party_id, cdr_id) do nothing""",
                        "cc", cpo.countryCode(), "pid", cpo.partyId(), "cdr", cdrId, "sid", sessionId, "credit", credit,
                        "ref", text(c, "credit_reference_id"), "energy", decimal(c.path("total_energy")),
                        "currency", text(c, "currency"), "cost", beforeTaxes(c.path("total_cost")),
                        "end", end, "lu", lastUpdated != null ? lastUpdated : now, "received", change.receivedAt(),
                        "now", now)
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : lock(cpo, sessionId, start != null ? start : now, now).flatMap(ts -> {
                            OcpiParty emsp = change.recipient() != null ? change.recipient() : party(c.path("cdr_token"));
                            know(ts, emsp, text(c.path("cdr_token"), "uid"), text(c, "authorization_reference"),
                                    text(c.path("cdr_location"), "id"));
                            if (ts.startDateTime == null && start != null) {
                                ts.startDateTime = start;
                                ts.startedAt = start;
                            }
                            if (ts.endDateTime == null) {
                                ts.endDateTime = end;
                            }
                            ts.cdrReceived = true;
                            return sla.cancel(ts.key(), Kind.CDR_OVERDUE)
                                    .flatMap(done -> sla.cancel(ts.key(), Kind.SESSION_STUCK))
                                    .flatMap(done -> credit ? Uni.createFrom().voidItem() : duplicate(ts, cdrId))
                                    .flatMap(done -> checkTotals(ts))
                                    .flatMap(done -> link(ts))
                                    .flatMap(done -> announce(ts, "cdr " + cdrId));
                        }));
    }

    /** The session row, created if this is the first event naming it, locked for this transaction. */
    private static Uni<TrackedSession> lock(OcpiParty cpo, String sessionId, Instant startedAt, Instant now) {
        return Native.execute("""
                                insert into tracked_session (country_code, party_id, session_id, state, started_at,
                                    first_seen_at, stuck, cdr_received, revision)
                                values (:cc, :pid, :sid, 'PENDING', :started, :now, false, false, 0)
                                on conflict (country_code, party_id, session_id) do nothing""",
                        "cc", cpo.countryCode(), "pid", cpo.partyId(), "sid", sessionId, "started", startedAt, "now", now)
                .flatMap(done -> TrackedSession.<TrackedSession>find("countryCode = ?1 and partyId = ?2 and sessionId = ?3",
                        cpo.countryCode(), cpo.partyId(), sessionId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult());
    }

    /** Locks a known session; null when the hub has not seen it. */
    public static Uni<TrackedSession> lockKnown(String countryCode, String partyId, String sessionId) {
        return TrackedSession.<TrackedSession>find("countryCode = ?1 and partyId = ?2 and sessionId = ?3",
                countryCode, partyId, sessionId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static void know(TrackedSession ts, OcpiParty emsp, String tokenUid, String reference, String locationId) {
        if (emsp != null) {
            ts.emspCountryCode = emsp.countryCode();
            ts.emspPartyId = emsp.partyId();
        }
        ts.tokenUid = tokenUid != null ? tokenUid : ts.tokenUid;
        ts.authorizationReference = reference != null ? reference : ts.authorizationReference;
        ts.locationId = locationId != null ? locationId : ts.locationId;
    }

    /** The SLA bookkeeping after a session update: stuck watch while ACTIVE, CDR deadline once COMPLETED. */
    private Uni<Void> watch(TrackedSession ts, Instant now) {
        String key = ts.key();
        if (ts.cdrReceived) {
            return sla.cancel(key, Kind.SESSION_STUCK).flatMap(done -> checkTotals(ts));
        }
        return switch (ts.ocpiStatus) {
            case "ACTIVE" -> sla.rearm(key, Kind.SESSION_STUCK, ts.countryCode, ts.partyId, ts.sessionId,
                    now.plus(config.stuckAfter()), "no update for " + config.stuckAfter());
            case "COMPLETED" -> sla.cancel(key, Kind.SESSION_STUCK).flatMap(done -> cdrDeadline(ts)).flatMap(terms ->
                    sla.schedule(key, Kind.CDR_OVERDUE, ts.countryCode, ts.partyId, ts.sessionId, null,
                            now.plusSeconds(terms.cdrWithinHours() * 3600L), terms.cdrBasis()));
            case "INVALID" -> sla.cancel(key, Kind.SESSION_STUCK).flatMap(done -> sla.cancel(key, Kind.CDR_OVERDUE));
            default -> sla.cancel(key, Kind.SESSION_STUCK);
        };
    }

    /**
     * The service levels that apply to a pair and where they come from: the agreement in effect at the session's
     * start, else the hub's standard terms, else the configured default (and no authorization limit).
     */
    public record Terms(int cdrWithinHours, Integer authorizationAnswerWithinMs, String source) {

        /** The CDR deadline as breaches name it: {@code 48 h (agreement …)}. */
        public String cdrBasis() {
            return cdrWithinHours + " h (" + source + ")";
        }
    }

    Uni<Terms> cdrDeadline(TrackedSession ts) {
        return terms(cpo(ts), emsp(ts), ts.startDateTime != null ? ts.startDateTime : ts.firstSeenAt);
    }

    /**
     * The terms of a CPO–eMSP pair ({@code emsp} may be unknown) for a session started at {@code at}: the SLA of the
     * agreement in effect then (by the agreement book's one rule, so an agreement ended later still governs the
     * session), else the standard terms' SLA, else the configured default. Read from memory.
     */
    public Uni<Terms> terms(OcpiParty cpo, OcpiParty emsp, Instant at) {
        Optional<Agreement> agreement = emsp == null ? Optional.empty()
                : book.inEffect(cpo, emsp, at).filter(a -> a.sla() != null);
        Terms terms = agreement.map(a -> new Terms(a.sla().cdrWithinHours(), a.sla().authorizationAnswerWithinMs(),
                        "agreement " + a.agreementId()))
                .or(() -> book.standardTerms().filter(t -> t.sla() != null)
                        .map(t -> new Terms(t.sla().cdrWithinHours(), t.sla().authorizationAnswerWithinMs(),
                                "hub standard terms")))
                .orElseGet(() -> new Terms(config.defaultCdrWithinHours(), null, "hub default; no terms known"));
        return Uni.createFrom().item(terms);
    }

    /** Another CDR for this session that no credit CDR took back: the session is billed twice. */
    private Uni<Void> duplicate(TrackedSession ts, String cdrId) {
        return TrackedCdr.<TrackedCdr>list("countryCode = ?1 and partyId = ?2 and sessionId = ?3",
                ts.countryCode, ts.partyId, ts.sessionId).flatMap(cdrs -> {
            Set<String> credited = cdrs.stream().filter(c -> c.credit && c.creditReferenceId != null)
                    .map(c -> c.creditReferenceId).collect(Collectors.toSet());
            List<String> standing = cdrs.stream().filter(c -> !c.credit && !credited.contains(c.cdrId))
                    .map(c -> c.cdrId).sorted().toList();
            if (standing.size() < 2) {
                return Uni.createFrom().voidItem();
            }
            return sla.raise(new Breach(Kind.DUPLICATE_CDR, cpo(ts), ts.sessionId, emsp(ts), null, null, cdrId, null,
                    "session " + ts.sessionId + " has " + standing.size() + " CDRs no credit CDR took back: "
                            + String.join(", ", standing))).replaceWithVoid();
        });
    }

    /** Compares the session's final (COMPLETED) update with its CDR, in whichever order the two arrived. */
    private Uni<Void> checkTotals(TrackedSession ts) {
        if (!ts.cdrReceived || !"COMPLETED".equals(ts.ocpiStatus)) {
            return Uni.createFrom().voidItem();
        }
        return TrackedCdr.<TrackedCdr>find("countryCode = ?1 and partyId = ?2 and sessionId = ?3 and credit = false"
                        + " order by seenAt, id", ts.countryCode, ts.partyId, ts.sessionId).firstResult()
                .flatMap(cdr -> {
                    if (cdr == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Optional<String> disagreement = Totals.disagreement(ts.kwh, ts.currency, ts.totalCostExclVat,
                            cdr.totalEnergy, cdr.currency, cdr.totalCostExclVat, config.energyTolerance(),
                            config.costTolerance());
                    return disagreement.isEmpty() ? Uni.createFrom().voidItem()
                            : sla.raise(new Breach(Kind.CDR_TOTALS_MISMATCH, cpo(ts), ts.sessionId, emsp(ts), null,
                                    null, cdr.cdrId, null, disagreement.get())).replaceWithVoid();
                });
    }

    // --- commands and authorizations --------------------------------------------------------------------------

    /** One step of a command exchange: the request with the CPO's answer, or the CPO's asynchronous result. */
    public Uni<Void> command(CommandExchanged c, boolean isResult) {
        if (!"commands".equals(c.module()) || c.cpo() == null || c.emsp() == null) {
            return Uni.createFrom().voidItem();
        }
        String subject = SlaWatch.commandSubject(c.commandId());
        return Native.execute("""
                                insert into tracked_command (command_id, command, cpo_country_code, cpo_party_id,
                                    emsp_country_code, emsp_party_id)
                                values (:id, :command, :cc, :pid, :ecc, :epid)
                                on conflict (command_id) do nothing""",
                        "id", c.commandId(), "command", c.command(), "cc", c.cpo().countryCode(),
                        "pid", c.cpo().partyId(), "ecc", c.emsp().countryCode(), "epid", c.emsp().partyId())
                .flatMap(done -> TrackedCommand.<TrackedCommand>findById(c.commandId(), LockModeType.PESSIMISTIC_WRITE))
                .flatMap(cmd -> {
                    Uni<Void> timers;
                    if (isResult) {
                        cmd.result = c.result() == null ? null : text(c.result(), "result");
                        cmd.resultAt = c.occurredAt();
                        timers = sla.cancel(subject, Kind.COMMAND_RESULT_MISSING);
                    } else {
                        JsonNode request = c.request();
                        cmd.requestedAt = c.occurredAt();
                        cmd.hubStatus = c.hubStatus();
                        if (request != null) {
                            cmd.tokenUid = text(request.path("token"), "uid");
                            cmd.authorizationReference = text(request, "authorization_reference");
                            cmd.locationId = text(request, "location_id");
                            String named = text(request, "session_id");
                            cmd.sessionId = named != null ? named : cmd.sessionId;
                        }
                        cmd.responseResult = c.response() == null ? null : text(c.response(), "result");
                        cmd.timeoutSeconds = c.response() == null || !c.response().path("timeout").canConvertToInt()
                                ? null : c.response().path("timeout").asInt();
                        boolean awaitsResult = "ACCEPTED".equals(cmd.responseResult) && cmd.result == null
                                && c.hubStatus() == 1000;
                        Duration timeout = cmd.timeoutSeconds != null && cmd.timeoutSeconds > 0
                                ? Duration.ofSeconds(cmd.timeoutSeconds) : config.commandResultTimeout();
                        timers = !awaitsResult ? Uni.createFrom().voidItem()
                                : sla.schedule(subject, Kind.COMMAND_RESULT_MISSING, cmd.cpoCountryCode,
                                cmd.cpoPartyId, null, cmd.commandId, clock.now().plus(timeout),
                                cmd.timeoutSeconds != null ? "the CPO's timeout of " + timeout
                                        : "the hub's default command timeout of " + timeout);
                    }
                    return timers.flatMap(done -> linkToSession(cmd));
                });
    }

    /** A START_SESSION that arrives after its session (or whose session arrived meanwhile) is tied to it now. */
    private Uni<Void> linkToSession(TrackedCommand cmd) {
        if (!TrackedCommand.START_SESSION.equals(cmd.command) || cmd.sessionId != null) {
            return Uni.createFrom().voidItem();
        }
        return sessionFor(cmd.cpoCountryCode, cmd.cpoPartyId, cmd.authorizationReference, cmd.tokenUid,
                cmd.requestedAt, "select 1 from TrackedCommand c where c.cpoCountryCode = s.countryCode and c.cpoPartyId = s.partyId"
                        + " and c.sessionId = s.sessionId and c.command = 'START_SESSION'")
                .invoke(session -> cmd.sessionId = session == null ? null : session.sessionId)
                .replaceWithVoid();
    }

    /** A real-time authorization the hub routed. */
    public Uni<Void> authorization(AuthorizationDecided a) {
        if (a.cpo() == null || a.tokenUid() == null) {
            return Uni.createFrom().voidItem();
        }
        return TrackedAuthorization.<TrackedAuthorization>findById(a.authorizationId()).flatMap(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            TrackedAuthorization auth = new TrackedAuthorization();
            auth.authorizationId = a.authorizationId();
            auth.cpoCountryCode = a.cpo().countryCode();
            auth.cpoPartyId = a.cpo().partyId();
            auth.emspCountryCode = a.emsp() == null ? null : a.emsp().countryCode();
            auth.emspPartyId = a.emsp() == null ? null : a.emsp().partyId();
            auth.tokenUid = a.tokenUid();
            auth.authorizationReference = a.authorizationReference();
            auth.allowed = a.allowed();
            auth.ocpiStatus = a.ocpiStatus();
            auth.latencyMs = a.latencyMs();
            auth.decidedAt = a.decidedAt() != null ? a.decidedAt() : clock.now();
            boolean allowed = "ALLOWED".equals(a.allowed());
            Uni<TrackedSession> session = allowed || a.authorizationReference() != null
                    ? sessionFor(auth.cpoCountryCode, auth.cpoPartyId, auth.authorizationReference,
                    allowed ? auth.tokenUid : null, auth.decidedAt, "select 1 from TrackedAuthorization a where a.cpoCountryCode = s.countryCode"
                            + " and a.cpoPartyId = s.partyId and a.sessionId = s.sessionId")
                    : Uni.createFrom().nullItem();
            return session.flatMap(s -> {
                auth.sessionId = s == null ? null : s.sessionId;
                return auth.persist();
            }).call(() -> Panache.getSession().flatMap(hs -> hs.flush())).flatMap(done -> answerTime(auth));
        });
    }

    /** An eMSP slower than its terms allow (OCPI 2.2.1 §tokens real-time authorization) is a breach. */
    private Uni<Void> answerTime(TrackedAuthorization auth) {
        if (auth.latencyMs == null || auth.emspCountryCode == null) {
            return Uni.createFrom().voidItem();
        }
        OcpiParty cpo = new OcpiParty(auth.cpoCountryCode, auth.cpoPartyId);
        OcpiParty emsp = new OcpiParty(auth.emspCountryCode, auth.emspPartyId);
        return terms(cpo, emsp, auth.decidedAt).flatMap(terms -> {
            Integer limit = terms.authorizationAnswerWithinMs();
            if (limit == null || auth.latencyMs <= limit) {
                return Uni.createFrom().voidItem();
            }
            return sla.raise(new Breach(Kind.AUTHORIZATION_SLOW, cpo, auth.sessionId, emsp, null,
                    auth.authorizationId, null, null, "the eMSP answered the authorization of token " + auth.tokenUid
                    + " in " + auth.latencyMs + " ms; " + terms.source() + " allows " + limit + " ms")).replaceWithVoid();
        });
    }

    /**
     * The session a command or authorization that arrived after it belongs to: the one with its authorization
     * reference, else the newest one of its token that has no such link yet ({@code linkedHql} names that link).
     */
    private Uni<TrackedSession> sessionFor(String cc, String pid, String reference, String tokenUid, Instant at,
                                           String linkedHql) {
        if (reference == null && tokenUid == null) {
            return Uni.createFrom().nullItem();
        }
        return TrackedSession.<TrackedSession>list("from TrackedSession s where s.countryCode = ?1 and s.partyId = ?2"
                        + " and (s.authorizationReference = ?3 or s.tokenUid = ?4) and not exists (" + linkedHql + ")"
                        + " order by s.firstSeenAt desc", cc, pid, reference == null ? "" : reference,
                tokenUid == null ? "" : tokenUid)
                .map(candidates -> pick(candidates.stream().map(s -> new Candidate<>(s, s.authorizationReference,
                        s.tokenUid, s.startDateTime)).toList(), reference, tokenUid, at));
    }

    /** Ties the session to the START_SESSION command and the authorization that wait for it, if any. */
    private Uni<Void> link(TrackedSession ts) {
        if (ts.authorizationReference == null && ts.tokenUid == null) {
            return Uni.createFrom().voidItem();
        }
        String reference = ts.authorizationReference == null ? "" : ts.authorizationReference;
        String token = ts.tokenUid == null ? "" : ts.tokenUid;
        Uni<Void> command = TrackedCommand.count("cpoCountryCode = ?1 and cpoPartyId = ?2 and sessionId = ?3"
                        + " and command = 'START_SESSION'", ts.countryCode, ts.partyId, ts.sessionId)
                .flatMap(linked -> linked > 0 ? Uni.createFrom().voidItem()
                        : TrackedCommand.<TrackedCommand>list("cpoCountryCode = ?1 and cpoPartyId = ?2"
                                        + " and command = 'START_SESSION' and sessionId is null"
                                        + " and (authorizationReference = ?3 or tokenUid = ?4) order by requestedAt desc",
                                ts.countryCode, ts.partyId, reference, token)
                        .flatMap(list -> {
                            TrackedCommand found = pick(list.stream().map(c -> new Candidate<>(c,
                                    c.authorizationReference, c.tokenUid, c.requestedAt)).toList(),
                                    ts.authorizationReference, ts.tokenUid, ts.startDateTime);
                            // only the link column: the command's own consumer may be writing its result right now
                            return found == null ? Uni.createFrom().voidItem()
                                    : TrackedCommand.update("sessionId = ?1 where commandId = ?2 and sessionId is null",
                                    ts.sessionId, found.commandId).replaceWithVoid();
                        }));
        Uni<Void> authorization = TrackedAuthorization.count("cpoCountryCode = ?1 and cpoPartyId = ?2 and sessionId = ?3",
                        ts.countryCode, ts.partyId, ts.sessionId)
                .flatMap(linked -> linked > 0 ? Uni.createFrom().voidItem()
                        : TrackedAuthorization.<TrackedAuthorization>list("cpoCountryCode = ?1 and cpoPartyId = ?2"
                                        + " and sessionId is null and (authorizationReference = ?3"
                                        + " or (tokenUid = ?4 and allowed = 'ALLOWED')) order by decidedAt desc",
                                ts.countryCode, ts.partyId, reference, token)
                        .flatMap(list -> {
                            TrackedAuthorization found = pick(list.stream().map(a -> new Candidate<>(a,
                                    a.authorizationReference, a.tokenUid, a.decidedAt)).toList(),
                                    ts.authorizationReference, ts.tokenUid, ts.startDateTime);
                            return found == null ? Uni.createFrom().voidItem()
                                    : TrackedAuthorization.update("sessionId = ?1 where authorizationId = ?2"
                                    + " and sessionId is null", ts.sessionId, found.authorizationId).replaceWithVoid();
                        }));
        return command.flatMap(done -> authorization);
    }

    /** Something to link, with its authorization reference, token and when it happened (null: unknown). */
    private record Candidate<T>(T item, String reference, String tokenUid, Instant at) {
    }

    /**
     * Equal authorization references tie for sure; otherwise the token ties, unless both carry references that
     * differ (two sessions of one card) or lie further apart than the token link window from {@code at} (the same
     * card on another day). Candidates come newest first.
     */
    private <T> T pick(List<Candidate<T>> candidates, String reference, String tokenUid, Instant at) {
        if (reference != null) {
            for (Candidate<T> c : candidates) {
                if (reference.equals(c.reference())) {
                    return c.item();
                }
            }
        }
        for (Candidate<T> c : candidates) {
            if (tokenUid != null && tokenUid.equals(c.tokenUid())
                    && (reference == null || c.reference() == null) && near(at, c.at())) {
                return c.item();
            }
        }
        return null;
    }

    private boolean near(Instant a, Instant b) {
        return a == null || b == null || Duration.between(a, b).abs().compareTo(config.tokenLinkWindow()) <= 0;
    }

    // --- lifecycle --------------------------------------------------------------------------------------------

    /** Moves the session to the state its facts give; a change is kept as history and announced. */
    public Uni<Void> announce(TrackedSession ts, String cause) {
        State next = Lifecycle.state(ts.ocpiStatus, ts.stuck, ts.cdrReceived);
        String previous = ts.revision == 0 ? null : ts.state;
        if (next.name().equals(previous)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.now();
        SessionTransition transition = new SessionTransition();
        transition.countryCode = ts.countryCode;
        transition.partyId = ts.partyId;
        transition.sessionId = ts.sessionId;
        transition.fromState = previous;
        transition.toState = next.name();
        transition.cause = cause.length() > 64 ? cause.substring(0, 64) : cause;
        transition.at = now;
        ts.state = next.name();
        ts.revision = ts.revision + 1;
        return transition.persist()
                .call(() -> Panache.getSession().flatMap(session -> session.flush()))
                .flatMap(done -> links(ts))
                .flatMap(links -> {
                    SessionTracked event = new SessionTracked(cpo(ts), ts.sessionId, emsp(ts), next,
                            previous == null ? null : State.valueOf(previous), ts.ocpiStatus, ts.authorizationReference,
                            links.commandId(), links.authorizationId(), links.cdrIds(), ts.startDateTime,
                            ts.endDateTime, plain(ts.kwh), ts.revision, now);
                    return outbox.append(EventType.SESSION_TRACKED, event.key(), ts.sessionId, event);
                })
                .replaceWithVoid();
    }

    /** What a session is tied to: its START_SESSION command, its authorization and its CDRs. */
    public record Links(String commandId, String authorizationId, List<String> cdrIds) {
    }

    public static Uni<Links> links(TrackedSession ts) {
        return TrackedCommand.<TrackedCommand>find("cpoCountryCode = ?1 and cpoPartyId = ?2 and sessionId = ?3"
                        + " and command = 'START_SESSION' order by requestedAt", ts.countryCode, ts.partyId, ts.sessionId)
                .firstResult()
                .flatMap(command -> TrackedAuthorization.<TrackedAuthorization>find("cpoCountryCode = ?1"
                                + " and cpoPartyId = ?2 and sessionId = ?3 order by decidedAt", ts.countryCode, ts.partyId,
                        ts.sessionId).firstResult()
                        .flatMap(auth -> TrackedCdr.<TrackedCdr>list("countryCode = ?1 and partyId = ?2"
                                        + " and sessionId = ?3 order by seenAt, id", ts.countryCode, ts.partyId, ts.sessionId)
                                .map(cdrs -> new Links(command == null ? null : command.commandId,
                                        auth == null ? null : auth.authorizationId,
                                        cdrs.stream().map(c -> c.cdrId).toList()))));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    public static OcpiParty cpo(TrackedSession ts) {
        return new OcpiParty(ts.countryCode, ts.partyId);
    }

    public static OcpiParty emsp(TrackedSession ts) {
        return ts.emspCountryCode == null ? null : new OcpiParty(ts.emspCountryCode, ts.emspPartyId);
    }

    private static OcpiParty party(JsonNode node) {
        String cc = text(node, "country_code");
        String pid = text(node, "party_id");
        return cc == null || pid == null ? null : new OcpiParty(cc, pid);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    /** A Price's amount before taxes: {@code excl_vat} in OCPI 2.2.1, {@code before_taxes} in 2.3.0. */
    private static BigDecimal beforeTaxes(JsonNode price) {
        return decimal(price.has("before_taxes") ? price.path("before_taxes") : price.path("excl_vat"));
    }

    private static BigDecimal decimal(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue()
                : node != null && node.isTextual() ? parseDecimal(node.asText()) : null;
    }

    /** Without trailing zeros but in plain digits: 10 kWh is "10", never "1E+1". */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    private static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
