package io.chargeclear.tracking.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.kit.partyapi.PartyCaller;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.tracking.persistence.SlaBreach;
import io.chargeclear.tracking.persistence.TrackedSession;
import io.chargeclear.tracking.service.SessionTracker;
import io.chargeclear.tracking.service.TrackingQueries;
import io.chargeclear.tracking.service.TrackingQueries.SessionFilter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The party API of session tracking: a partner platform, with its OCPI token C ({@code Authorization: Token ...}),
 * follows the sessions its parties are CPO or eMSP of, with their timelines and SLA breaches. Sessions of other
 * parties are "not found".
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/party/tracking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "party tracking")
public class PartyTrackingResource {

    private final TrackingQueries queries;

    public PartyTrackingResource(TrackingQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Your parties' sessions, newest first, by state and period")
    public Uni<List<TrackingResource.SessionSummary>> sessions(@RestQuery("status") String status,
                                                               @RestQuery("from") String from,
                                                               @RestQuery("to") String to,
                                                               @RestQuery("limit") Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        SessionFilter filter = new SessionFilter(TrackingResource.state(status), TrackingResource.instant("from", from),
                TrackingResource.instant("to", to), max, 0);
        List<OcpiParty> mine = PartyCaller.current().parties();
        return Panache.withSession(() -> Multi.createFrom().iterable(mine)
                .onItem().transformToUniAndConcatenate(party -> queries.sessions(party, filter))
                .collect().asList())
                .map(lists -> lists.stream().flatMap(List::stream)
                        .filter(distinctBy())
                        .sorted(Comparator.comparing((TrackedSession ts) -> ts.startedAt,
                                Comparator.nullsLast(Comparator.<Instant>naturalOrder())).reversed())
                        .limit(max).map(TrackingResource.SessionSummary::of).toList());
    }

    @GET
    @Path("/sessions/{country_code}/{party_id}/{session_id}")
    @Operation(summary = "One of your sessions: its state, timeline and breaches")
    public Uni<TrackingResource.SessionView> session(@PathParam("country_code") String countryCode,
                                                     @PathParam("party_id") String partyId,
                                                     @PathParam("session_id") String sessionId) {
        PartyCaller caller = PartyCaller.current();
        return TrackingResource.view(queries, countryCode, partyId, sessionId,
                ts -> caller.speaksFor(SessionTracker.cpo(ts)) || caller.speaksFor(SessionTracker.emsp(ts)));
    }

    @GET
    @Path("/breaches")
    @Operation(summary = "SLA breaches of your parties' sessions detected at or after since, oldest first")
    public Uni<List<TrackingResource.BreachView>> breaches(@RestQuery("since") String since) {
        Instant from = TrackingResource.instant("since", since);
        List<OcpiParty> mine = PartyCaller.current().parties();
        return Panache.withSession(() -> Multi.createFrom().iterable(mine)
                .onItem().transformToUniAndConcatenate(party -> queries.breaches(party, from, null, 500))
                .collect().asList())
                .map(lists -> lists.stream().flatMap(List::stream)
                        .filter(distinctBreaches())
                        .sorted(Comparator.comparing((SlaBreach b) -> b.detectedAt))
                        .map(TrackingResource.BreachView::of).toList());
    }

    /** A session both of whose parties the platform speaks for is found twice; keep it once. */
    private static Predicate<TrackedSession> distinctBy() {
        Set<String> seen = new HashSet<>();
        return ts -> seen.add(ts.countryCode + "*" + ts.partyId + "*" + ts.sessionId);
    }

    private static Predicate<SlaBreach> distinctBreaches() {
        Set<String> seen = new HashSet<>();
        return b -> seen.add(Objects.toString(b.breachId));
    }
}
