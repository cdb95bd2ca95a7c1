package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The routing table in use (OCPI 2.2.1 §transport_and_format "Message routing"; ADR 0008): who is asking,
 * whether the hub itself is addressed, which party and platform a request goes to, and who receives a broadcast.
 * Everything comes from the party directory (fed by {@code hub.party.v1}), the partner connections the gateway
 * made, and the {@link AgreementGate}. Reads run in the caller's session.
 */
@ApplicationScoped
public class Router {

    private final OcpiParty hub;
    private final AgreementGate gate;

    public Router(GatewayConfig config, AgreementGate gate) {
        this.hub = new OcpiParty(config.hub().countryCode().toUpperCase(), config.hub().partyId().toUpperCase());
        this.gate = gate;
    }

    public OcpiParty hub() {
        return hub;
    }

    /** Whether the request addresses the hub itself (TO = the hub's own ids). */
    public boolean addressesHub(RoutingHeaders headers) {
        return hub.equals(headers.to());
    }

    /**
     * The requesting party, which must be one of the authenticated platform's approved parties: a platform can
     * only send as itself. Anything else is refused with HTTP 403 and OCPI 2000 naming the party.
     */
    public Uni<Sender> sender(OcpiCaller caller, RoutingHeaders headers) {
        OcpiParty from = headers.from();
        return DirectoryParty.<DirectoryParty>list("countryCode = ?1 and partyId = ?2 and platformId = ?3",
                        from.countryCode(), from.partyId(), caller.platformId())
                .map(parties -> {
                    if (parties.isEmpty()) {
                        throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                                "OCPI-from " + from + " is not a party of your platform: a platform sends only as"
                                        + " the parties the hub operator registered for it");
                    }
                    return new Sender(from, parties.stream().map(p -> p.role).collect(Collectors.toUnmodifiableSet()),
                            caller.platformId());
                });
    }

    /**
     * The party a request is addressed to, reachable now: OCPI 4001 when no such party (in one of {@code roles})
     * is behind the hub, 4003 when its platform is suspended, has not completed the credentials handshake, or
     * does not serve the module's {@code interfaceRole}.
     */
    public Uni<Receiver> receiver(OcpiParty party, Set<String> roles, String module, InterfaceRole interfaceRole) {
        return DirectoryParty.<DirectoryParty>list("countryCode = ?1 and partyId = ?2", party.countryCode(),
                        party.partyId())
                .flatMap(parties -> {
                    DirectoryParty entry = parties.stream().filter(p -> roles.contains(p.role)).findFirst().orElse(null);
                    if (entry == null) {
                        return Uni.createFrom().failure(new OcpiException(Response.Status.OK, OcpiStatus.UNKNOWN_RECEIVER,
                                "unknown receiver " + party + ": no " + String.join("/", roles)
                                        + " of that id is behind this hub"));
                    }
                    if (!"ACTIVE".equals(entry.status)) {
                        return Uni.createFrom().failure(notConnected(party, "its platform is suspended"));
                    }
                    return PartnerConnection.<PartnerConnection>findById(entry.platformId).map(connection -> {
                        if (connection == null) {
                            throw notConnected(party, "its platform has not completed the credentials handshake");
                        }
                        PartnerEndpoints endpoints = PartnerEndpoints.parse(connection.endpoints);
                        if (endpoints.url(module, interfaceRole).isEmpty()) {
                            throw notConnected(party, "its platform serves no " + module + " "
                                    + interfaceRole.name().toLowerCase() + " interface");
                        }
                        return new Receiver(party, entry.role, entry.platformId, endpoints, connection.tokenBSealed,
                                connection.plainTokens);
                    });
                });
    }

    /**
     * Everyone a broadcast push reaches (OCPI 2.2.1 §transport_and_format "Broadcast Push"): every party of one
     * of {@code roles} on an active, connected platform other than the sender's that serves the module's
     * {@code interfaceRole}, and that the agreement gate lets exchange the module with the sender.
     */
    public Uni<List<Receiver>> broadcast(Sender sender, Set<String> roles, String module, InterfaceRole interfaceRole,
                                         Instant at) {
        return gate.counterparts(sender.party(), module, at).flatMap(counterparts ->
                DirectoryParty.<DirectoryParty>list("role in ?1 and status = 'ACTIVE' and platformId <> ?2",
                                roles, sender.platformId())
                        .flatMap(parties -> {
                            List<DirectoryParty> allowed = parties.stream()
                                    .filter(p -> counterparts.includes(new OcpiParty(p.countryCode, p.partyId)))
                                    .toList();
                            Set<String> platforms = allowed.stream().map(p -> p.platformId).collect(Collectors.toSet());
                            return connections(platforms).map(connections -> {
                                List<Receiver> receivers = new ArrayList<>();
                                for (DirectoryParty p : allowed) {
                                    PartnerConnection c = connections.get(p.platformId);
                                    if (c == null) {
                                        continue;
                                    }
                                    PartnerEndpoints endpoints = PartnerEndpoints.parse(c.endpoints);
                                    if (endpoints.url(module, interfaceRole).isPresent()) {
                                        receivers.add(new Receiver(new OcpiParty(p.countryCode, p.partyId), p.role,
                                                p.platformId, endpoints, c.tokenBSealed, c.plainTokens));
                                    }
                                }
                                return receivers;
                            });
                        }));
    }

    private static Uni<Map<String, PartnerConnection>> connections(Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return PartnerConnection.<PartnerConnection>list("platformId in ?1", platforms)
                .map(list -> list.stream().collect(Collectors.toMap(c -> c.platformId, Function.identity())));
    }

    private static OcpiException notConnected(OcpiParty party, String why) {
        return new OcpiException(Response.Status.OK, OcpiStatus.CONNECTION_PROBLEM,
                "receiver " + party + " is not connected: " + why);
    }
}
