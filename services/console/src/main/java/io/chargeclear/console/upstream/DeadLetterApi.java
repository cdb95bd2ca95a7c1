package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * The dead letters every service with consumers keeps (docs/operations/dead-letters.md): the same API on each
 * service's port, so one interface with one client per service ({@link DeadLetterClients}).
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public interface DeadLetterApi {

    @GET
    List<DeadLetter> list(@QueryParam("status") String status, @QueryParam("limit") int limit);

    @POST
    @Path("/{id}/retry")
    RetryResult retry(@PathParam("id") String id);

    @POST
    @Path("/{id}/discard")
    DeadLetter discard(@PathParam("id") String id);

    /** A record a consumer could not apply, parked so its channel moved on. */
    record DeadLetter(
            @JsonProperty("id") String id,
            @JsonProperty("consumer") String consumer,
            @JsonProperty("status") String status,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("topic") String topic,
            @JsonProperty("partition") int partition,
            @JsonProperty("offset") long offset,
            @JsonProperty("key") String key,
            @JsonProperty("error_class") String errorClass,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("first_failed_at") Instant firstFailedAt,
            @JsonProperty("last_failed_at") Instant lastFailedAt,
            @JsonProperty("attempts") int attempts) {
    }

    /** APPLIED, or FAILED with the letter's new error. */
    record RetryResult(@JsonProperty("outcome") String outcome, @JsonProperty("dead_letter") DeadLetter deadLetter) {
    }
}
