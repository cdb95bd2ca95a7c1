package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * Payload of {@code ocpi.delivery.requested.v1}: one push the hub owes one partner platform, on the
 * gateway's per-receiver delivery queue (keyed by receiver platform, so one receiver's pushes stay in the order
 * the hub accepted them). Either {@code module} + {@code path} (relative to the receiver's endpoint of that module
 * and interface role) or an absolute {@code url} (a {@code response_url} the receiver gave) says where it goes.
 *
 * @param deliveryId       unique id; the receiver sees it as {@code X-Request-ID}
 * @param receiverPlatform the platform to call (the Kafka key)
 * @param module           OCPI module id, or null when {@code url} is set
 * @param interfaceRole    {@code RECEIVER} or {@code SENDER}: which of the receiver's endpoints of the module
 * @param path             path below that endpoint, e.g. {@code NL/CP1/LOC1/EVSE1}; may be empty
 * @param url              absolute URL (command and charging-profile results), or null
 * @param method           HTTP method
 * @param headers          OCPI routing headers to send ({@code OCPI-from-…}, {@code OCPI-to-…}) and {@code X-Correlation-ID}
 * @param body             the request body (JSON), or null
 * @param objectKey        the object the push is about ({@code locations:NL*CP1*LOC1}); for operators and metrics
 * @param requestedAt      when the hub accepted the push
 * @param ocpiVersion      the OCPI version {@code body} is written in ({@code 2.2.1} or {@code 2.3.0}); the gateway
 *                         renders it for the receiver's version when it sends the job. Absent in jobs queued before
 *                         the field existed: {@code 2.2.1}
 */
public record DeliveryRequested(
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("receiver_platform") String receiverPlatform,
        @JsonProperty("module") String module,
        @JsonProperty("interface_role") String interfaceRole,
        @JsonProperty("path") String path,
        @JsonProperty("url") String url,
        @JsonProperty("method") String method,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("body") String body,
        @JsonProperty("object_key") String objectKey,
        @JsonProperty("requested_at") Instant requestedAt,
        @JsonProperty("ocpi_version") String ocpiVersion) {
}
