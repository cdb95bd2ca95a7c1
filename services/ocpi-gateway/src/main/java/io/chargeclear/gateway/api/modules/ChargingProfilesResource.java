package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.routing.AgreementGate;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Receiver;
import io.chargeclear.gateway.routing.Relay;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.routing.Sender;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.chargingprofiles.ActiveChargingProfile;
import io.chargeclear.model.ocpi.chargingprofiles.SetChargingProfile;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * OCPI 2.2.1 §mod_charging_profiles through the hub. Receiver interface: an eMSP sets (PUT), asks for (GET) or
 * clears (DELETE) the profile of a session it received; the request goes to the session's CPO with the
 * {@code response_url} (body or query parameter) rewritten to the hub ({@link Relay}). Sender interface: the CPO
 * posts the asynchronous result to that hub URL (relayed to the eMSP), and pushes changed ActiveChargingProfiles
 * (PUT), which the hub queues for the session's eMSP.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi chargingprofiles")
public class ChargingProfilesResource {

    static final String MODULE = "chargingprofiles";

    private final ModuleSupport support;
    private final OcpiBodies bodies;
    private final ObjectStore store;
    private final AgreementGate gate;
    private final Relay relay;
    private final DeliveryQueue deliveries;

    public ChargingProfilesResource(ModuleSupport support, OcpiBodies bodies, ObjectStore store, AgreementGate gate,
                                    Relay relay, DeliveryQueue deliveries) {
        this.support = support;
        this.bodies = bodies;
        this.store = store;
        this.gate = gate;
        this.relay = relay;
        this.deliveries = deliveries;
    }

    @PUT
    @Path("/receiver/chargingprofiles/{session_id}")
    @Operation(summary = "An eMSP sets a session's charging profile at its CPO")
    public Uni<Response> set(@Context ContainerRequestContext request, @PathParam("session_id") String sessionId,
                             String body) {
        ObjectNode json = bodies.object(body);
        SetChargingProfile set = bodies.read(json, SetChargingProfile.class);
        return toCpo(request, sessionId, "PUT", set.responseUrl(), json, hubUrl -> {
            ObjectNode rewritten = json.deepCopy();
            rewritten.put("response_url", hubUrl);
            return new Relay.Forwarded(OutgoingUrls.segment(sessionId), rewritten.toString());
        });
    }

    @GET
    @Path("/receiver/chargingprofiles/{session_id}")
    @Operation(summary = "An eMSP asks for a session's active charging profile; the result comes to its response_url")
    public Uni<Response> get(@Context ContainerRequestContext request, @PathParam("session_id") String sessionId,
                             @RestQuery("duration") String duration, @RestQuery("response_url") String responseUrl) {
        if (duration == null || !duration.strip().matches("[0-9]+")) {
            throw OcpiBodies.invalid("query parameter 'duration' is required: the length of the profile in seconds");
        }
        requireResponseUrl(responseUrl);
        return toCpo(request, sessionId, "GET", responseUrl, null, hubUrl -> new Relay.Forwarded(
                OutgoingUrls.segment(sessionId) + "?" + OutgoingUrls.query("duration", duration.strip()) + "&"
                        + OutgoingUrls.query("response_url", hubUrl), null));
    }

    @DELETE
    @Path("/receiver/chargingprofiles/{session_id}")
    @Operation(summary = "An eMSP clears the charging profile it set for a session")
    public Uni<Response> clear(@Context ContainerRequestContext request, @PathParam("session_id") String sessionId,
                               @RestQuery("response_url") String responseUrl) {
        requireResponseUrl(responseUrl);
        return toCpo(request, sessionId, "DELETE", responseUrl, null, hubUrl -> new Relay.Forwarded(
                OutgoingUrls.segment(sessionId) + "?" + OutgoingUrls.query("response_url", hubUrl), null));
    }

    @POST
    @Path("/sender/chargingprofiles/{relay_id}")
    @Operation(summary = "The CPO posts a charging-profile result; the hub relays it to the eMSP's response_url")
    public Uni<Response> result(@Context ContainerRequestContext request, @PathParam("relay_id") String relayId,
                                String body) {
        JsonNode result = bodies.object(body);
        if (!result.path("result").isTextual()) {
            throw OcpiBodies.invalid("field 'result' is required");
        }
        return support.sender(request).flatMap(sender -> relay.result(sender, MODULE, relayId, body, result,
                        ModuleSupport.correlationId(request))
                .map(done -> support.answer(sender, null)));
    }

    @PUT
    @Path("/sender/chargingprofiles/{session_id}")
    @Operation(summary = "The CPO pushes a session's changed ActiveChargingProfile; queued for the session's eMSP")
    public Uni<Response> active(@Context ContainerRequestContext request, @PathParam("session_id") String sessionId,
                                String body) {
        bodies.read(body, ActiveChargingProfile.class);
        String correlationId = ModuleSupport.correlationId(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "pushes active charging profiles");
            return Panache.withTransaction(() -> store.find(SessionsResource.MODULE, sender.party(), sessionId, null)
                            .flatMap(session -> {
                                if (session == null || session.recipientCountryCode == null) {
                                    throw ModuleSupport.unknown("session " + sender.party() + "*" + sessionId);
                                }
                                OcpiParty emsp = new OcpiParty(session.recipientCountryCode, session.recipientPartyId);
                                return support.router().receiver(emsp, Set.of("EMSP"), MODULE, InterfaceRole.SENDER)
                                        .flatMap(receiver -> deliveries.toEndpoint(receiver.platformId(), MODULE,
                                                InterfaceRole.SENDER.name(), OutgoingUrls.segment(sessionId), "PUT", sender.party(), emsp,
                                                correlationId, body, MODULE + ":" + sender.party() + "*" + sessionId,
                                                ModuleSupport.tree(request)));
                            }))
                    .map(done -> support.answer(sender, null));
        });
    }

    private Uni<Response> toCpo(ContainerRequestContext request, String sessionId, String method, String responseUrl,
                                JsonNode original, java.util.function.Function<String, Relay.Forwarded> rewrite) {
        RoutingHeaders headers = ModuleSupport.headers(request);
        String correlationId = ModuleSupport.correlationId(request);
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> cpo(sender, headers, sessionId))
                .flatMap(cpo -> relay.forward(sender, cpo, MODULE, method, responseUrl, "", correlationId, method,
                        original, rewrite)));
    }

    /** The session's CPO: the session must have been routed to this eMSP, and the agreements must still allow it. */
    private Uni<Receiver> cpo(Sender sender, RoutingHeaders headers, String sessionId) {
        return store.findById(SessionsResource.MODULE, sessionId, null).flatMap(found -> {
            StoredObject session = found.stream()
                    .filter(s -> sender.party().equals(new OcpiParty(s.recipientCountryCode, s.recipientPartyId)))
                    .filter(s -> headers.to() == null || support.router().addressesHub(headers)
                            || headers.to().equals(new OcpiParty(s.countryCode, s.partyId)))
                    .findFirst().orElse(null);
            if (session == null) {
                return Uni.createFrom().failure(ModuleSupport.unknown("session " + sessionId + " for " + sender.party()));
            }
            OcpiParty cpo = new OcpiParty(session.countryCode, session.partyId);
            return gate.allowed(sender.party(), cpo, MODULE, Instant.now()).flatMap(allowed -> {
                if (!allowed) {
                    return Uni.createFrom().failure(new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                            "no roaming agreement in effect between " + sender.party() + " and " + cpo
                                    + " covers chargingprofiles"));
                }
                return support.router().receiver(cpo, Set.of("CPO"), MODULE, InterfaceRole.RECEIVER);
            });
        });
    }

    private static void requireResponseUrl(String responseUrl) {
        if (responseUrl == null || responseUrl.isBlank()) {
            throw OcpiBodies.invalid("query parameter 'response_url' is required");
        }
    }
}
