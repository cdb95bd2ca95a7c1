package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.persistence.RelayedRequest;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.ResponseUrls;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.CommandExchanged;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Asynchronous requests through the hub: commands and charging profiles (OCPI 2.2.1 §mod_commands,
 * §mod_charging_profiles; ADR 0008). The CPO holds no credentials for the eMSP's platform, so the hub replaces the
 * eMSP's {@code response_url} with its own URL carrying a relay id, forwards the request and passes the CPO's
 * synchronous answer back. When the CPO posts the result to the hub's URL, the hub queues it for the eMSP's
 * original {@code response_url} (FROM = CPO, TO = eMSP) on the durable delivery queue. Both steps are published on
 * {@code ocpi.command.v1} with the same id. The eMSP's {@code response_url} must be on its own registered hosts
 * ({@link ResponseUrls}); otherwise the request is refused with OCPI 2001 before it is stored or forwarded.
 * <p>
 * Neither step commits before the eMSP gets its answer: the relay mapping and the request event are written by
 * {@link WriteBehind} just after (docs/adr/0019-no-commit-on-the-request-path.md), and a result that arrives
 * before the mapping is written waits for it.
 */
@ApplicationScoped
public class Relay {

    private final Forwarder forwarder;
    private final DeliveryQueue deliveries;
    private final Outbox outbox;
    private final WriteBehind writeBehind;
    private final GatewayConfig config;

    public Relay(Forwarder forwarder, DeliveryQueue deliveries, Outbox outbox, WriteBehind writeBehind,
                 GatewayConfig config) {
        this.forwarder = forwarder;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.writeBehind = writeBehind;
        this.config = config;
    }

    /**
     * @param resultPath the hub path the CPO posts the result to, below {@code /ocpi/2.2.1/sender/<module>/}, before
     *                   the relay id
     * @param rewrite    gives the request as forwarded (suffix and body) for the hub's response URL
     */
    @ApplyGuard(WorkBudgets.REALTIME)
    public Uni<Response> forward(Sender emsp, Receiver cpo, String module, String command, String responseUrl,
                                 String resultPath, String correlationId, String method, JsonNode request,
                                 Function<String, Forwarded> rewrite) {
        UUID id = UUID.randomUUID();
        String hubUrl = config.baseUrl() + "/ocpi/2.2.1/sender/" + module + "/" + resultPath + id;
        Forwarded forwarded = rewrite.apply(hubUrl);
        RelayedRequest relayed = new RelayedRequest();
        relayed.id = id;
        relayed.module = module;
        relayed.command = command;
        relayed.emspCountryCode = emsp.party().countryCode();
        relayed.emspPartyId = emsp.party().partyId();
        relayed.emspPlatform = emsp.platformId();
        relayed.cpoCountryCode = cpo.party().countryCode();
        relayed.cpoPartyId = cpo.party().partyId();
        relayed.responseUrl = responseUrl;
        relayed.correlationId = correlationId;
        relayed.createdAt = now();
        // nothing goes out to a response_url that is not the eMSP's own. The mapping is queued before the request
        // goes out and written just after (ADR 0019); a result posted before it is written waits for it (#result)
        return Panache.withSession(() -> registeredUrls(emsp.platformId())).flatMap(registered -> {
                    ResponseUrls.refusal(responseUrl, registered, config.baseUrl(), config.responseUrl().allowHttp())
                            .ifPresent(why -> {
                                throw OcpiBodies.invalid("'response_url' " + why);
                            });
                    return writeBehind.submit(relayed::persist, id);
                })
                .flatMap(queued -> forwarder.call(cpo, module, InterfaceRole.RECEIVER, forwarded.suffix(), method,
                                forwarded.body(), emsp.party(), correlationId, config.forwardTimeout())
                        .map(answer -> new Outcome(Forwarder.passBack(answer, cpo.party(), emsp.party()),
                                answer.envelope().map(e -> e.path("data")).orElse(null), answer.statusCode()))
                        .onFailure(OcpiException.class).recoverWithItem(e -> {
                            OcpiException failure = (OcpiException) e;
                            return new Outcome(OcpiResponses.error(failure.http(), failure.status(), failure.getMessage()),
                                    null, failure.status().code());
                        }))
                .call(outcome -> writeBehind.submit(() -> outbox.append(EventType.COMMAND_REQUESTED, id.toString(),
                        command, new CommandExchanged(id.toString(), module, command, emsp.party(), cpo.party(), request,
                                outcome.data(), null, outcome.status(), now()))))
                .map(Outcome::response);
    }

    /**
     * The CPO's asynchronous result for relay {@code id}: queued for the eMSP's own response URL. Only the CPO the
     * request went to may post it; for anyone else the id is unknown.
     */
    @ApplyGuard(WorkBudgets.REALTIME)
    public Uni<Void> result(Sender cpo, String module, String id, String body, JsonNode result, String correlationId) {
        UUID relayId;
        try {
            relayId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ModuleSupport.unknown(module + " request " + id));
        }
        return writeBehind.written(relayId).flatMap(mapped ->
                Panache.withTransaction(() -> RelayedRequest.<RelayedRequest>findById(relayId).flatMap(relayed -> {
            if (relayed == null || !relayed.module.equals(module)
                    || !cpo.party().equals(new OcpiParty(relayed.cpoCountryCode, relayed.cpoPartyId))) {
                return Uni.createFrom().failure(ModuleSupport.unknown(module + " request " + id));
            }
            relayed.resultAt = now();
            OcpiParty emsp = new OcpiParty(relayed.emspCountryCode, relayed.emspPartyId);
            return deliveries.toUrl(relayed.emspPlatform, relayed.responseUrl, "POST", cpo.party(), emsp,
                            relayed.correlationId == null ? correlationId : relayed.correlationId, body,
                            module + ":" + relayed.command + ":" + id)
                    .flatMap(queued -> outbox.append(EventType.COMMAND_RESULT_RECEIVED, id, relayed.command,
                            new CommandExchanged(id, module, relayed.command, emsp, cpo.party(), null, null, result,
                                    1000, now())))
                    .replaceWithVoid();
        })));
    }

    /** The versions URL and endpoint URLs the platform registered in its credentials handshake. */
    public static Uni<List<String>> registeredUrls(String platformId) {
        return PartnerConnection.<PartnerConnection>findById(platformId).map(connection -> {
            if (connection == null) {
                return List.of();
            }
            List<String> urls = new ArrayList<>();
            urls.add(connection.versionsUrl);
            PartnerEndpoints.parse(connection.endpoints).endpoints().forEach(e -> urls.add(e.url()));
            return urls;
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The request as the CPO gets it: path below its module endpoint and body, with the hub's response URL. */
    public record Forwarded(String suffix, String body) {
    }

    private record Outcome(Response response, JsonNode data, int status) {
    }
}
