package io.chargeclear.tracking.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.SessionTracked.State;
import io.chargeclear.model.event.SlaBreached.Kind;
import io.chargeclear.tracking.persistence.SessionTransition;
import io.chargeclear.tracking.persistence.SlaBreach;
import io.chargeclear.tracking.persistence.SlaTimer;
import io.chargeclear.tracking.persistence.TrackedCommand;
import io.chargeclear.tracking.persistence.TrackedSession;
import io.chargeclear.tracking.service.SessionTracker;
import io.chargeclear.tracking.service.TrackingClock;
import io.chargeclear.tracking.service.TrackingQueries;
import io.chargeclear.tracking.service.TrackingQueries.SessionFilter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Operator view of session tracking (DESIGN "Operator surface"): sessions by party, state and period, one
 * session's state, timeline, transitions and breaches, and the breaches since a moment.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/tracking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tracking")
public class TrackingResource {

    private final TrackingQueries queries;
    private final SessionTracker tracker;
    private final TrackingClock clock;

    public TrackingResource(TrackingQueries queries, SessionTracker tracker, TrackingClock clock) {
        this.queries = queries;
        this.tracker = tracker;
        this.clock = clock;
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Sessions, newest first; a party (country_code + party_id) sees those it is the CPO or eMSP of")
    public Uni<List<SessionSummary>> sessions(@RestQuery("country_code") String countryCode,
                                              @RestQuery("party_id") String partyId,
                                              @RestQuery("status") String status, @RestQuery("from") String from,
                                              @RestQuery("to") String to, @RestQuery("limit") Integer limit,
                                              @RestQuery("offset") Integer offset) {
        OcpiParty party = party(countryCode, partyId);
        SessionFilter filter = new SessionFilter(state(status), instant("from", from), instant("to", to),
                limit == null ? 100 : Math.max(1, Math.min(limit, 1000)), offset == null ? 0 : Math.max(0, offset));
        return Panache.withSession(() -> queries.sessions(party, filter))
                .map(list -> list.stream().map(SessionSummary::of).toList());
    }

    @GET
    @Path("/sessions/{country_code}/{party_id}/{session_id}")
    @Operation(summary = "One session: its state, timeline (command, authorization, updates, CDRs), transitions and breaches")
    public Uni<SessionView> session(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                                    @PathParam("session_id") String sessionId) {
        return view(queries, countryCode, partyId, sessionId, ts -> true);
    }

    /**
     * One session in full, if {@code visible} lets the caller see it (404 otherwise, as for an unknown one). Static,
     * so the party API shares it without calling through this resource's operator-only role check.
     */
    static Uni<SessionView> view(TrackingQueries queries, String countryCode, String partyId, String sessionId,
                                 Predicate<TrackedSession> visible) {
        String cc = countryCode.toUpperCase(Locale.ROOT);
        String pid = partyId.toUpperCase(Locale.ROOT);
        return Panache.withSession(() -> queries.session(null, cc, pid, sessionId).flatMap(ts -> {
            if (ts == null || !visible.test(ts)) {
                throw ApiException.notFound("session " + cc + "*" + pid + "*" + sessionId);
            }
            return SessionTracker.links(ts).flatMap(links -> queries.timeline(ts)
                    .flatMap(timeline -> queries.transitions(ts)
                            .flatMap(transitions -> queries.deadlines(ts)
                                    .flatMap(deadlines -> queries.breaches(ts).map(breaches -> new SessionView(
                                            SessionSummary.of(ts), ts.state, ts.ocpiStatus, links.commandId(),
                                            links.authorizationId(), links.cdrIds(), timeline,
                                            transitions.stream().map(TransitionView::of).toList(),
                                            deadlines.stream().map(DeadlineView::of).toList(),
                                            breaches.stream().map(BreachView::of).toList()))))));
        }));
    }

    @GET
    @Path("/commands/{command_id}")
    @Operation(summary = "One command the hub relayed: its answer, its result and the session it led to, if any yet")
    public Uni<CommandView> command(@PathParam("command_id") String commandId) {
        return Panache.withSession(() -> TrackedCommand.<TrackedCommand>findById(commandId)).map(command -> {
            if (command == null) {
                throw ApiException.notFound("command " + commandId);
            }
            return CommandView.of(command);
        });
    }

    @GET
    @Path("/terms/{cpo_country_code}/{cpo_party_id}/{emsp_country_code}/{emsp_party_id}")
    @Operation(summary = "The service levels tracking applies to a CPO-eMSP pair for a session starting at 'at' (default now)")
    public Uni<TermsView> terms(@PathParam("cpo_country_code") String cpoCountryCode,
                                @PathParam("cpo_party_id") String cpoPartyId,
                                @PathParam("emsp_country_code") String emspCountryCode,
                                @PathParam("emsp_party_id") String emspPartyId, @RestQuery("at") String at) {
        OcpiParty cpo = party(cpoCountryCode, cpoPartyId);
        OcpiParty emsp = party(emspCountryCode, emspPartyId);
        Instant when = instant("at", at);
        return Panache.withSession(() -> tracker.terms(cpo, emsp, when != null ? when : clock.now()))
                .map(terms -> new TermsView(terms.cdrWithinHours(), terms.authorizationAnswerWithinMs(), terms.source()));
    }

    @GET
    @Path("/breaches")
    @Operation(summary = "SLA breaches detected at or after since (ISO-8601), oldest first")
    public Uni<List<BreachView>> breaches(@RestQuery("since") String since, @RestQuery("kind") String kind,
                                          @RestQuery("country_code") String countryCode,
                                          @RestQuery("party_id") String partyId, @RestQuery("limit") Integer limit) {
        OcpiParty party = party(countryCode, partyId);
        Instant from = instant("since", since);
        if (kind != null && Arrays.stream(Kind.values()).noneMatch(k -> k.name().equals(kind))) {
            throw ApiException.badRequest("kind must be one of " + Arrays.toString(Kind.values()));
        }
        int max = limit == null ? 500 : Math.max(1, Math.min(limit, 5000));
        return Panache.withSession(() -> queries.breaches(party, from, kind, max))
                .map(list -> list.stream().map(BreachView::of).toList());
    }

    private static OcpiParty party(String countryCode, String partyId) {
        if (countryCode == null && partyId == null) {
            return null;
        }
        if (countryCode == null || partyId == null || !countryCode.matches("[A-Za-z]{2}")
                || !partyId.matches("[A-Za-z0-9]{3}")) {
            throw ApiException.badRequest("country_code (2 letters) and party_id (3 characters) go together");
        }
        return new OcpiParty(countryCode.toUpperCase(Locale.ROOT), partyId.toUpperCase(Locale.ROOT));
    }

    static State state(String status) {
        if (status == null) {
            return null;
        }
        try {
            return State.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be one of " + Arrays.toString(State.values()));
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-24T00:00:00Z");
        }
    }

    /** A session in a list. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionSummary(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("state") String state,
            @JsonProperty("ocpi_status") String ocpiStatus,
            @JsonProperty("authorization_reference") String authorizationReference,
            @JsonProperty("start_date_time") Instant startDateTime,
            @JsonProperty("end_date_time") Instant endDateTime,
            @JsonProperty("kwh") String kwh,
            @JsonProperty("revision") int revision) {

        static SessionSummary of(TrackedSession ts) {
            return new SessionSummary(ts.countryCode, ts.partyId, ts.sessionId,
                    ts.emspCountryCode == null ? null : ts.emspCountryCode + "*" + ts.emspPartyId, ts.state,
                    ts.ocpiStatus, ts.authorizationReference, ts.startDateTime, ts.endDateTime, plain(ts.kwh),
                    ts.revision);
        }
    }

    /** One session in full: the contract's {@code state}, {@code timeline} and {@code breaches}, and more. */
    public record SessionView(
            @JsonProperty("session") SessionSummary session,
            @JsonProperty("state") String state,
            @JsonProperty("ocpi_status") String ocpiStatus,
            @JsonProperty("command_id") String commandId,
            @JsonProperty("authorization_id") String authorizationId,
            @JsonProperty("cdr_ids") List<String> cdrIds,
            @JsonProperty("timeline") List<Map<String, Object>> timeline,
            @JsonProperty("transitions") List<TransitionView> transitions,
            @JsonProperty("deadlines") List<DeadlineView> deadlines,
            @JsonProperty("breaches") List<BreachView> breaches) {
    }

    /** One command; {@code session_id} is null while it waits for its session. */
    public record CommandView(
            @JsonProperty("command_id") String commandId,
            @JsonProperty("command") String command,
            @JsonProperty("cpo") String cpo,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("authorization_reference") String authorizationReference,
            @JsonProperty("requested_at") Instant requestedAt,
            @JsonProperty("response") String response,
            @JsonProperty("timeout_seconds") Integer timeoutSeconds,
            @JsonProperty("result") String result,
            @JsonProperty("result_at") Instant resultAt) {

        static CommandView of(TrackedCommand c) {
            return new CommandView(c.commandId, c.command, c.cpoCountryCode + "*" + c.cpoPartyId,
                    c.emspCountryCode + "*" + c.emspPartyId, c.sessionId, c.authorizationReference, c.requestedAt,
                    c.responseResult, c.timeoutSeconds, c.result, c.resultAt);
        }
    }

    /** The SLA terms that apply to a pair, and where they come from. */
    public record TermsView(
            @JsonProperty("cdr_within_hours") int cdrWithinHours,
            @JsonProperty("authorization_answer_within_ms") Integer authorizationAnswerWithinMs,
            @JsonProperty("source") String source) {
    }

    /** One SLA deadline of the session: PENDING until it fires (a breach) or what it waited for arrives. */
    public record DeadlineView(
            @JsonProperty("kind") String kind,
            @JsonProperty("due_at") Instant dueAt,
            @JsonProperty("basis") String basis,
            @JsonProperty("status") String status) {

        static DeadlineView of(SlaTimer t) {
            return new DeadlineView(t.kind, t.dueAt, t.basis,
                    t.firedAt != null ? "FIRED" : t.cancelledAt != null ? "CANCELLED" : "PENDING");
        }
    }

    /** One lifecycle transition. */
    public record TransitionView(
            @JsonProperty("at") Instant at,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("cause") String cause) {

        static TransitionView of(SessionTransition t) {
            return new TransitionView(t.at, t.fromState, t.toState, t.cause);
        }
    }

    /** One breach. */
    public record BreachView(
            @JsonProperty("breach_id") String breachId,
            @JsonProperty("kind") String kind,
            @JsonProperty("session") String session,
            @JsonProperty("cpo") String cpo,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("command_id") String commandId,
            @JsonProperty("authorization_id") String authorizationId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("due_at") Instant dueAt,
            @JsonProperty("detected_at") Instant detectedAt,
            @JsonProperty("detail") String detail) {

        static BreachView of(SlaBreach b) {
            return new BreachView(b.breachId.toString(), b.kind,
                    b.sessionId == null ? null : b.countryCode + "*" + b.partyId + "*" + b.sessionId,
                    b.countryCode + "*" + b.partyId,
                    b.emspCountryCode == null ? null : b.emspCountryCode + "*" + b.emspPartyId, b.commandId,
                    b.authorizationId, b.cdrId,
                    b.dueAt, b.detectedAt, b.detail);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
