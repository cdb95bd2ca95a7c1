package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** The OCPI gateway's operator API: the delivery queue of every receiver platform and its jobs. */
@RegisterRestClient(configKey = "ocpi-gateway")
@RegisterClientHeaders(AdminToken.class)
@Produces(MediaType.APPLICATION_JSON)
public interface GatewayApi {

    @GET
    @Path("/admin/deliveries/receivers")
    List<Receiver> receivers();

    @GET
    @Path("/admin/deliveries")
    List<Job> jobs(@QueryParam("status") String status, @QueryParam("limit") int limit);

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
}
