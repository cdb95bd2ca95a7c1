package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.routing.AgreementGate;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Relay;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.routing.Sender;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.commands.CancelReservation;
import io.chargeclear.model.ocpi.commands.CommandResult;
import io.chargeclear.model.ocpi.commands.CommandType;
import io.chargeclear.model.ocpi.commands.ReserveNow;
import io.chargeclear.model.ocpi.commands.StartSession;
import io.chargeclear.model.ocpi.commands.StopSession;
import io.chargeclear.model.ocpi.commands.UnlockConnector;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.NonBlocking;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * OCPI 2.2.1 §mod_commands through the hub. Receiver interface: an eMSP posts a command; it goes to the CPO in the
 * TO headers or, by open routing, to the owner of the command's location (START_SESSION, RESERVE_NOW,
 * UNLOCK_CONNECTOR) or session (STOP_SESSION), with {@code response_url} rewritten to the hub ({@link Relay}).
 * Sender interface: the CPO posts the CommandResult to that hub URL, and the hub relays it to the eMSP.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi commands")
public class CommandsResource {

    static final String MODULE = "commands";

    private final ModuleSupport support;
    private final OcpiBodies bodies;
    private final ObjectStore store;
    private final AgreementGate gate;
    private final Relay relay;

    public CommandsResource(ModuleSupport support, OcpiBodies bodies, ObjectStore store, AgreementGate gate,
                            Relay relay) {
        this.support = support;
        this.bodies = bodies;
        this.store = store;
        this.gate = gate;
        this.relay = relay;
    }

    @POST
    @Path("/receiver/commands/{command}")
    @Operation(summary = "An eMSP sends a command to a CPO; the CPO's answer comes back, its result later")
    public Uni<Response> command(@Context ContainerRequestContext request, @PathParam("command") String commandName,
                                 String body) {
        CommandType command = Arrays.stream(CommandType.values()).filter(c -> c.name().equals(commandName)).findFirst()
                .orElseThrow(() -> OcpiBodies.invalid("unknown command '" + commandName + "'; one of "
                        + Arrays.toString(CommandType.values())));
        ObjectNode json = bodies.object(body);
        // the versions differ in commands only by the token's type (EMAID) and fields 2.2.1 lacks
        ObjectNode as221 = ModuleSupport.tree(request) == OcpiVersion.V2_3_0 ? VersionedObjects.commandFor221(json)
                : json;
        Routing routing = read(command, as221);
        RoutingHeaders headers = ModuleSupport.headers(request);
        String correlationId = ModuleSupport.correlationId(request);
        return support.sender(request).call(this::requireCommander).flatMap(sender -> {
            if (routing.token() != null && !routing.token().equals(sender.party())) {
                throw OcpiBodies.invalid("field 'token': the token belongs to " + routing.token()
                        + "; an eMSP may only use its own tokens");
            }
            return Panache.withSession(() -> cpo(sender, headers, command, routing)
                            .flatMap(cpo -> gate.allowed(sender.party(), cpo, MODULE, Instant.now()).map(allowed -> {
                                if (!allowed) {
                                    throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                                            "no roaming agreement in effect between " + sender.party() + " and " + cpo
                                                    + " covers commands");
                                }
                                return cpo;
                            }))
                            .flatMap(cpo -> support.router().receiver(cpo, Set.of("CPO"), MODULE, InterfaceRole.RECEIVER)))
                    .flatMap(cpo -> relay.forward(sender, cpo, MODULE, command.name(), json.path("response_url").asText(),
                            command.name() + "/", correlationId, "POST", json, hubUrl -> {
                                ObjectNode rewritten = (cpo.version() == OcpiVersion.V2_2_1 ? as221 : json).deepCopy();
                                rewritten.put("response_url", hubUrl);
                                return new Relay.Forwarded(OutgoingUrls.segment(command.name()), rewritten.toString());
                            }));
        });
    }

    @POST
    @Path("/sender/commands/{command}/{relay_id}")
    @Operation(summary = "The CPO posts a command's result; the hub relays it to the eMSP's response_url")
    public Uni<Response> result(@Context ContainerRequestContext request, @PathParam("command") String command,
                                @PathParam("relay_id") String relayId, String body) {
        JsonNode result = bodies.object(body);
        bodies.read(result, CommandResult.class);
        return support.sender(request).flatMap(sender -> relay.result(sender, MODULE, relayId, body, result,
                        ModuleSupport.correlationId(request))
                .map(done -> support.answer(sender, null)));
    }

    /**
     * Commands come from eMSPs and from payment terminal providers (OCPI 2.3.0 payments: the provider starts and
     * stops the sessions paid at its terminals).
     */
    private Uni<Void> requireCommander(Sender sender) {
        if (sender.is("EMSP")) {
            return Uni.createFrom().voidItem();
        }
        return support.router().paymentTerminalProvider(sender.party()).map(provider -> {
            if (!provider) {
                ModuleSupport.requireRole(sender, "EMSP", "sends commands");
            }
            return null;
        });
    }

    /** What the command's body says about where it goes. */
    private record Routing(String locationId, String sessionId, OcpiParty token) {
    }

    private Routing read(CommandType command, ObjectNode json) {
        return switch (command) {
            case START_SESSION -> {
                StartSession start = bodies.read(json, StartSession.class);
                yield new Routing(start.locationId(), null, owner(start.token().countryCode(), start.token().partyId()));
            }
            case RESERVE_NOW -> {
                ReserveNow reserve = bodies.read(json, ReserveNow.class);
                yield new Routing(reserve.locationId(), null, owner(reserve.token().countryCode(), reserve.token().partyId()));
            }
            case STOP_SESSION -> new Routing(null, bodies.read(json, StopSession.class).sessionId(), null);
            case UNLOCK_CONNECTOR -> new Routing(bodies.read(json, UnlockConnector.class).locationId(), null, null);
            case CANCEL_RESERVATION -> {
                bodies.read(json, CancelReservation.class);
                yield new Routing(null, null, null);
            }
        };
    }

    private static OcpiParty owner(String countryCode, String partyId) {
        return new OcpiParty(countryCode.toUpperCase(), partyId.toUpperCase());
    }

    /** The CPO: the TO headers, else the owner of the command's location or session (open routing). */
    private Uni<OcpiParty> cpo(Sender sender, RoutingHeaders headers, CommandType command, Routing routing) {
        if (headers.to() != null && !support.router().addressesHub(headers)) {
            return Uni.createFrom().item(headers.to());
        }
        if (routing.locationId() != null) {
            return store.findById(LocationsResource.MODULE, routing.locationId(), null)
                    .flatMap(found -> support.visibleTo(sender, LocationsResource.MODULE, found))
                    .map(location -> {
                        if (location == null) {
                            throw new OcpiException(Response.Status.OK, OcpiStatus.UNKNOWN_LOCATION,
                                    "unknown location " + routing.locationId() + ": no CPO you may roam with"
                                            + " published it; send the OCPI-to headers of its CPO");
                        }
                        return new OcpiParty(location.countryCode, location.partyId);
                    });
        }
        if (routing.sessionId() != null) {
            return store.findById(SessionsResource.MODULE, routing.sessionId(), null).map(found -> {
                List<StoredObject> mine = found.stream()
                        .filter(s -> sender.party().equals(new OcpiParty(s.recipientCountryCode, s.recipientPartyId)))
                        .toList();
                if (mine.size() != 1) {
                    throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION,
                            "cannot tell the CPO of session " + routing.sessionId() + "; send the OCPI-to headers");
                }
                return new OcpiParty(mine.get(0).countryCode, mine.get(0).partyId);
            });
        }
        return Uni.createFrom().failure(new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION,
                command + " names no location or session: send the OCPI-to headers of the CPO"));
    }
}
