package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.smallrye.common.annotation.NonBlocking;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * OCPI 2.2.1 §mod_tariffs through the hub. Receiver interface: CPOs push (PUT) and delete (DELETE) tariffs; the
 * hub keeps the current one and forwards by broadcast or to the addressed party, like locations. Sender interface:
 * GET All via Hub from the store.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi tariffs")
public class TariffsResource {

    static final String MODULE = "tariffs";
    private static final Set<String> RECEIVERS = Set.of("EMSP", "NSP", "OTHER");

    private final ModuleSupport support;
    private final PushService pushes;
    private final VersionedObjects versions;

    public TariffsResource(ModuleSupport support, PushService pushes, VersionedObjects versions) {
        this.support = support;
        this.pushes = pushes;
        this.versions = versions;
    }

    @GET
    @Path("/sender/tariffs")
    @Operation(summary = "GET All via Hub: every tariff the requesting party may see (paginated)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, false, offset, limit, dateFrom, dateTo, after, false);
    }

    @GET
    @Path("/receiver/tariffs/{country_code}/{party_id}/{tariff_id}")
    @Operation(summary = "The hub's copy of one of the CPO's own tariffs")
    public Uni<Response> own(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("tariff_id") String tariffId) {
        return support.own(request, MODULE, "tariff", cc, pid, tariffId, null);
    }

    @PUT
    @Path("/receiver/tariffs/{country_code}/{party_id}/{tariff_id}")
    @Operation(summary = "A CPO pushes a tariff; broadcast, or to the party in the TO headers")
    public Uni<Response> put(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("tariff_id") String tariffId, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode tariff = versions.read(body, tree, MODULE);
        versions.check(tariff, tree, MODULE, Tariff.class, null);
        ModuleSupport.requireSame(tariff, "country_code", cc);
        ModuleSupport.requireSame(tariff, "party_id", pid);
        ModuleSupport.requireSame(tariff, "id", tariffId);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "pushes tariffs");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, tariffId, null, current -> new Push(MODULE, "PUT", owner, tariffId, null,
                                    OutgoingUrls.path(cc, pid, tariffId), body, tariff,
                                    ObjectMerge.lastUpdated(tariff), EventType.TARIFF_CHANGED,
                                    RECEIVERS, null, tree, tree))
                    .map(receivers -> support.answer(sender, null));
        });
    }

    @DELETE
    @Path("/receiver/tariffs/{country_code}/{party_id}/{tariff_id}")
    @Operation(summary = "A CPO deletes a tariff; forwarded like its pushes")
    public Uni<Response> delete(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                @PathParam("party_id") String pid, @PathParam("tariff_id") String tariffId) {
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "deletes tariffs");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, tariffId, null, current -> {
                                if (current == null) {
                                    throw ModuleSupport.unknown("tariff " + owner + "*" + tariffId);
                                }
                                return new Push(MODULE, "DELETE", owner, tariffId, null, OutgoingUrls.path(cc, pid, tariffId),
                                        null, null, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                        EventType.TARIFF_DELETED, RECEIVERS, null, ModuleSupport.tree(request),
                                        ModuleSupport.tree(request));
                            })
                    .map(receivers -> support.answer(sender, null));
        });
    }
}
