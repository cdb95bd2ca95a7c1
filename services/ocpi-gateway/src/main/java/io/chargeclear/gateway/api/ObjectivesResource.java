package io.chargeclear.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.gateway.metrics.GatewayObjectives;
import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Each partner against the gateway's objectives (docs/operations/slo.md), for readers without Prometheus (the
 * console): real-time authorizations per eMSP and the delivery queue per receiver, from the same meters
 * {@code /q/metrics} serves; percentiles over the last 15 minutes, counts since this replica started.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/objectives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "objectives")
public class ObjectivesResource {

    private final GatewayObjectives objectives;

    public ObjectivesResource(GatewayObjectives objectives) {
        this.objectives = objectives;
    }

    @GET
    @Operation(summary = "Each party against the gateway's objectives: real-time authorization p99 and timeouts per"
            + " eMSP, the oldest waiting push and queued-to-delivered p99 per receiver, with the thresholds")
    public View objectives() {
        return objectives.now();
    }

    /** The thresholds and one row per party. */
    public record View(@JsonProperty("thresholds") Thresholds thresholds, @JsonProperty("parties") List<Party> parties) {
    }

    /** The objectives' numbers, as configured ({@code chargeclear.objectives.*}). */
    public record Thresholds(
            @JsonProperty("rta_p99_ms") long rtaP99Ms,
            @JsonProperty("rta_timeout_share") double rtaTimeoutShare,
            @JsonProperty("delivery_oldest_pending_seconds") long deliveryOldestPendingSeconds) {
    }

    /** One party: null figures are unknown (no authorization forwarded to it, no queue). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Party(
            @JsonProperty("party") String party,
            @JsonProperty("rta_count") Long rtaCount,
            @JsonProperty("rta_p99_ms") Double rtaP99Ms,
            @JsonProperty("rta_timeouts") Long rtaTimeouts,
            @JsonProperty("rta_timeout_share") Double rtaTimeoutShare,
            @JsonProperty("delivery_pending") Long deliveryPending,
            @JsonProperty("delivery_oldest_pending_seconds") Double deliveryOldestPendingSeconds,
            @JsonProperty("receiver_up") Boolean receiverUp,
            @JsonProperty("delivery_p99_ms") Double deliveryP99Ms) {
    }
}
