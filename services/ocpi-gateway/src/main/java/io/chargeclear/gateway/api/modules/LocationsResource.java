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
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator.LocationPart;
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
import java.util.function.BinaryOperator;

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
    private final VersionedObjects versions;
    private final ObjectStore store;

    public LocationsResource(ModuleSupport support, PushService pushes, VersionedObjects versions, ObjectStore store) {
        this.support = support;
        this.pushes = pushes;
        this.versions = versions;
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
        return support.sender(request).flatMap(sender -> Panache.withSession(
                        () -> visibleLocation(sender, locationId, ModuleSupport.tree(request)))
                .map(location -> support.answer(sender, location)));
    }

    @GET
    @Path("/sender/locations/{location_id}/{evse_uid}")
    public Uni<Response> getEvse(@Context ContainerRequestContext request, @PathParam("location_id") String locationId,
                                 @PathParam("evse_uid") String evseUid) {
        return support.sender(request).flatMap(sender -> Panache.withSession(
                        () -> visibleLocation(sender, locationId, ModuleSupport.tree(request)))
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
        return support.sender(request).flatMap(sender -> Panache.withSession(
                        () -> visibleLocation(sender, locationId, ModuleSupport.tree(request)))
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
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode location = versions.read(body, tree, MODULE);
        versions.check(location, tree, MODULE, Location.class, LocationPart.LOCATION);
        ModuleSupport.requireSame(location, "country_code", cc);
        ModuleSupport.requireSame(location, "party_id", pid);
        ModuleSupport.requireSame(location, "id", locationId);
        return push(request, cc, pid, locationId, "PUT", OutgoingUrls.path(cc, pid, locationId), body, location,
                null);
    }

    @PUT
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}")
    public Uni<Response> putEvse(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                 @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                 @PathParam("evse_uid") String evseUid, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode evse = versions.read(body, tree, MODULE);
        versions.check(evse, tree, MODULE, EVSE.class, LocationPart.EVSE);
        ModuleSupport.requireSame(evse, "uid", evseUid);
        return push(request, cc, pid, locationId, "PUT", OutgoingUrls.path(cc, pid, locationId, evseUid), body, evse,
                ObjectMerge::putEvse);
    }

    @PUT
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}/{connector_id}")
    public Uni<Response> putConnector(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                      @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                      @PathParam("evse_uid") String evseUid,
                                      @PathParam("connector_id") String connectorId, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode connector = versions.read(body, tree, MODULE);
        versions.check(connector, tree, MODULE, Connector.class, LocationPart.CONNECTOR);
        ModuleSupport.requireSame(connector, "id", connectorId);
        return push(request, cc, pid, locationId, "PUT",
                OutgoingUrls.path(cc, pid, locationId, evseUid, connectorId), body, connector,
                (location, update) -> found(ObjectMerge.putConnector(location, evseUid, update),
                        "EVSE " + evseUid + " of location " + locationId));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}")
    public Uni<Response> patchLocation(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                       @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                       String body) {
        ObjectNode patch = patchBody(request, body);
        return push(request, cc, pid, locationId, "PATCH", OutgoingUrls.path(cc, pid, locationId), body, patch,
                (location, update) -> ObjectMerge.patch(location, update, false));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}")
    public Uni<Response> patchEvse(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                   @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                   @PathParam("evse_uid") String evseUid, String body) {
        ObjectNode patch = patchBody(request, body);
        return push(request, cc, pid, locationId, "PATCH", OutgoingUrls.path(cc, pid, locationId, evseUid), body, patch,
                (location, update) -> found(ObjectMerge.patchEvse(location, evseUid, update),
                        "EVSE " + evseUid + " of location " + locationId));
    }

    @PATCH
    @Path("/receiver/locations/{country_code}/{party_id}/{location_id}/{evse_uid}/{connector_id}")
    public Uni<Response> patchConnector(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                        @PathParam("party_id") String pid, @PathParam("location_id") String locationId,
                                        @PathParam("evse_uid") String evseUid,
                                        @PathParam("connector_id") String connectorId, String body) {
        ObjectNode patch = patchBody(request, body);
        return push(request, cc, pid, locationId, "PATCH",
                OutgoingUrls.path(cc, pid, locationId, evseUid, connectorId), body, patch,
                (location, update) -> found(ObjectMerge.patchConnector(location, evseUid, connectorId, update),
                        "connector " + connectorId + " of EVSE " + evseUid));
    }

    /**
     * @param incoming the pushed object or PATCH body, in the tree's version
     * @param merge    how {@code incoming} changes the hub's copy of the location (both in one version); null when
     *                 {@code incoming} is the whole location
     */
    private Uni<Response> push(ContainerRequestContext request, String cc, String pid, String locationId,
                               String method, String path, String body, ObjectNode incoming,
                               BinaryOperator<ObjectNode> merge) {
        OcpiVersion tree = ModuleSupport.tree(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "pushes locations");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, locationId, null, current -> {
                                if (merge != null && current == null) {
                                    throw ModuleSupport.unknown("location " + locationId
                                            + "; PUT the whole location first");
                                }
                                VersionedObjects.Merged next = VersionedObjects.next(MODULE, current, incoming, tree,
                                        merge);
                                // the merged copy must still be a valid Location: a PATCH cannot break it
                                versions.check(next.object(), next.version(), MODULE, Location.class,
                                        LocationPart.LOCATION);
                                return new Push(MODULE, method, owner, locationId, null, path, body, next.object(),
                                        ObjectMerge.lastUpdated(next.object()), EventType.LOCATION_CHANGED, RECEIVERS,
                                        null, tree, next.version());
                            })
                    .map(receivers -> support.answer(sender, null));
        });
    }

    /** The location as the tree's version shows it; unknown when the sender may not see it or it cannot be shown. */
    private Uni<ObjectNode> visibleLocation(Sender sender, String locationId, OcpiVersion tree) {
        return store.findById(MODULE, locationId, null).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ModuleSupport.unknown("location " + locationId));
            }
            return support.visibleTo(sender, MODULE, found).map(visible -> {
                if (visible == null) {
                    throw ModuleSupport.unknown("location " + locationId);
                }
                VersionedObjects.Rendering rendering = VersionedObjects.render(MODULE, visible, tree);
                if (rendering.isWithheld()) {
                    throw ModuleSupport.unknown("location " + locationId + " in OCPI " + tree);
                }
                return (ObjectNode) rendering.tree();
            });
        });
    }

    private ObjectNode patchBody(ContainerRequestContext request, String body) {
        ObjectNode patch = versions.read(body, ModuleSupport.tree(request), MODULE);
        if (!patch.path("last_updated").isTextual()) {
            throw OcpiBodies.invalid("field 'last_updated' is required in a PATCH");
        }
        return patch;
    }

    private static ObjectNode found(ObjectNode merged, String what) {
        if (merged == null) {
            throw ModuleSupport.unknown(what);
        }
        return merged;
    }
}
