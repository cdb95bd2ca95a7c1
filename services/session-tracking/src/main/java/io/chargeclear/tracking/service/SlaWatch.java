package io.chargeclear.tracking.service;

import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.SlaBreached;
import io.chargeclear.model.event.SlaBreached.Kind;
import io.chargeclear.tracking.persistence.Native;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The persisted side of the SLA watch: timers as rows (scheduled, re-armed, cancelled) and breaches raised exactly
 * once per subject and kind, the breach row and its {@code tracking.sla-breach.v1} event in the caller's
 * transaction. Callers lock the session (or command) before touching its timers, so the scan and the consumers
 * always take locks in the same order.
 */
@ApplicationScoped
public class SlaWatch {

    private final Outbox outbox;
    private final TrackingClock clock;
    private final MeterRegistry metrics;
    private final Map<String, Counter> breaches = new ConcurrentHashMap<>();

    public SlaWatch(Outbox outbox, TrackingClock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static String commandSubject(String commandId) {
        return "command:" + commandId;
    }

    /** Sets a deadline unless one of this kind exists for the subject (fired, cancelled or pending). */
    public Uni<Void> schedule(String subject, Kind kind, String countryCode, String partyId, String sessionId,
                              String commandId, Instant dueAt, String basis) {
        return Native.execute("""
                        insert into sla_timer (subject, kind, country_code, party_id, session_id, command_id, due_at, basis)
                        values (:subject, :kind, :cc, :pid, :sid, :cmd, :due, :basis)
                        on conflict (subject, kind) do nothing""",
                "subject", subject, "kind", kind.name(), "cc", countryCode, "pid", partyId, "sid", sessionId,
                "cmd", commandId, "due", dueAt, "basis", basis).replaceWithVoid();
    }

    /** Sets or moves a deadline that has not fired yet (the stuck watch restarts with every session update). */
    public Uni<Void> rearm(String subject, Kind kind, String countryCode, String partyId, String sessionId,
                           Instant dueAt, String basis) {
        return Native.execute("""
                        insert into sla_timer (subject, kind, country_code, party_id, session_id, due_at, basis)
                        values (:subject, :kind, :cc, :pid, :sid, :due, :basis)
                        on conflict (subject, kind) do update set due_at = excluded.due_at, basis = excluded.basis,
                            cancelled_at = null
                        where sla_timer.fired_at is null""",
                "subject", subject, "kind", kind.name(), "cc", countryCode, "pid", partyId, "sid", sessionId,
                "due", dueAt, "basis", basis).replaceWithVoid();
    }

    /** What the timer waited for arrived: it will not fire. */
    public Uni<Void> cancel(String subject, Kind kind) {
        return Native.execute("""
                        update sla_timer set cancelled_at = :now
                        where subject = :subject and kind = :kind and fired_at is null and cancelled_at is null""",
                "now", clock.now(), "subject", subject, "kind", kind.name()).replaceWithVoid();
    }

    /** Marks a due timer fired; false when it fired or was cancelled meanwhile. */
    public Uni<Boolean> markFired(long timerId) {
        return Native.execute("""
                        update sla_timer set fired_at = :now
                        where id = :id and fired_at is null and cancelled_at is null""",
                "now", clock.now(), "id", timerId).map(n -> n == 1);
    }

    /** Raises the breach unless one of its kind exists for its subject; @return whether it was raised now */
    public Uni<Boolean> raise(Breach breach) {
        UUID id = UUID.randomUUID();
        Instant now = clock.now();
        return Native.execute("""
                        insert into sla_breach (breach_id, subject, kind, country_code, party_id, session_id,
                            emsp_country_code, emsp_party_id, command_id, authorization_id, cdr_id, due_at, detected_at,
                            detail)
                        values (:id, :subject, :kind, :cc, :pid, :sid, :ecc, :epid, :cmd, :auth, :cdr, :due, :now,
                            :detail)
                        on conflict (subject, kind) do nothing""",
                        "id", id, "subject", breach.subject(), "kind", breach.kind().name(),
                        "cc", breach.cpo().countryCode(), "pid", breach.cpo().partyId(), "sid", breach.sessionId(),
                        "ecc", breach.emsp() == null ? null : breach.emsp().countryCode(),
                        "epid", breach.emsp() == null ? null : breach.emsp().partyId(), "cmd", breach.commandId(),
                        "auth", breach.authorizationId(), "cdr", breach.cdrId(), "due", breach.dueAt(), "now", now, "detail", breach.detail())
                .flatMap(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().item(false);
                    }
                    SlaBreached event = new SlaBreached(id.toString(), breach.kind(), breach.cpo(), breach.sessionId(),
                            breach.emsp(), breach.commandId(), breach.authorizationId(), breach.cdrId(), breach.dueAt(), now,
                            breach.detail());
                    String subject = breach.sessionId() != null ? breach.sessionId()
                            : breach.commandId() != null ? breach.commandId() : breach.authorizationId();
                    return outbox.append(EventType.SLA_BREACHED, event.key(), subject, event).replaceWith(true)
                            .invoke(() -> count(breach));
                });
    }

    /**
     * {@code chargeclear_sla_breaches_total{party, kind}}, the party being the one the breach is about: the eMSP for
     * a slow authorization, the CPO for every other kind. Counted when the breach is written, inside its transaction:
     * one rolled back and raised again counts again (at least once).
     */
    private void count(Breach breach) {
        String party = String.valueOf(breach.kind() == Kind.AUTHORIZATION_SLOW && breach.emsp() != null
                ? breach.emsp() : breach.cpo());
        breaches.computeIfAbsent(party + "|" + breach.kind().name(), key -> Counter.builder("chargeclear.sla.breaches")
                .description("SLA breaches session tracking raised, by the party it is about and kind")
                .tags("party", party, "kind", breach.kind().name()).register(metrics)).increment();
    }
}
