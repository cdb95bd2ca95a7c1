package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.routing.Sender;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.locations.Connector;
import io.chargeclear.model.ocpi.locations.EVSE;
import io.chargeclear.model.ocpi.locations.Location;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
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

import java.util.Set;

/**
 * OCPI 2.2.1 §mod_locations through the hub. Receiver interface: CPOs push Locations, EVSEs and Connectors
 * (PUT/PATCH; there is no DELETE); the hub keeps the current Location and forwards the push as it came, by
 * broadcast (TO = hub, or no TO) to every eMSP/NSP the agreements allow, or to the one party addressed. Sender
 * interface: GET All via Hub from the hub's store, and single objects.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi locations")
public class LocationsResource {

    static final String MODULE = "locations";
    private static final Set<String> RECEIVERS = Set.of("EMSP", "NSP", "OTHER");

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final ObjectStore store;

    public LocationsResource(ModuleSupport support, PushService pushes, OcpiBodies bodies, ObjectStore store) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.store = store;
    }

    @GET
    @Path("/sender/locations")
    @Operation(summary = "GET All via Hub: every location the requesting party may see (paginated)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, false, offset, limit, dateFrom, dateTo, after, false);
    }

    @GET
    @Path("/sender/locations/{location_id}")
    @Operation(summary = "One location from the hub's store (open routing by location id)")
    public Uni<Response> getLocation(@Context ContainerRequestContext request, @PathParam("location_id") String locationId) {
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> visibleLocation(sender, locationId))
                .map(location -> support.answer(sender, location)));
    }

    @GET
    @Path("/sender/locations/{location_id}/{evse_uid}")
    public Uni<Response> getEvse(@Context ContainerRequestContext request, @PathParam("location_id") String locationId,
                                 @PathParam("evse_uid") String evseUid) {
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> visibleLocation(sender, locationId))
                .map(location -> {
                    ObjectNode evse = ObjectMerge.evse(location, evseUid);
                    if (evse == null) {
                        throw ModuleSupport.unknown("EVSE " + evseUid + " of location " + locationId);
                    }
                    return support.answer(sender, evse);
                }));
    }

    @GET
    @Path("/sender/locations/{location_id}/{evse_uid}/{connector_id}")
    public Uni<Response> getConnector(@Context ContainerRequestContext request,
                                      @PathParam("location_id") String locationId,
                                      @PathParam("evse_uid") String evseUid,
                                      @PathParam("connector_id") String connectorId) {
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> visibleLocation(sender, locationId))
                .map(location -> {
                    ObjectNode connector = ObjectMerge.connector(location, evseUid, connectorId);
                    if (connector == null) {
                        throw ModuleSupport.unknown("connector " + connectorId + " of EVSE " + evseUid);
                    }
                    return support.answer(sender, connector);
                }));
    }

    @GET
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}")
    @Operation(summary = "The hub's copy of one of the CPO's own locations")
    public Uni<Response> ownLocation(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                     @PathParam("party_id") String pid, @PathParam("location_id") String locationId) {
        return support.own(request, MODULE, "location", cc, pid, locationId, null);
    }

    @PUT
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}")
    @Operation(summary = "A CPO pushes a whole location; broadcast, or to the party in the TO headers")
    public Uni<Response> putLocation(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                     @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                     String body) {
        ObjectNode location = bodies.object(body);
        bodies.read(location, Location.class);
        ModuleSupport.requireSame(location, "country_code", cc);
        ModuleSupport.requireSame(location, "party_id", pid);
        ModuleSupport.requireSame(location, "id", locationId);
        return push(request, cc, pid, locationId, "PUT", OutgoingUrls.path(cc, pid, locationId), body,
                current -> location);
    }

    @PUT
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}")
    public Uni<Response> putEvse(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                 @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                 @PathParam("evse_uid") String evseUid, String body) {
        ObjectNode evse = bodies.object(body);
        bodies.read(evse, EVSE.class);
        ModuleSupport.requireSame(evse, "uid", evseUid);
        return push(request, cc, pid, locationId, "PUT", OutgoingUrls.path(cc, pid, locationId, evseUid), body,
                current -> ObjectMerge.putEvse(existing(current, locationId), evse));
    }

    @PUT
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}/{connector_id}")
    public Uni<Response> putConnector(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                      @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                      @PathParam("evse_uid") String evseUid,
                                      @PathParam("connector_id") String connectorId, String body) {
        ObjectNode connector = bodies.object(body);
        bodies.read(connector, Connector.class);
        ModuleSupport.requireSame(connector, "id", connectorId);
        return push(request, cc, pid, locationId, "PUT",
                OutgoingUrls.path(cc, pid, locationId, evseUid, connectorId), body,
                current -> found(ObjectMerge.putConnector(existing(current, locationId), evseUid, connector),
                        "EVSE " + evseUid + " of location " + locationId));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}")
    public Uni<Response> patchLocation(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                       @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                       String body) {
        ObjectNode patch = patchBody(body);
        return push(request, cc, pid, locationId, "PATCH", OutgoingUrls.path(cc, pid, locationId), body,
                current -> ObjectMerge.patch(existing(current, locationId), patch, false));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}")
    public Uni<Response> patchEvse(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                   @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                   @PathParam("evse_uid") String evseUid, String body) {
        ObjectNode patch = patchBody(body);
        return push(request, cc, pid, locationId, "PATCH", OutgoingUrls.path(cc, pid, locationId, evseUid), body,
                current -> found(ObjectMerge.patchEvse(existing(current, locationId), evseUid, patch),
                        "EVSE " + evseUid + " of location " + locationId));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}/{connector_id}")
    public Uni<Response> patchConnector(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                        @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                        @PathParam("evse_uid") String evseUid,
                                        @PathParam("connector_id") String connectorId, String body) {
        ObjectNode patch = patchBody(body);
        return push(request, cc, pid, locationId, "PATCH",
                OutgoingUrls.path(cc, pid, locationId, evseUid, connectorId), body,
                current -> found(ObjectMerge.patchConnector(existing(current, locationId), evseUid, connectorId, patch),
                        "connector " + connectorId + " of EVSE " + evseUid));
    }

    private Uni<Response> push(ContainerRequestContext request, String cc, String pid, String locationId,
                               String method, String path, String body,
                               java.util.function.Function<StoredObject, ObjectNode> update) {
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "pushes locations");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, locationId, null, current -> {
                                ObjectNode next = update.apply(current);
                                // the merged copy must still be a valid Location: a PATCH cannot break it
                                bodies.read(next, Location.class);
                                return new Push(MODULE, method, owner, locationId, null, path, body, next,
                                        ObjectMerge.lastUpdated(next), EventType.LOCATION_CHANGED, RECEIVERS, null);
                            })
                    .map(receivers -> support.answer(sender, null));
        });
    }

    private Uni<ObjectNode> visibleLocation(Sender sender, String locationId) {
        return store.findById(MODULE, locationId, null).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ModuleSupport.unknown("location " + locationId));
            }
            return support.visibleTo(sender, MODULE, found).map(visible -> {
                if (visible == null) {
                    throw ModuleSupport.unknown("location " + locationId);
                }
                return (ObjectNode) ModuleSupport.parse(visible.body);
            });
        });
    }

    private ObjectNode patchBody(String body) {
        ObjectNode patch = bodies.object(body);
        if (!patch.path("last_updated").isTextual()) {
            throw OcpiBodies.invalid("field 'last_updated' is required in a PATCH");
        }
        return patch;
    }

    private static ObjectNode existing(StoredObject current, String locationId) {
        if (current == null) {
            throw ModuleSupport.unknown("location " + locationId + "; PUT the whole location first");
        }
        return (ObjectNode) ModuleSupport.parse(current.body);
    }

    private static ObjectNode found(ObjectNode merged, String what) {
        if (merged == null) {
            throw ModuleSupport.unknown(what);
        }
        return merged;
    }
}
