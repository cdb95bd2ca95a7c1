package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** The OCPI gateway's operator API: the delivery queue of every receiver platform and its jobs, and one CDR. */
@RegisterRestClient(configKey = "ocpi-gateway")
@RegisterClientHeaders(AdminToken.class)
@Produces(MediaType.APPLICATION_JSON)
public interface GatewayApi {

    @GET
    @Path("/admin/deliveries/receivers")
    List<Receiver> receivers();

    @GET
    @Path("/admin/objectives")
    Objectives objectives();

    @GET
    @Path("/admin/deliveries")
    List<Job> jobs(@QueryParam("status") String status, @QueryParam("limit") int limit);

    @GET
    @Path("/admin/cdrs/{country_code}/{party_id}/{cdr_id}")
    Receipt cdr(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                @PathParam("cdr_id") String cdrId);

    /** One CDR as the gateway received it, and the delivery jobs that carried it. */
    record Receipt(
            @JsonProperty("sender_platform") String senderPlatform,
            @JsonProperty("received_at") Instant receivedAt,
            @JsonProperty("last_updated") Instant lastUpdated,
            @JsonProperty("source_version") String sourceVersion,
            @JsonProperty("recipient") String recipient,
            @JsonProperty("deliveries") List<Delivery> deliveries) {
    }

    /** A delivery job of one object, with its attempts and the last error. */
    record Delivery(
            @JsonProperty("delivery_id") String deliveryId,
            @JsonProperty("receiver_platform") String receiverPlatform,
            @JsonProperty("method") String method,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("requested_at") Instant requestedAt,
            @JsonProperty("finished_at") Instant finishedAt) {
    }

    /** One delivery job: to whom, when it was asked for and when it was done. */
    record Job(
            @JsonProperty("receiver_platform") String receiverPlatform,
            @JsonProperty("module") String module,
            @JsonProperty("status") String status,
            @JsonProperty("requested_at") Instant requestedAt,
            @JsonProperty("finished_at") Instant finishedAt) {
    }

    /** One receiver's queue: backlog, failures and the backoff it is in. */
    record Receiver(
            @JsonProperty("platform_id") String platformId,
            @JsonProperty("pending") long pending,
            @JsonProperty("failed") long failed,
            @JsonProperty("dropped") long dropped,
            @JsonProperty("withheld") long withheld,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("oldest_pending_at") Instant oldestPendingAt) {
    }

    /** Each party against the gateway's objectives, with the thresholds (docs/operations/slo.md). */
    record Objectives(@JsonProperty("thresholds") Thresholds thresholds,
                      @JsonProperty("parties") List<PartyObjectives> parties) {
    }

    /** The gateway's objectives: RTA p99 in ms, the share of RTA timeouts, the oldest waiting push in seconds. */
    record Thresholds(@JsonProperty("rta_p99_ms") double rtaP99Ms,
                      @JsonProperty("rta_timeout_share") double rtaTimeoutShare,
                      @JsonProperty("delivery_oldest_pending_seconds") double deliveryOldestPendingSeconds) {
    }

    /** One party's figures; null when the gateway has none (no authorization forwarded to it, no queue). */
    record PartyObjectives(
            @JsonProperty("party") String party,
            @JsonProperty("rta_count") Long rtaCount,
            @JsonProperty("rta_p99_ms") Double rtaP99Ms,
            @JsonProperty("rta_timeouts") Long rtaTimeouts,
            @JsonProperty("rta_timeout_share") Double rtaTimeoutShare,
            @JsonProperty("delivery_pending") Long deliveryPending,
            @JsonProperty("delivery_oldest_pending_seconds") Double deliveryOldestPendingSeconds,
            @JsonProperty("receiver_up") Boolean receiverUp,
            @JsonProperty("delivery_p99_ms") Double deliveryP99Ms) implements io.chargeclear.console.domain.Objectives.Named {
    }
}
