package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.routing.Router;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.gateway.store.VersionedObjects;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * OCPI 2.2.1 §mod_cdrs through the hub. Receiver interface: a CPO POSTs a final CDR; it goes to the one eMSP of its
 * {@code cdr_token}, never broadcast (TO headers naming another party are refused, ADR 0015). CDRs are immutable: a second POST of
 * the same id is refused (corrections are credit CDRs with a new id). The {@code Location} the CPO gets points at
 * the hub's copy (ADR 0008): the CPO can reach the eMSP's platform only through the hub. Sender interface: GET list
 * from the store (the caller's own CDRs and those routed to it).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi cdrs")
public class CdrsResource {

    static final String MODULE = "cdrs";
    /** The eMSP of the cdr_token, or the payment terminal provider of a terminal-paid charge. */
    private static final Set<String> RECEIVERS = Set.of("EMSP", Router.PAYMENT_TERMINAL_PROVIDER);

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final VersionedObjects versions;
    private final ObjectStore store;
    private final GatewayConfig config;

    public CdrsResource(ModuleSupport support, PushService pushes, OcpiBodies bodies, VersionedObjects versions,
                        ObjectStore store,
                        GatewayConfig config) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.versions = versions;
        this.store = store;
        this.config = config;
    }

    @GET
    @Path("/sender/cdrs")
    @Operation(summary = "The caller's CDRs and those routed to it (paginated)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, true, offset, limit, dateFrom, dateTo, after, false);
    }

    @POST
    @Path("/receiver/cdrs")
    @Operation(summary = "A CPO posts a CDR; it goes to the eMSP of its token")
    public Uni<Response> post(@Context ContainerRequestContext request, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        ObjectNode cdr = versions.read(body, tree, MODULE);
        versions.check(cdr, tree, MODULE, CDR.class, null);
        String cdrId = cdr.path("id").asText();
        String cc = cdr.path("country_code").asText();
        String pid = cdr.path("party_id").asText();
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "posts CDRs");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, cdrId, null, current -> {
                                if (current != null) {
                                    throw new OcpiException(Response.Status.BAD_REQUEST,
                                            OcpiStatus.INVALID_OR_MISSING_PARAMETERS, "CDR " + owner + "*" + cdrId
                                            + " was already received; CDRs are immutable: send a credit CDR and a new"
                                            + " CDR with new ids to correct it");
                                }
                                return new Push(MODULE, "POST", owner, cdrId, null, "", body, cdr,
                                        ObjectMerge.lastUpdated(cdr), EventType.CDR_RECEIVED, RECEIVERS,
                                        SessionsResource.tokenParty(cdr), tree, tree);
                            })
                    .map(receivers -> Response.fromResponse(support.answer(sender, null))
                            .header("Location", config.baseUrl() + "/ocpi/" + tree + "/receiver/cdrs/"
                                    + OutgoingUrls.path(owner.countryCode(), owner.partyId(), cdrId))
                            .build());
        });
    }

    @GET
    @Path("/receiver/cdrs/{country_code}/{party_id}/{cdr_id}")
    @Operation(summary = "A CDR as the hub received it, for its CPO and its eMSP (the Location of the POST), in the"
            + " tree's OCPI version")
    public Uni<Response> get(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("cdr_id") String cdrId) {
        OcpiParty owner = new OcpiParty(cc.toUpperCase(), pid.toUpperCase());
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> store.find(MODULE, owner, cdrId, null))
                .map(found -> {
                    boolean mine = found != null && (sender.party().equals(owner)
                            || sender.party().equals(new OcpiParty(found.recipientCountryCode, found.recipientPartyId)));
                    if (!mine) {
                        throw ModuleSupport.unknown("CDR " + owner + "*" + cdrId);
                    }
                    // a CDR always renders: only tariffs are ever withheld (ADR 0024)
                    return support.answer(sender,
                            VersionedObjects.render(MODULE, found, ModuleSupport.tree(request)).tree());
                }));
    }
}
