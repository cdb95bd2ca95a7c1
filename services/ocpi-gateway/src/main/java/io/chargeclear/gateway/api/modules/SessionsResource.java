package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.routing.AgreementGate;
import io.chargeclear.gateway.routing.Forwarder;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.routing.Router;
import io.chargeclear.gateway.routing.Sender;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.sessions.ChargingPreferences;
import io.chargeclear.model.ocpi.sessions.Session;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
import io.chargeclear.gateway.routing.WorkBudgets;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.Set;

/**
 * OCPI 2.2.1 §mod_sessions through the hub. Receiver interface: CPOs push sessions (PUT replaces, charging periods
 * included; PATCH appends charging periods); each goes to the one eMSP of its {@code cdr_token}, never broadcast
 * (TO headers naming another party are refused, ADR 0015). Sender interface: GET list from the store (the caller's own sessions
 * and those routed to it; {@code date_from} required), and charging preferences forwarded to the session's CPO.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi sessions")
public class SessionsResource {

    static final String MODULE = "sessions";
    /** The eMSP of the cdr_token, or the payment terminal provider of a terminal-paid charge. */
    private static final Set<String> RECEIVERS = Set.of("EMSP", Router.PAYMENT_TERMINAL_PROVIDER);

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final VersionedObjects versions;
    private final ObjectStore store;
    private final AgreementGate gate;
    private final Forwarder forwarder;
    private final GatewayConfig config;

    public SessionsResource(ModuleSupport support, PushService pushes, OcpiBodies bodies, VersionedObjects versions,
                            ObjectStore store,
                            AgreementGate gate, Forwarder forwarder, GatewayConfig config) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.versions = versions;
        this.store = store;
        this.gate = gate;
        this.forwarder = forwarder;
        this.config = config;
    }

    @GET
    @Path("/sender/sessions")
    @Operation(summary = "The caller's sessions and those routed to it (paginated; date_from required)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, true, offset, limit, dateFrom, dateTo, after, true);
    }

    @PUT
    @Path("/sender/sessions/{session_id}/charging_preferences")
    @Operation(summary = "An eMSP sets a session's charging preferences; forwarded to the session's CPO")
    @ApplyGuard(WorkBudgets.REALTIME)
    public Uni<Response> chargingPreferences(@Context ContainerRequestContext request,
                                             @PathParam("session_id") String sessionId, String body) {
        bodies.read(body, ChargingPreferences.class);
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> addressedSession(sender, sessionId)
                        .flatMap(session -> {
                            OcpiParty cpo = new OcpiParty(session.countryCode, session.partyId);
                            return support.router().receiver(cpo, Set.of("CPO"), MODULE, InterfaceRole.SENDER);
                        }))
                .flatMap(cpo -> forwarder.call(cpo, MODULE, InterfaceRole.SENDER, OutgoingUrls.path(sessionId, "charging_preferences"),
                                "PUT", body, sender.party(), ModuleSupport.correlationId(request), config.forwardTimeout())
                        .map(answer -> Forwarder.passBack(answer, cpo.party(), sender.party()))));
    }

    @GET
    @Path("/receiver/sessions/{country_code}/{party_id}/{session_id}")
    @Operation(summary = "The hub's copy of one of the CPO's own sessions")
    public Uni<Response> own(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("session_id") String sessionId) {
        return support.own(request, MODULE, "session", cc, pid, sessionId, null);
    }

    @PUT
    @Path("/receiver/sessions/{country_code}/{party_id}/{session_id}")
    @Operation(summary = "A CPO pushes a whole session to the eMSP of its token")
    public Uni<Response> put(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("session_id") String sessionId,
                             String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode session = versions.read(body, tree, MODULE);
        versions.check(session, tree, MODULE, Session.class, null);
        ModuleSupport.requireSame(session, "country_code", cc);
        ModuleSupport.requireSame(session, "party_id", pid);
        ModuleSupport.requireSame(session, "id", sessionId);
        return push(request, cc, pid, sessionId, "PUT", body, session, false);
    }

    @PATCH
    @Path("/receiver/sessions/{country_code}/{party_id}/{session_id}")
    @Operation(summary = "A CPO updates a session; charging periods in the patch are appended")
    public Uni<Response> patch(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                               @PathParam("party_id") String pid, @PathParam("session_id") String sessionId,
                               String body) {
        ObjectNode patch = versions.read(body, ModuleSupport.tree(request), MODULE);
        if (!patch.path("last_updated").isTextual()) {
            throw OcpiBodies.invalid("field 'last_updated' is required in a PATCH");
        }
        return push(request, cc, pid, sessionId, "PATCH", body, patch, true);
    }

    /**
     * @param incoming the whole session (PUT) or the PATCH body, in the tree's version
     * @param patch    whether {@code incoming} is merged into the hub's copy (charging periods appended)
     */
    private Uni<Response> push(ContainerRequestContext request, String cc, String pid, String sessionId, String method,
                               String body, ObjectNode incoming, boolean patch) {
        OcpiVersion tree = ModuleSupport.tree(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "pushes sessions");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, sessionId, null, current -> {
                                if (patch && current == null) {
                                    throw ModuleSupport.unknown("session " + cc + "*" + pid + "*" + sessionId
                                            + "; PUT the whole session first");
                                }
                                VersionedObjects.Merged next = VersionedObjects.next(MODULE, current, incoming, tree,
                                        patch ? (stored, update) -> ObjectMerge.patch(stored, update, true) : null);
                                versions.check(next.object(), next.version(), MODULE, Session.class, null);
                                return new Push(MODULE, method, owner, sessionId, null, OutgoingUrls.path(cc, pid, sessionId),
                                        body, next.object(), ObjectMerge.lastUpdated(next.object()),
                                        EventType.SESSION_CHANGED, RECEIVERS, tokenParty(next.object()), tree,
                                        next.version());
                            })
                    .map(receivers -> support.answer(sender, null));
        });
    }

    /** The eMSP a session or CDR concerns: its {@code cdr_token}'s party (OCPI 2.2.1 added them for this). */
    static OcpiParty tokenParty(JsonNode object) {
        JsonNode token = object.path("cdr_token");
        return new OcpiParty(token.path("country_code").asText().toUpperCase(), token.path("party_id").asText().toUpperCase());
    }

    /** A session the sender may act on: routed to it, and still allowed by the agreements. */
    private Uni<StoredObject> addressedSession(Sender sender, String sessionId) {
        return store.findById(MODULE, sessionId, null).flatMap(found -> {
            StoredObject session = found.stream()
                    .filter(s -> sender.party().equals(new OcpiParty(s.recipientCountryCode, s.recipientPartyId)))
                    .findFirst().orElse(null);
            if (session == null) {
                return Uni.createFrom().failure(ModuleSupport.unknown("session " + sessionId + " for " + sender.party()));
            }
            return gate.allowed(sender.party(), new OcpiParty(session.countryCode, session.partyId), MODULE, Instant.now())
                    .map(allowed -> {
                        if (!allowed) {
                            throw ModuleSupport.unknown("session " + sessionId + " for " + sender.party());
                        }
                        return session;
                    });
        });
    }
}
