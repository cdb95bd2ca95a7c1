package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.routing.Authorizations;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.tokens.Token;
import io.chargeclear.model.ocpi.tokens.TokenType;
import io.smallrye.common.annotation.NonBlocking;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.gateway.store.VersionedObjects;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OCPI 2.2.1 §mod_tokens through the hub. Receiver interface: eMSPs push tokens (PUT/PATCH; no DELETE — a token
 * is invalidated with {@code valid=false}); the hub keeps the current token and forwards by broadcast to the CPOs
 * the agreements allow, or to the addressed CPO. Sender interface: GET All via Hub from the store, and real-time
 * authorization, routed to the token's eMSP ({@link Authorizations}).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi tokens")
public class TokensResource {

    /** A 2.3.0 TokenType (an OpenEnum): an upper-case name. */
    private static final Pattern OPEN_ENUM_VALUE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    static final String MODULE = "tokens";
    private static final Set<String> RECEIVERS = Set.of("CPO");

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final VersionedObjects versions;
    private final Authorizations authorizations;

    public TokensResource(ModuleSupport support, PushService pushes, OcpiBodies bodies, VersionedObjects versions,
                          Authorizations authorizations) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.versions = versions;
        this.authorizations = authorizations;
    }

    @GET
    @Path("/sender/tokens")
    @Operation(summary = "GET All via Hub: every token the requesting CPO may see (paginated)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, false, offset, limit, dateFrom, dateTo, after, false);
    }

    @POST
    @Path("/sender/tokens/{token_uid}/authorize")
    @Operation(summary = "Real-time authorization: routed to the token's eMSP with a bounded timeout")
    public Uni<Response> authorize(@Context ContainerRequestContext request, @PathParam("token_uid") String uid,
                                   @RestQuery("type") String type, String body) {
        return authorizations.authorize(request, uid, tokenType(type, ModuleSupport.tree(request)), body);
    }

    @GET
    @Path("/receiver/tokens/{country_code}/{party_id}/{token_uid}")
    @Operation(summary = "The hub's copy of one of the eMSP's own tokens")
    public Uni<Response> own(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("token_uid") String uid,
                             @RestQuery("type") String type) {
        return support.own(request, MODULE, "token", cc, pid, uid, tokenType(type, ModuleSupport.tree(request)));
    }

    @PUT
    @Path("/receiver/tokens/{country_code}/{party_id}/{token_uid}")
    @Operation(summary = "An eMSP pushes a token; broadcast to CPOs, or to the CPO in the TO headers")
    public Uni<Response> put(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("token_uid") String uid,
                             @RestQuery("type") String type, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        String tokenType = tokenType(type, tree);
        ObjectNode token = versions.read(body, tree, MODULE);
        versions.check(token, tree, MODULE, Token.class, null);
        ModuleSupport.requireSame(token, "country_code", cc);
        ModuleSupport.requireSame(token, "party_id", pid);
        ModuleSupport.requireSame(token, "uid", uid);
        ModuleSupport.requireSame(token, "type", tokenType);
        return push(request, cc, pid, uid, tokenType, "PUT", body, token, false);
    }

    @PATCH
    @Path("/receiver/tokens/{country_code}/{party_id}/{token_uid}")
    public Uni<Response> patch(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                               @PathParam("party_id") String pid, @PathParam("token_uid") String uid,
                               @RestQuery("type") String type, String body) {
        OcpiVersion tree = ModuleSupport.tree(request);
        String tokenType = tokenType(type, tree);
        ObjectNode patch = versions.read(body, tree, MODULE);
        if (!patch.path("last_updated").isTextual()) {
            throw OcpiBodies.invalid("field 'last_updated' is required in a PATCH");
        }
        return push(request, cc, pid, uid, tokenType, "PATCH", body, patch, true);
    }

    /**
     * @param incoming the whole token (PUT) or the PATCH body, in the tree's version
     * @param patch    whether {@code incoming} is merged into the hub's copy
     */
    private Uni<Response> push(ContainerRequestContext request, String cc, String pid, String uid, String tokenType,
                               String method, String body, ObjectNode incoming, boolean patch) {
        OcpiVersion tree = ModuleSupport.tree(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "EMSP", "pushes tokens");
            OcpiParty owner = ModuleSupport.requireOwner(sender, cc, pid);
            String path = OutgoingUrls.path(cc, pid, uid) + "?" + OutgoingUrls.query("type", tokenType);
            return pushes.accept(sender, ModuleSupport.headers(request), ModuleSupport.correlationId(request), MODULE,
                            owner, uid, tokenType, current -> {
                                if (patch && current == null) {
                                    throw ModuleSupport.unknown("token " + cc + "*" + pid + "*" + uid
                                            + "; PUT the whole token first");
                                }
                                VersionedObjects.Merged next = VersionedObjects.next(MODULE, current, incoming, tree,
                                        patch ? (stored, update) -> ObjectMerge.patch(stored, update, false) : null);
                                versions.check(next.object(), next.version(), MODULE, Token.class, null);
                                return new Push(MODULE, method, owner, uid, tokenType, path, body, next.object(),
                                        ObjectMerge.lastUpdated(next.object()), EventType.TOKEN_CHANGED, RECEIVERS,
                                        null, tree, next.version());
                            })
                    .map(receivers -> support.answer(sender, null));
        });
    }

    /**
     * The {@code type} query parameter: RFID when absent; 2001 when not a TokenType of the tree's version (2.3.0's
     * TokenType is an OpenEnum: any upper-case name, e.g. {@code EMAID}).
     */
    static String tokenType(String type, OcpiVersion tree) {
        if (type == null || type.isBlank()) {
            return TokenType.RFID.name();
        }
        if (tree == OcpiVersion.V2_3_0) {
            if (!OPEN_ENUM_VALUE.matcher(type.strip()).matches()) {
                throw OcpiBodies.invalid("invalid query parameter 'type': '" + type + "' is not a TokenType (upper-case"
                        + " letters, digits and '_', at most 32)");
            }
            return type.strip();
        }
        return Arrays.stream(TokenType.values()).map(Enum::name).filter(n -> n.equals(type.strip())).findFirst()
                .orElseThrow(() -> OcpiBodies.invalid("invalid query parameter 'type': '" + type
                        + "' is not a TokenType (" + Arrays.toString(TokenType.values()) + ")"));
    }
}
