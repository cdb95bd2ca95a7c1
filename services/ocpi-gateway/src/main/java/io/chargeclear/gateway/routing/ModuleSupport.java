package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.metrics.OcpiRequestMetrics;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.ocpi.Pagination;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What every functional-module resource of the hub does the same way: who is asking (the authenticated platform
 * and its OCPI-from party), the ownership rule (a party pushes only its own objects), the hub's own answers with
 * routing headers back to the requester, and GET lists served from the hub's store with pagination.
 */
@ApplicationScoped
public class ModuleSupport {

    private final Router router;
    private final AgreementGate gate;
    private final ObjectStore store;
    private final GatewayConfig config;

    public ModuleSupport(Router router, AgreementGate gate, ObjectStore store, GatewayConfig config) {
        this.router = router;
        this.gate = gate;
        this.store = store;
        this.config = config;
    }

    public Router router() {
        return router;
    }

    /** The OCPI version of the tree the request came in on. */
    public static OcpiVersion tree(ContainerRequestContext request) {
        return VersionedObjects.tree(request);
    }

    public static RoutingHeaders headers(ContainerRequestContext request) {
        return RoutingHeaders.read(request::getHeaderString);
    }

    public static String correlationId(ContainerRequestContext request) {
        String id = request.getHeaderString("X-Correlation-ID");
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    /** The requesting party, proven to be one of the caller's; refused otherwise. */
    public Uni<Sender> sender(ContainerRequestContext request) {
        RoutingHeaders headers = headers(request);
        OcpiCaller caller = OcpiCaller.current();
        // the directory is in memory (ADR 0018): no ORM session to open
        return router.sender(caller, headers)
                .invoke(sender -> OcpiRequestMetrics.requester(request, sender.party()));
    }

    /** The sender must hold {@code role} to use this interface (a CPO pushes locations, an eMSP tokens, …). */
    public static void requireRole(Sender sender, String role, String what) {
        if (!sender.is(role)) {
            throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                    sender.party() + " is not registered as a " + role + " at this hub; only a " + role + " " + what);
        }
    }

    /** The URL's {@code {country_code}/{party_id}} must be the sender's own: a party pushes only its own objects. */
    public static OcpiParty requireOwner(Sender sender, String countryCode, String partyId) {
        OcpiParty owner = new OcpiParty(countryCode.toUpperCase(), partyId.toUpperCase());
        if (!owner.equals(sender.party())) {
            throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "the URL names owner " + owner + " but the request comes from " + sender.party()
                            + ": a party pushes only its own objects");
        }
        return owner;
    }

    /** A body's {@code field} must repeat the URL's value (OCPI 2001 when a URL id differs from the body id). */
    public static void requireSame(JsonNode body, String field, String urlValue) {
        String value = body.path(field).asText(null);
        if (value != null && !value.equalsIgnoreCase(urlValue)) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "field '" + field + "' is '" + value + "' but the URL says '" + urlValue + "'");
        }
    }

    /** The hub's own answer, addressed back to the requester. */
    public Response answer(Sender sender, Object data) {
        return addressed(sender, Response.ok(OcpiResponses.success(data), MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * The hub's own 1000 without data, with a {@code status_message} saying what it accepted only with a warning or
     * found while forwarding (OCPI 2.2.1 §transport_and_format: the message is free text for the client's logs).
     */
    public Response noted(Sender sender, String statusMessage) {
        return addressed(sender, Response.ok(OcpiResponses.success(null, statusMessage),
                MediaType.APPLICATION_JSON_TYPE));
    }

    private Response addressed(Sender sender, Response.ResponseBuilder response) {
        return response
                .header(RoutingHeaders.FROM_COUNTRY_CODE, router.hub().countryCode())
                .header(RoutingHeaders.FROM_PARTY_ID, router.hub().partyId())
                .header(RoutingHeaders.TO_COUNTRY_CODE, sender.party().countryCode())
                .header(RoutingHeaders.TO_PARTY_ID, sender.party().partyId())
                .build();
    }

    /**
     * The hub's copy of one of the requesting party's own objects (a Receiver-interface GET: the owner checks what
     * the hub holds), in the version of the tree asked on; 404 with 2001 when the hub has none.
     *
     * @param what the object as the error names it, e.g. {@code tariff}
     */
    public Uni<Response> own(ContainerRequestContext request, String module, String what, String countryCode,
                             String partyId, String objectId, String tokenType) {
        return sender(request).flatMap(sender -> {
            OcpiParty owner = requireOwner(sender, countryCode, partyId);
            return Panache.withSession(() -> store.find(module, owner, objectId, tokenType)).map(found -> {
                if (found == null) {
                    throw unknown(what + " " + owner + "*" + objectId + (tokenType == null ? "" : " of type " + tokenType));
                }
                VersionedObjects.Rendering rendering = VersionedObjects.render(module, found, tree(request));
                if (rendering.isWithheld()) {
                    throw new OcpiException(Response.Status.NOT_FOUND, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                            what + " " + owner + "*" + objectId + " cannot be expressed in OCPI " + tree(request)
                                    + " (" + rendering.withheld() + "); read it on the /ocpi/2.3.0 tree");
                }
                return answer(sender, rendering.tree());
            });
        });
    }

    /** Unknown object: HTTP 404 with OCPI 2001 naming it. */
    public static OcpiException unknown(String what) {
        return new OcpiException(Response.Status.NOT_FOUND, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                "unknown " + what + " at this hub");
    }

    /**
     * A GET list of the hub's Sender interface (GET All via Hub): the stored objects the requesting party may see,
     * oldest first, each in the version of the tree asked on (an object that version cannot carry is left out).
     * Owned-and-addressed modules (sessions, CDRs) show only the sender's own and those routed to it; the others show
     * what the agreement gate lets the sender see.
     */
    public Uni<Response> list(ContainerRequestContext request, String module, boolean addressedOnly, String offset,
                              String limit, String dateFrom, String dateTo, String after, boolean dateFromRequired) {
        return list(request, module, "sender/" + module, addressedOnly, offset, limit, dateFrom, dateTo, after,
                dateFromRequired);
    }

    /** As {@link #list}, for a list served at {@code listPath} below the tree (e.g. {@code sender/payments/terminals}). */
    public Uni<Response> list(ContainerRequestContext request, String module, String listPath, boolean addressedOnly,
                              String offset, String limit, String dateFrom, String dateTo, String after,
                              boolean dateFromRequired) {
        int max = config.pageSizeMax();
        Pagination pagination = Pagination.parse(offset, limit, dateFrom, dateTo, max);
        if (dateFromRequired && pagination.dateFrom() == null) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "query parameter 'date_from' is required on the " + module + " list (OCPI 2.2.1)");
        }
        Long afterKey = parseAfter(after);
        OcpiVersion tree = tree(request);
        String listUrl = config.baseUrl() + "/ocpi/" + tree + "/" + listPath;
        return sender(request).flatMap(sender -> Panache.withSession(() -> visibility(sender, module, addressedOnly)
                        .flatMap(visibility -> store.list(module, visibility, pagination.dateFrom(), pagination.dateTo(),
                                afterKey, pagination.offset(), pagination.limit())))
                .map(slice -> {
                    List<JsonNode> items = new ArrayList<>();
                    for (StoredObject object : slice.items()) {
                        VersionedObjects.Rendering rendering = VersionedObjects.render(module, object, tree);
                        if (!rendering.isWithheld()) {
                            items.add(rendering.tree());
                        }
                    }
                    Response.ResponseBuilder response = Response.ok(OcpiResponses.success(items),
                                    MediaType.APPLICATION_JSON_TYPE)
                            .header(RoutingHeaders.FROM_COUNTRY_CODE, router.hub().countryCode())
                            .header(RoutingHeaders.FROM_PARTY_ID, router.hub().partyId())
                            .header(RoutingHeaders.TO_COUNTRY_CODE, sender.party().countryCode())
                            .header(RoutingHeaders.TO_PARTY_ID, sender.party().partyId());
                    response.header(Pagination.TOTAL_COUNT, Long.toString(slice.total()));
                    response.header(Pagination.X_LIMIT, Integer.toString(max));
                    // the next page repeats the filters, moves the offset on and carries the last key, so the
                    // hub continues exactly after this page (keyset) even if objects were added or removed
                    if (!slice.items().isEmpty()) {
                        long lastKey = slice.items().get(slice.items().size() - 1).seq;
                        pagination.nextUrl(listUrl, slice.total()).ifPresent(next ->
                                response.header(Pagination.LINK, "<" + next + "&after=" + lastKey + ">; rel=\"next\""));
                    }
                    return response.build();
                }));
    }

    /** The first of {@code candidates} the sender may see: its own, addressed to it, or of a counterpart. */
    public Uni<StoredObject> visibleTo(Sender sender, String module, List<StoredObject> candidates) {
        return gate.counterparts(sender.party(), module, Instant.now()).map(c -> candidates.stream()
                .filter(o -> c.includes(new OcpiParty(o.countryCode, o.partyId))
                        || sender.party().equals(new OcpiParty(o.recipientCountryCode, o.recipientPartyId)))
                .findFirst().orElse(null));
    }

    private Uni<ObjectStore.Visibility> visibility(Sender sender, String module, boolean addressedOnly) {
        if (addressedOnly) {
            return Uni.createFrom().item(new ObjectStore.Visibility(false, List.of(), sender.party()));
        }
        return gate.counterparts(sender.party(), module, Instant.now())
                .map(c -> new ObjectStore.Visibility(c.everyone(), c.keys(), sender.party()));
    }

    private static Long parseAfter(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "invalid query parameter 'after': use the Link of the previous page");
        }
    }

    /** An empty success envelope. */
    public static OcpiResponse<Void> empty() {
        return OcpiResponses.success(null);
    }
}
