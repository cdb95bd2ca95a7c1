package io.chargeclear.tracking.service;

import io.chargeclear.kit.background.BackgroundWork;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.SlaBreached.Kind;
import io.chargeclear.tracking.config.TrackingConfig;
import io.chargeclear.tracking.persistence.SlaTimer;
import io.chargeclear.tracking.persistence.TrackedCommand;
import io.chargeclear.tracking.persistence.TrackedSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Fires the SLA timers that are due, every {@code chargeclear.tracking.scan-interval} and whenever an operator
 * asks. Each timer fires in its own transaction, which locks the session (or command) first, checks the condition
 * still holds (what was awaited may have arrived a moment ago), marks the timer fired and raises the breach; so a
 * breach is raised once even with several replicas scanning, and a restart loses nothing.
 */
@ApplicationScoped
public class SlaScan {

    private static final Logger LOG = Logger.getLogger(SlaScan.class);
    private static final int BATCH = 200;

    private final Vertx vertx;
    private final TrackingClock clock;
    private final SlaWatch sla;
    private final SessionTracker tracker;
    private final TrackingConfig config;
    private volatile long timer = -1;

    public SlaScan(Vertx vertx, TrackingClock clock, SlaWatch sla, SessionTracker tracker, TrackingConfig config) {
        this.vertx = vertx;
        this.clock = clock;
        this.sla = sla;
        this.tracker = tracker;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.scanInterval().toMillis(), id -> BackgroundWork.run(vertx,
                () -> scan().replaceWithVoid(), LOG, "the SLA scan failed; tried again in " + config.scanInterval()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Fires every due timer; @return how many breaches were raised */
    public Uni<Integer> scan() {
        Instant now = clock.now();
        return Panache.withSession(() -> SlaTimer.<SlaTimer>find("firedAt is null and cancelledAt is null"
                        + " and dueAt <= ?1 order by dueAt", now).range(0, BATCH - 1).list())
                .map(timers -> timers.stream().map(t -> t.id).toList())
                .flatMap(this::fireAll);
    }

    private Uni<Integer> fireAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> fire(id))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.errorf(failure, "SLA timer %d did not fire; tried again on the next scan", id);
                            return false;
                        }))
                .collect().asList()
                .map(fired -> (int) fired.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> fire(long id) {
        return SlaTimer.<SlaTimer>findById(id).flatMap(t -> {
            if (t == null || t.firedAt != null || t.cancelledAt != null) {
                return Uni.createFrom().item(false);
            }
            Kind kind = Kind.valueOf(t.kind);
            if (kind == Kind.COMMAND_RESULT_MISSING) {
                return TrackedCommand.<TrackedCommand>findById(t.commandId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(command -> commandTimer(t, command));
            }
            return SessionTracker.lockKnown(t.countryCode, t.partyId, t.sessionId)
                    .flatMap(session -> kind == Kind.CDR_OVERDUE ? cdrTimer(t, session) : stuckTimer(t, session));
        });
    }

    private Uni<Boolean> cdrTimer(SlaTimer t, TrackedSession ts) {
        if (ts == null || ts.cdrReceived || "INVALID".equals(ts.ocpiStatus)) {
            return sla.cancel(t.subject, Kind.CDR_OVERDUE).replaceWith(false);
        }
        return sla.markFired(t.id).flatMap(marked -> !marked ? Uni.createFrom().item(false)
                : sla.raise(new Breach(Kind.CDR_OVERDUE, SessionTracker.cpo(ts), ts.sessionId,
                        SessionTracker.emsp(ts), null, null, null, t.dueAt, "no CDR for session " + ts.sessionId
                        + " within " + t.basis + " after the hub saw it end")));
    }

    private Uni<Boolean> stuckTimer(SlaTimer t, TrackedSession ts) {
        if (ts == null || ts.cdrReceived || !"ACTIVE".equals(ts.ocpiStatus)) {
            return sla.cancel(t.subject, Kind.SESSION_STUCK).replaceWith(false);
        }
        return sla.markFired(t.id).flatMap(marked -> {
            if (!marked) {
                return Uni.createFrom().item(false);
            }
            ts.stuck = true;
            return sla.raise(new Breach(Kind.SESSION_STUCK, SessionTracker.cpo(ts), ts.sessionId,
                            SessionTracker.emsp(ts), null, null, null, t.dueAt, "session " + ts.sessionId + " is ACTIVE with "
                            + t.basis + " (last seen " + ts.lastUpdateSeenAt + ")"))
                    .call(() -> tracker.announce(ts, "stuck"));
        });
    }

    private Uni<Boolean> commandTimer(SlaTimer t, TrackedCommand command) {
        if (command == null || command.result != null) {
            return sla.cancel(t.subject, Kind.COMMAND_RESULT_MISSING).replaceWith(false);
        }
        return sla.markFired(t.id).flatMap(marked -> !marked ? Uni.createFrom().item(false)
                : sla.raise(new Breach(Kind.COMMAND_RESULT_MISSING,
                        new OcpiParty(command.cpoCountryCode, command.cpoPartyId), command.sessionId,
                        new OcpiParty(command.emspCountryCode, command.emspPartyId), command.commandId, null, null, t.dueAt,
                        command.command + " accepted by the CPO without a result within " + t.basis)));
    }
}
