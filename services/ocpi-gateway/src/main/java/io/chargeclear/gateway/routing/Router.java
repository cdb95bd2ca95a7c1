package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.kit.directory.PartyDirectorySnapshot;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routing table in use (OCPI 2.2.1 §transport_and_format "Message routing"; ADR 0008): who is asking,
 * whether the hub itself is addressed, which party and platform a request goes to, and who receives a broadcast.
 * Everything comes from the party directory (fed by {@code hub.party.v1}) and the partner connections the gateway
 * made, both held in memory ({@link PartyDirectorySnapshot}, {@link PartnerLinks}; ADR 0018), and the
 * {@link AgreementGate}.
 */
@ApplicationScoped
public class Router {

    /**
     * A receiver role standing for a payment terminal provider: a party of role OTHER registered as one (OCPI 2.3.0
     * payments). Sessions and CDRs of terminal-paid charges go to it as to an eMSP.
     */
    public static final String PAYMENT_TERMINAL_PROVIDER = "PTP";

    private final OcpiParty hub;
    private final AgreementGate gate;
    private final PartyDirectorySnapshot directory;
    private final PartnerLinks links;

    public Router(GatewayConfig config, AgreementGate gate, PartyDirectorySnapshot directory, PartnerLinks links) {
        this.hub = new OcpiParty(config.hub().countryCode().toUpperCase(), config.hub().partyId().toUpperCase());
        this.gate = gate;
        this.directory = directory;
        this.links = links;
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
        return directory.current().map(known -> {
            Set<String> roles = known.party(from).stream()
                    .filter(p -> p.platformId().equals(caller.platformId()))
                    .map(PartyDirectorySnapshot.Entry::role)
                    .collect(Collectors.toUnmodifiableSet());
            if (roles.isEmpty()) {
                throw new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                        "OCPI-from " + from + " is not a party of your platform: a platform sends only as"
                                + " the parties the hub operator registered for it");
            }
            return new Sender(from, roles, caller.platformId());
        });
    }

    /**
     * The eMSP holding an EMAID provider id (normal form, e.g. {@code NLTNM}) on an active platform, if any: where a
     * Plug & Charge authorization goes when the CPO does not know the eMSP (docs/adr/0029-plug-and-charge.md).
     */
    public Uni<Optional<OcpiParty>> emaidProvider(String providerId) {
        return directory.current().map(known -> known.emaidProvider(providerId)
                .filter(entry -> "EMSP".equals(entry.role()) && entry.active())
                .map(PartyDirectorySnapshot.Entry::party));
    }

    /**
     * The party a request is addressed to, reachable now: OCPI 4001 when no such party (in one of {@code roles})
     * is behind the hub, 4003 when its platform is suspended, has not completed the credentials handshake, or
     * does not serve the module's {@code interfaceRole}.
     */
    public Uni<Receiver> receiver(OcpiParty party, Set<String> roles, String module, InterfaceRole interfaceRole) {
        return directory.current().flatMap(known -> links.current().map(connected -> {
            PartyDirectorySnapshot.Entry entry = known.party(party).stream()
                    .filter(p -> plays(p, roles)).findFirst().orElse(null);
            if (entry == null) {
                throw new OcpiException(Response.Status.OK, OcpiStatus.UNKNOWN_RECEIVER,
                        "unknown receiver " + party + ": no " + String.join("/", roles)
                                + " of that id is behind this hub");
            }
            if (!entry.active()) {
                throw notConnected(party, "its platform is suspended");
            }
            PartnerLinks.Link link = connected.get(entry.platformId());
            if (link == null) {
                throw notConnected(party, "its platform has not completed the credentials handshake");
            }
            if (link.endpoints().url(module, interfaceRole).isEmpty()) {
                throw notConnected(party, "its platform serves no " + module + " "
                        + interfaceRole.name().toLowerCase() + " interface");
            }
            return receiver(entry, link);
        }));
    }

    /**
     * The party as a receiver of the module's {@code interfaceRole} if it can be delivered to now (see
     * {@link #receiver}); empty when it cannot: for what the hub sends of its own accord, where there is no requester
     * to refuse.
     */
    public Uni<Optional<Receiver>> reachable(OcpiParty party, Set<String> roles, String module,
                                             InterfaceRole interfaceRole) {
        return receiver(party, roles, module, interfaceRole).map(Optional::of)
                .onFailure(OcpiException.class).recoverWithItem(Optional.empty());
    }

    /** The OCPI version the party's platform is connected on (one of {@code roles}); empty when not connected. */
    public Uni<Optional<OcpiVersion>> connectedVersion(OcpiParty party, Set<String> roles) {
        return directory.current().flatMap(known -> links.current().map(connected -> known.party(party).stream()
                .filter(p -> plays(p, roles)).findFirst()
                .map(entry -> connected.get(entry.platformId()))
                .map(link -> VersionedObjects.stored(link.version()))));
    }

    /** Whether the party is a payment terminal provider on an active platform. */
    public Uni<Boolean> paymentTerminalProvider(OcpiParty party) {
        return directory.current().map(known -> known.party(party).stream()
                .anyMatch(p -> p.active() && plays(p, Set.of(PAYMENT_TERMINAL_PROVIDER))));
    }

    private static boolean plays(PartyDirectorySnapshot.Entry entry, Set<String> roles) {
        return roles.contains(entry.role()) || (roles.contains(PAYMENT_TERMINAL_PROVIDER)
                && "OTHER".equals(entry.role()) && entry.paymentTerminalProvider());
    }

    /**
     * Everyone a broadcast push reaches (OCPI 2.2.1 §transport_and_format "Broadcast Push"): every party of one
     * of {@code roles} on an active, connected platform other than the sender's that serves the module's
     * {@code interfaceRole}, and that the agreement gate lets exchange the module with the sender.
     */
    public Uni<List<Receiver>> broadcast(Sender sender, Set<String> roles, String module, InterfaceRole interfaceRole,
                                         Instant at) {
        return gate.counterparts(sender.party(), module, at).flatMap(counterparts ->
                directory.current().flatMap(known -> links.current().map(connected -> {
                    List<Receiver> receivers = new ArrayList<>();
                    for (PartyDirectorySnapshot.Entry p : known.all()) {
                        if (!roles.contains(p.role()) || !p.active() || p.platformId().equals(sender.platformId())
                                || !counterparts.includes(p.party())) {
                            continue;
                        }
                        PartnerLinks.Link link = connected.get(p.platformId());
                        if (link != null && link.endpoints().url(module, interfaceRole).isPresent()) {
                            receivers.add(receiver(p, link));
                        }
                    }
                    return receivers;
                })));
    }

    private static Receiver receiver(PartyDirectorySnapshot.Entry entry, PartnerLinks.Link link) {
        return new Receiver(entry.party(), entry.role(), entry.platformId(), link.endpoints(), link.tokenB(),
                link.plainTokens(), VersionedObjects.stored(link.version()));
    }

    private static OcpiException notConnected(OcpiParty party, String why) {
        return new OcpiException(Response.Status.OK, OcpiStatus.CONNECTION_PROBLEM,
                "receiver " + party + " is not connected: " + why);
    }
}
