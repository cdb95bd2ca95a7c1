package io.chargeclear.gateway.delivery;

import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.DeliveryRequested;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Puts pushes on the per-receiver delivery queue: each is an outbox event ({@code ocpi.delivery.v1}, keyed by the
 * receiver platform) written in the caller's transaction, so a push is queued if and only if the change that
 * caused it commits. {@link DeliveryConsumer} and {@link DeliveryDispatcher} take it from there.
 */
@ApplicationScoped
public class DeliveryQueue {

    private final Outbox outbox;

    public DeliveryQueue(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * A push to the receiver's endpoint of {@code module} / {@code interfaceRole}, at {@code path} below it; its
     * body, written in {@code version}, is rendered for the receiver's version when it is sent.
     */
    public Uni<Void> toEndpoint(String receiverPlatform, String module, String interfaceRole, String path,
                                String method, OcpiParty from, OcpiParty to, String correlationId, String body,
                                String objectKey, OcpiVersion version) {
        return enqueue(new DeliveryRequested(UUID.randomUUID().toString(), receiverPlatform, module, interfaceRole,
                path, null, method, headers(from, to, correlationId), body, objectKey, now(), version.wire()));
    }

    /**
     * A push to the receiver's endpoint without routing headers: for the configuration modules (hubclientinfo),
     * which OCPI 2.2.1 addresses to a platform, not a party.
     */
    public Uni<Void> toPlatform(String receiverPlatform, String module, String interfaceRole, String path,
                                String method, String correlationId, String body, String objectKey) {
        return enqueue(new DeliveryRequested(UUID.randomUUID().toString(), receiverPlatform, module, interfaceRole,
                path, null, method, Map.of("X-Correlation-ID", correlationId), body, objectKey, now(), null));
    }

    /** A push to an absolute URL the receiver gave (a {@code response_url}). */
    public Uni<Void> toUrl(String receiverPlatform, String url, String method, OcpiParty from, OcpiParty to,
                           String correlationId, String body, String objectKey) {
        return enqueue(new DeliveryRequested(UUID.randomUUID().toString(), receiverPlatform, null, null, null, url,
                method, headers(from, to, correlationId), body, objectKey, now(), null));
    }

    private Uni<Void> enqueue(DeliveryRequested job) {
        return outbox.append(EventType.DELIVERY_REQUESTED, job.receiverPlatform(), job.deliveryId(), job)
                .replaceWithVoid();
    }

    private static Map<String, String> headers(OcpiParty from, OcpiParty to, String correlationId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RoutingHeaders.FROM_COUNTRY_CODE, from.countryCode());
        headers.put(RoutingHeaders.FROM_PARTY_ID, from.partyId());
        headers.put(RoutingHeaders.TO_COUNTRY_CODE, to.countryCode());
        headers.put(RoutingHeaders.TO_PARTY_ID, to.partyId());
        headers.put("X-Correlation-ID", correlationId == null ? UUID.randomUUID().toString() : correlationId);
        return headers;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
