package io.chargeclear.kit.deadletter;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.inbox.Failures;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Operator view of the records this service's consumers parked (docs/operations/dead-letters.md): list them with
 * their error, apply one again through its consumer once the cause is removed, or discard it.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters")
public class DeadLetterResource {

    private static final Set<String> STATUSES = Set.of(DeadLetter.PARKED, DeadLetter.RETRIED, DeadLetter.DISCARDED);

    private final DeadLetters deadLetters;
    private final Inbox inbox;

    public DeadLetterResource(DeadLetters deadLetters, Inbox inbox) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
    }

    @GET
    @Operation(summary = "Parked, retried and discarded records, newest failure first; filter by consumer and status")
    public Uni<List<DeadLetterView>> list(@RestQuery("consumer") String consumer, @RestQuery("status") String status,
                                          @RestQuery("limit") Integer limit) {
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw ApiException.badRequest("status must be one of PARKED, RETRIED, DISCARDED, not '" + status + "'");
        }
        int size = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return available(deadLetters.list(consumer, wanted, size)
                .map(letters -> letters.stream().map(DeadLetterView::of).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter with its payload and error")
    public Uni<DeadLetterView> get(@PathParam("id") String id) {
        UUID uuid = id(id);
        return available(Panache.withSession(() -> deadLetters.get(uuid)).map(DeadLetterView::of));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Apply a parked record again through its consumer; answers APPLIED, or FAILED with the new error")
    public Uni<RetryResult> retry(@PathParam("id") String id) {
        UUID uuid = id(id);
        return available(inbox.retryParked(uuid).flatMap(outcome -> Panache.withSession(() -> deadLetters.get(uuid))
                .map(letter -> new RetryResult(outcome.name(), DeadLetterView.of(letter)))));
    }

    @POST
    @Path("/{id}/discard")
    @Operation(summary = "Set a parked record aside for good")
    public Uni<DeadLetterView> discard(@PathParam("id") String id) {
        return available(deadLetters.discard(id(id)).map(DeadLetterView::of));
    }

    /** While the database cannot be reached the operator gets a 503 to retry, not a 500. */
    private static <T> Uni<T> available(Uni<T> work) {
        return work.onFailure(Failures::isTransient).transform(failure ->
                ApiException.unavailable("the database cannot be reached now (" + Failures.describe(failure)
                        + "); retry later"));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("dead letter '" + id + "'");
        }
    }

    /** The outcome of a retry and the letter as it now stands. */
    public record RetryResult(@JsonProperty("outcome") String outcome,
                              @JsonProperty("dead_letter") DeadLetterView deadLetter) {
    }

    /** A dead letter as the operator sees it. */
    public record DeadLetterView(
            @JsonProperty("id") UUID id,
            @JsonProperty("consumer") String consumer,
            @JsonProperty("status") String status,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("source") String source,
            @JsonProperty("subject") String subject,
            @JsonProperty("time") String time,
            @JsonProperty("topic") String topic,
            @JsonProperty("partition") int partition,
            @JsonProperty("offset") long offset,
            @JsonProperty("key") String key,
            @JsonProperty("payload") String payload,
            @JsonProperty("error_class") String errorClass,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("first_failed_at") Instant firstFailedAt,
            @JsonProperty("last_failed_at") Instant lastFailedAt,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("resolved_at") Instant resolvedAt) {

        static DeadLetterView of(DeadLetter l) {
            return new DeadLetterView(l.id, l.consumer, l.status, l.eventId, l.eventType, l.source, l.subject, l.time,
                    l.topic, l.partition, l.offset, l.key, l.payload, l.errorClass, l.errorMessage, l.firstFailedAt,
                    l.lastFailedAt, l.attempts, l.resolvedAt);
        }
    }
}
