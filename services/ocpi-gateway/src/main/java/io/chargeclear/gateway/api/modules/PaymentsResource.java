package io.chargeclear.gateway.api.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.gateway.partner.PartnerAnswer;
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
import io.chargeclear.gateway.store.PaymentObjects;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * OCPI 2.3.0 payments through the hub (docs/adr/0031-payment-terminals-through-the-hub.md), between payment terminal
 * providers (a party of role OTHER registered as one) and CPOs, on the 2.3.0 tree only. The provider owns terminals and
 * financial advice confirmations; the spec names no owner in the URLs, so the hub finds the other side itself:
 * <ul>
 *   <li>Receiver interface (the provider pushes): a terminal goes to the CPO in the TO headers, else the CPO it went
 *   to before, else its own {@code country_code}/{@code party_id}, else the CPO owning its {@code location_ids}; a
 *   confirmation goes to the CPO in the TO headers, else the one whose sessions to the provider carry its
 *   {@code authorization_reference}. Both are stored, announced on {@code ocpi.payment.v1} and delivered like any
 *   push, agreement-gated (module {@code payments}).</li>
 *   <li>Sender interface (the CPO reads, and pushes into the provider): GETs answer from the hub's copies the CPO may
 *   see; {@code PUT}/{@code PATCH} of a terminal, {@code deactivate} and {@code activate} are forwarded at once to
 *   the provider owning the terminal (the terminal registry), or in the TO headers, and the CPO gets its answer.</li>
 * </ul>
 * A CPO on OCPI 2.2.1 has no payments module: a call that would reach one is OCPI 4000 and nothing is forwarded.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi payments")
public class PaymentsResource {

    static final String MODULE = "payments";
    static final String TERMINALS = "terminals";
    static final String CONFIRMATIONS = "financial-advice-confirmations";
    private static final Logger LOG = Logger.getLogger(PaymentsResource.class);
    private static final Set<String> CPO = Set.of("CPO");
    private static final Set<String> PROVIDER = Set.of(Router.PAYMENT_TERMINAL_PROVIDER);

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final ObjectStore store;
    private final AgreementGate gate;
    private final Forwarder forwarder;
    private final Outbox outbox;
    private final GatewayConfig config;

    public PaymentsResource(ModuleSupport support, PushService pushes, OcpiBodies bodies, ObjectStore store,
                            AgreementGate gate, Forwarder forwarder, Outbox outbox, GatewayConfig config) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.store = store;
        this.gate = gate;
        this.forwarder = forwarder;
        this.outbox = outbox;
        this.config = config;
    }

    // ---------------------------------------------------------------- Receiver interface: the provider pushes

    @POST
    @Path("/receiver/payments/terminals")
    @Operation(summary = "A payment terminal provider creates or updates a terminal; it goes to the terminal's CPO")
    public Uni<Response> postTerminal(@Context ContainerRequestContext request, String body) {
        return terminal(request, null, body);
    }

    @POST
    @Path("/receiver/payments/terminals/{terminal_id}")
    @Operation(summary = "A payment terminal provider updates one terminal; it goes to the terminal's CPO")
    public Uni<Response> postTerminalWithId(@Context ContainerRequestContext request,
                                            @PathParam("terminal_id") String terminalId, String body) {
        return terminal(request, terminalId, body);
    }

    @POST
    @Path("/receiver/payments/financial-advice-confirmations")
    @Operation(summary = "A payment terminal provider confirms a capture; it goes to the session's CPO")
    public Uni<Response> postConfirmation(@Context ContainerRequestContext request, String body) {
        return confirmation(request, null, body);
    }

    @POST
    @Path("/receiver/payments/financial-advice-confirmations/{id}")
    @Operation(summary = "A payment terminal provider confirms a capture; it goes to the session's CPO")
    public Uni<Response> postConfirmationWithId(@Context ContainerRequestContext request, @PathParam("id") String id,
                                                String body) {
        return confirmation(request, id, body);
    }

    @GET
    @Path("/receiver/payments/terminals")
    @Operation(summary = "The hub's copies of the provider's terminals (paginated)")
    public Uni<Response> ownTerminals(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                                      @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                                      @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, TERMINALS, "receiver/payments/terminals", true, offset, limit, dateFrom, dateTo,
                after, false);
    }

    @GET
    @Path("/receiver/payments/terminals/{terminal_id}")
    @Operation(summary = "The hub's copy of one of the provider's terminals")
    public Uni<Response> ownTerminal(@Context ContainerRequestContext request,
                                     @PathParam("terminal_id") String terminalId) {
        return one(request, TERMINALS, terminalId, "terminal");
    }

    @GET
    @Path("/receiver/payments/financial-advice-confirmations")
    @Operation(summary = "The hub's copies of the provider's confirmations (paginated)")
    public Uni<Response> ownConfirmations(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                                          @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                                          @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, CONFIRMATIONS, "receiver/payments/financial-advice-confirmations", true, offset,
                limit, dateFrom, dateTo, after, false);
    }

    @GET
    @Path("/receiver/payments/financial-advice-confirmations/{id}")
    @Operation(summary = "The hub's copy of one of the provider's confirmations")
    public Uni<Response> ownConfirmation(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return one(request, CONFIRMATIONS, id, "financial advice confirmation");
    }

    // ---------------------------------------------------------------- Sender interface: the CPO reads and pushes

    @GET
    @Path("/sender/payments/terminals")
    @Operation(summary = "The terminals sent to the CPO (paginated)")
    public Uni<Response> terminals(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                                   @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                                   @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, TERMINALS, "sender/payments/terminals", true, offset, limit, dateFrom, dateTo,
                after, false);
    }

    @GET
    @Path("/sender/payments/terminals/{terminal_id}")
    @Operation(summary = "One terminal sent to the CPO")
    public Uni<Response> terminal(@Context ContainerRequestContext request,
                                  @PathParam("terminal_id") String terminalId) {
        return one(request, TERMINALS, terminalId, "terminal");
    }

    @GET
    @Path("/sender/payments/financial-advice-confirmations")
    @Operation(summary = "The confirmations sent to the CPO (paginated)")
    public Uni<Response> confirmations(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                                       @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                                       @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, CONFIRMATIONS, "sender/payments/financial-advice-confirmations", true, offset,
                limit, dateFrom, dateTo, after, false);
    }

    @GET
    @Path("/sender/payments/financial-advice-confirmations/{id}")
    @Operation(summary = "One confirmation sent to the CPO")
    public Uni<Response> confirmation(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return one(request, CONFIRMATIONS, id, "financial advice confirmation");
    }

    @PUT
    @Path("/sender/payments/terminals/{terminal_id}")
    @Operation(summary = "A CPO updates a terminal at its provider (found by the terminal registry)")
    public Uni<Response> putTerminal(@Context ContainerRequestContext request,
                                     @PathParam("terminal_id") String terminalId, String body) {
        return toProvider(request, terminalId, "PUT", "", body);
    }

    @PATCH
    @Path("/sender/payments/terminals/{terminal_id}")
    @Operation(summary = "A CPO assigns a terminal to locations or EVSEs at its provider (found by the terminal registry)")
    public Uni<Response> patchTerminal(@Context ContainerRequestContext request,
                                       @PathParam("terminal_id") String terminalId, String body) {
        return toProvider(request, terminalId, "PATCH", "", body);
    }

    @POST
    @Path("/sender/payments/terminals/{terminal_id}/deactivate")
    @Operation(summary = "A CPO deactivates a terminal at its provider")
    public Uni<Response> deactivate(@Context ContainerRequestContext request,
                                    @PathParam("terminal_id") String terminalId, String body) {
        return toProvider(request, terminalId, "POST", "/deactivate", body);
    }

    @POST
    @Path("/sender/payments/terminals/activate")
    @Operation(summary = "A CPO asks a provider (TO headers) to activate a terminal; the provider then posts it")
    public Uni<Response> activate(@Context ContainerRequestContext request, String body) {
        ObjectNode activation = bodies.object(body);
        RoutingHeaders headers = ModuleSupport.headers(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "activates payment terminals");
            if (headers.to() == null || support.router().addressesHub(headers)) {
                throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION, "an activation names"
                        + " no terminal the hub knows: send the OCPI-to headers of the payment terminal provider");
            }
            return forward(sender, headers.to(), "POST", "terminals/activate", activation.toString(),
                    ModuleSupport.correlationId(request), accepted -> Uni.createFrom().voidItem());
        });
    }

    // ---------------------------------------------------------------- the provider's pushes

    private Uni<Response> terminal(ContainerRequestContext request, String pathId, String body) {
        Instant now = Instant.now();
        ObjectNode terminal = PaymentObjects.terminal(bodies.object(body), pathId, now);
        String id = terminal.path("terminal_id").asText();
        RoutingHeaders headers = ModuleSupport.headers(request);
        return support.sender(request).call(this::requireProvider).flatMap(sender ->
                Panache.withSession(() -> cpoOfTerminal(sender, headers, terminal, id))
                        .call(this::requirePaymentsCpo)
                        .flatMap(cpo -> pushes.accept(sender, headers, ModuleSupport.correlationId(request), TERMINALS,
                                sender.party(), id, null, current -> new Push(TERMINALS, "POST", sender.party(), id,
                                        null, pathId == null ? TERMINALS : TERMINALS + "/" + OutgoingUrls.segment(id),
                                        terminal.toString(), terminal, ObjectMerge.lastUpdated(terminal),
                                        EventType.TERMINAL_CHANGED, CPO, cpo, OcpiVersion.V2_3_0,
                                        OcpiVersion.V2_3_0)))
                        .map(queued -> support.answer(sender, null)));
    }

    private Uni<Response> confirmation(ContainerRequestContext request, String pathId, String body) {
        PaymentObjects.Confirmation fac = PaymentObjects.confirmation(bodies.object(body), pathId);
        ObjectNode object = fac.object();
        String id = object.path("id").asText();
        String reference = object.path("authorization_reference").asText();
        RoutingHeaders headers = ModuleSupport.headers(request);
        return support.sender(request).call(this::requireProvider).flatMap(sender ->
                Panache.withSession(() -> cpoOfConfirmation(sender, headers, id, reference))
                        .call(this::requirePaymentsCpo)
                        .flatMap(cpo -> pushes.accept(sender, headers, ModuleSupport.correlationId(request),
                                CONFIRMATIONS, sender.party(), id, null, current -> new Push(CONFIRMATIONS, "POST",
                                        sender.party(), id, null, pathId == null ? CONFIRMATIONS
                                        : CONFIRMATIONS + "/" + OutgoingUrls.segment(id), object.toString(), object,
                                        ObjectMerge.lastUpdated(object), EventType.FINANCIAL_ADVICE_CONFIRMED, CPO,
                                        cpo, OcpiVersion.V2_3_0, OcpiVersion.V2_3_0)))
                        .map(queued -> {
                            fac.warnings().forEach(w -> LOG.warnf("financial advice confirmation %s*%s of %s: %s",
                                    sender.party(), id, reference, w));
                            return fac.warnings().isEmpty() ? support.answer(sender, null)
                                    : support.noted(sender, "accepted; " + String.join("; ", fac.warnings()));
                        }));
    }

    /** The terminal's CPO: TO headers, the CPO it went to before, its own party fields, or its locations' owner. */
    private Uni<OcpiParty> cpoOfTerminal(Sender provider, RoutingHeaders headers, ObjectNode terminal, String id) {
        if (headers.to() != null && !support.router().addressesHub(headers)) {
            return Uni.createFrom().item(headers.to());
        }
        return store.find(TERMINALS, provider.party(), id, null).flatMap(known -> {
            if (known != null && known.recipientCountryCode != null) {
                return Uni.createFrom().item(new OcpiParty(known.recipientCountryCode, known.recipientPartyId));
            }
            if (terminal.path("country_code").isTextual() && terminal.path("party_id").isTextual()) {
                return Uni.createFrom().item(new OcpiParty(terminal.path("country_code").asText(),
                        terminal.path("party_id").asText()));
            }
            List<String> locations = ids(terminal.path("location_ids"));
            if (locations.isEmpty()) {
                throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION, "terminal " + id
                        + " names no CPO: send the OCPI-to headers of its CPO, or give it country_code and party_id"
                        + " or location_ids");
            }
            return Multi.createFrom().iterable(locations)
                    .onItem().transformToUniAndConcatenate(location -> store.findById(LocationsResource.MODULE,
                            location, null))
                    .collect().asList()
                    .map(found -> {
                        Set<OcpiParty> owners = new TreeSet<>(Comparator.comparing(OcpiParty::toString));
                        found.forEach(objects -> objects.forEach(o -> owners.add(new OcpiParty(o.countryCode,
                                o.partyId))));
                        if (owners.size() != 1) {
                            throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION,
                                    "the location_ids of terminal " + id + " belong to " + (owners.isEmpty()
                                            ? "no CPO the hub knows" : "several CPOs " + owners)
                                            + ": send the OCPI-to headers of its CPO");
                        }
                        return owners.iterator().next();
                    });
        });
    }

    /** The confirmation's CPO: TO headers, the CPO it went to before, or the one whose sessions carry the reference. */
    private Uni<OcpiParty> cpoOfConfirmation(Sender provider, RoutingHeaders headers, String id, String reference) {
        if (headers.to() != null && !support.router().addressesHub(headers)) {
            return Uni.createFrom().item(headers.to());
        }
        return store.find(CONFIRMATIONS, provider.party(), id, null).flatMap(known -> {
            if (known != null && known.recipientCountryCode != null) {
                return Uni.createFrom().item(new OcpiParty(known.recipientCountryCode, known.recipientPartyId));
            }
            return store.ownersByAuthorizationReference(provider.party(), reference).map(owners -> {
                if (owners.size() != 1) {
                    throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION,
                            "authorization_reference " + reference + " is on " + (owners.isEmpty()
                                    ? "no session the hub sent you" : "sessions of several CPOs " + owners)
                                    + ": send the OCPI-to headers of the CPO");
                }
                return owners.get(0);
            });
        });
    }

    // ---------------------------------------------------------------- the CPO's pushes into the provider

    private Uni<Response> toProvider(ContainerRequestContext request, String terminalId, String method, String suffix,
                                     String body) {
        ObjectNode change = body == null || body.isBlank() ? null : bodies.object(body);
        RoutingHeaders headers = ModuleSupport.headers(request);
        String correlationId = ModuleSupport.correlationId(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "changes payment terminals");
            return Panache.withSession(() -> store.findById(TERMINALS, terminalId, null))
                    .flatMap(known -> {
                        StoredObject terminal = known.stream().filter(t -> headers.to() == null
                                        || support.router().addressesHub(headers)
                                        || headers.to().equals(new OcpiParty(t.countryCode, t.partyId)))
                                .findFirst().orElse(null);
                        OcpiParty provider = terminal != null ? new OcpiParty(terminal.countryCode, terminal.partyId)
                                : headers.to() != null && !support.router().addressesHub(headers) ? headers.to()
                                : null;
                        if (provider == null) {
                            throw new OcpiException(Response.Status.NOT_FOUND, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                                    "unknown terminal " + terminalId + " at this hub: no payment terminal provider"
                                            + " posted it; send the OCPI-to headers of its provider");
                        }
                        if (terminal != null && terminal.recipientCountryCode != null && !sender.party().equals(
                                new OcpiParty(terminal.recipientCountryCode, terminal.recipientPartyId))) {
                            throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR, "terminal "
                                    + terminalId + " is not yours: its provider sent it to another CPO");
                        }
                        String path = TERMINALS + "/" + OutgoingUrls.segment(terminalId) + suffix;
                        // the hub's copy follows a change only once the provider accepted it (OCPI 1000)
                        boolean kept = "".equals(suffix) && terminal != null;
                        return forward(sender, provider, method, path, change == null ? null : change.toString(),
                                correlationId, accepted -> kept ? recordChange(sender, provider, terminalId, change)
                                        : Uni.createFrom().voidItem());
                    });
        });
    }

    /** A CPO's change the provider accepted, kept in the hub's copy and announced (assignments matter to settlement). */
    private Uni<Void> recordChange(Sender cpo, OcpiParty provider, String terminalId, ObjectNode change) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> store.findForUpdate(TERMINALS, provider, terminalId, null)
                .flatMap(current -> {
                    if (current == null || change == null) {
                        return Uni.createFrom().voidItem();
                    }
                    ObjectNode merged = PaymentObjects.change((ObjectNode) VersionedObjects.parse(current.body),
                            change, current.objectId, now);
                    current.body = merged.toString();
                    current.lastUpdated = ObjectMerge.lastUpdated(merged);
                    OcpiObjectChanged event = new OcpiObjectChanged(TERMINALS, provider, current.objectId, null,
                            "PATCH", merged, cpo.party(), cpo.platformId(), current.lastUpdated, now,
                            OcpiVersion.V2_3_0.wire());
                    return outbox.append(EventType.TERMINAL_CHANGED, event.key(), current.objectId, event)
                            .replaceWithVoid();
                }));
    }

    /**
     * A CPO's call forwarded at once to the provider's payments Sender, agreement-gated; its answer goes back, and
     * {@code onAccepted} runs first when the provider answered OCPI 1000.
     */
    private Uni<Response> forward(Sender cpo, OcpiParty provider, String method, String path, String body,
                                  String correlationId, Function<PartnerAnswer, Uni<Void>> onAccepted) {
        return gate.allowed(cpo.party(), provider, MODULE, Instant.now()).flatMap(allowed -> {
            if (!allowed) {
                throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR, "no agreement in effect"
                        + " between " + cpo.party() + " and " + provider + " covers payments");
            }
            return support.router().receiver(provider, PROVIDER, MODULE, InterfaceRole.SENDER);
        }).flatMap(receiver -> forwarder.call(receiver, MODULE, InterfaceRole.SENDER, path, method, body,
                        cpo.party(), correlationId, config.forwardTimeout())
                .call(answer -> answer.statusCode() == OcpiStatus.SUCCESS.code() ? onAccepted.apply(answer)
                        : Uni.createFrom().voidItem())
                .map(answer -> Forwarder.passBack(answer, receiver.party(), cpo.party())))
                .onFailure(OcpiException.class).recoverWithItem(e -> {
                    OcpiException refusal = (OcpiException) e;
                    return OcpiResponses.error(refusal.http(), refusal.status(),
                            refusal.getMessage());
                });
    }

    // ---------------------------------------------------------------- reads and checks

    /** One stored object the sender owns or was sent, in 2.3.0. */
    private Uni<Response> one(ContainerRequestContext request, String module, String id, String what) {
        return support.sender(request).flatMap(sender -> Panache.withSession(() -> store.findById(module, id, null))
                .map(found -> {
                    StoredObject mine = found.stream().filter(o -> sender.party().equals(new OcpiParty(o.countryCode,
                                    o.partyId)) || sender.party().equals(new OcpiParty(o.recipientCountryCode,
                                    o.recipientPartyId)))
                            .findFirst().orElseThrow(() -> ModuleSupport.unknown(what + " " + id));
                    return support.answer(sender, VersionedObjects.parse(mine.body));
                }));
    }

    private Uni<Void> requireProvider(Sender sender) {
        return support.router().paymentTerminalProvider(sender.party()).map(provider -> {
            if (!provider) {
                throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR, sender.party()
                        + " is not registered as a payment terminal provider at this hub; only a provider pushes"
                        + " terminals and financial advice confirmations");
            }
            return null;
        });
    }

    /** V11: a CPO on OCPI 2.2.1 has no payments module, so nothing is forwarded to it. */
    private Uni<Void> requirePaymentsCpo(OcpiParty cpo) {
        return support.router().connectedVersion(cpo, CPO).map(version -> {
            if (version.isPresent() && version.get() != OcpiVersion.V2_3_0) {
                throw new OcpiException(Response.Status.OK, OcpiStatus.HUB_ERROR, "CPO " + cpo + " is connected on"
                        + " OCPI " + version.get() + ", which has no payments module; nothing was forwarded");
            }
            return null;
        });
    }

    private static List<String> ids(JsonNode array) {
        return array.isArray() ? StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText).toList() : List.of();
    }
}
