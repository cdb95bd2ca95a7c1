package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.gateway.partner.PartnerCallException;
import io.chargeclear.gateway.partner.PartnerClient;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.UnbuildableRequestException;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Party-to-party requests the requester waits for (OCPI 2.2.1 §transport_and_format "Message routing"): real-time
 * authorization, commands, charging profiles, charging preferences. The hub calls the receiver's endpoint with
 * its token B, FROM/TO unchanged, a new request id and the same correlation id, and hands the receiver's answer
 * back as it came (its 2xxx and 3xxx included). It answers itself only when it gets no usable answer: OCPI 4002
 * on timeout, 4003 when the receiver cannot be reached, 4000 when the answer is not an OCPI envelope, and 4002 with
 * HTTP 503 at once when its queue to the receiver's host is full (overload is answered fast, not waited out).
 */
@ApplicationScoped
public class Forwarder {

    private final PartnerClient client;
    private final TokenCipher cipher;

    public Forwarder(PartnerClient client, TokenCipher cipher) {
        this.client = client;
        this.cipher = cipher;
    }

    /** The receiver's raw answer, or a failure with the hub's own OCPI error (4002, 4003). */
    public Uni<PartnerAnswer> call(Receiver receiver, String module, InterfaceRole role, String suffix, String method,
                                   String body, OcpiParty from, String correlationId, Duration timeout) {
        String base = receiver.endpoints().url(module, role).orElseThrow(() -> new OcpiException(Response.Status.OK,
                OcpiStatus.CONNECTION_PROBLEM, "receiver " + receiver.party() + " serves no " + module + " "
                + role.name().toLowerCase() + " interface"));
        return callUrl(receiver, PartnerEndpoints.join(base, suffix), method, body, from, correlationId, timeout);
    }

    public Uni<PartnerAnswer> callUrl(Receiver receiver, String url, String method, String body, OcpiParty from,
                                      String correlationId, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RoutingHeaders.FROM_COUNTRY_CODE, from.countryCode());
        headers.put(RoutingHeaders.FROM_PARTY_ID, from.partyId());
        headers.put(RoutingHeaders.TO_COUNTRY_CODE, receiver.party().countryCode());
        headers.put(RoutingHeaders.TO_PARTY_ID, receiver.party().partyId());
        headers.put("X-Correlation-ID", correlationId);
        return client.call(method, url, receiver.tokenB(), receiver.plainTokens(), headers, body,
                        timeout)
                .onFailure(UnbuildableRequestException.class).transform(e -> OcpiBodies.invalid(
                        "the request cannot be forwarded to " + receiver.party() + ": " + e.getMessage()))
                .onFailure(e -> e instanceof PartnerCallException call && call.busy()).transform(e ->
                        new OcpiException(Response.Status.SERVICE_UNAVAILABLE, OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST,
                                "the hub has too many requests waiting for " + receiver.party()
                                        + " now; try again shortly"))
                .onFailure(PartnerCallException.class).transform(e -> new OcpiException(Response.Status.OK,
                        ((PartnerCallException) e).timedOut() ? OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST
                                : OcpiStatus.CONNECTION_PROBLEM,
                        (((PartnerCallException) e).timedOut() ? "forwarded request timed out: " + receiver.party()
                                + " did not answer within " + timeout.toMillis() + " ms"
                                : "receiver " + receiver.party() + " cannot be reached now")));
    }

    /** The receiver's answer as the requester gets it: status and body unchanged, routing headers swapped. */
    public static Response passBack(PartnerAnswer answer, OcpiParty receiver, OcpiParty requester) {
        Response.ResponseBuilder response = answer.envelope().isPresent()
                ? Response.status(answer.http()).entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE)
                : Response.fromResponse(OcpiResponses.error(Response.Status.OK, OcpiStatus.HUB_ERROR,
                receiver + " answered HTTP " + answer.http() + " without an OCPI envelope"));
        return response
                .header(RoutingHeaders.FROM_COUNTRY_CODE, receiver.countryCode())
                .header(RoutingHeaders.FROM_PARTY_ID, receiver.partyId())
                .header(RoutingHeaders.TO_COUNTRY_CODE, requester.countryCode())
                .header(RoutingHeaders.TO_PARTY_ID, requester.partyId())
                .build();
    }
}
