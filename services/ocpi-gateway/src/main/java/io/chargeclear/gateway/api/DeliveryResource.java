package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.kit.admin.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Operator view of the per-receiver delivery queue: each receiver's backlog and backoff, the jobs (filter by
 * receiver and status: PENDING, DELIVERED, FAILED, DROPPED, WITHHELD), what each receiver did not get because its
 * OCPI version cannot carry it (ADR 0024), and a way to put a FAILED job back in the queue once
 * the receiver is fixed (in place: it goes before the receiver's later jobs, as it was queued). A DROPPED job's
 * receiver is gone, so it cannot be retried.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class DeliveryResource {

    private static final Set<String> STATUSES = Set.of(DeliveryJob.PENDING, DeliveryJob.DELIVERED, DeliveryJob.FAILED,
            DeliveryJob.DROPPED, DeliveryJob.WITHHELD);

    @GET
    @Path("/receivers")
    @Operation(summary = "Every receiver platform with its pending, failed and dropped jobs, the oldest pending job's"
            + " time, failures in a row and next attempt")
    public Uni<List<ReceiverView>> receivers() {
        return Panache.withSession(() -> DeliveryReceiver.<DeliveryReceiver>listAll()
                .flatMap(receivers -> Panache.getSession().flatMap(session -> session.createSelectionQuery(
                                "select receiverPlatform, status, count(*), min(requestedAt) from DeliveryJob"
                                        + " where status <> 'DELIVERED'"
                                        + " group by receiverPlatform, status", Object[].class).getResultList())
                        .flatMap(counts -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                        "select platform_id, code, count, last_detail from {h-schema}version_loss",
                                        Object[].class).getResultList())
                                .map(losses -> receivers.stream().map(r -> new ReceiverView(r.platformId,
                                        count(counts, r.platformId, DeliveryJob.PENDING),
                                        count(counts, r.platformId, DeliveryJob.FAILED),
                                        count(counts, r.platformId, DeliveryJob.DROPPED),
                                        count(counts, r.platformId, DeliveryJob.WITHHELD),
                                        oldestPending(counts, r.platformId), r.consecutiveFailures,
                                        r.lastError, r.nextAttemptAt, losses(losses, r.platformId))).toList()))));
    }

    @GET
    @Operation(summary = "Delivery jobs, newest first (filter by receiver platform and status; at most 'limit')")
    public Uni<List<JobView>> jobs(@RestQuery("receiver") String receiver, @RestQuery("status") String status,
                                   @RestQuery("limit") Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiException(Response.Status.BAD_REQUEST, "status must be one of " + STATUSES);
        }
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        Parameters params = Parameters.with("receiver", receiver == null ? "" : receiver)
                .and("status", status == null ? "" : status);
        return Panache.withSession(() -> DeliveryJob.<DeliveryJob>find(
                        "(:receiver = '' or receiverPlatform = :receiver) and (:status = '' or status = :status)"
                                + " order by seq desc", params)
                .range(0, max - 1).list()
                .map(jobs -> jobs.stream().map(JobView::of).toList()));
    }

    @POST
    @Path("/{delivery_id}/retry")
    @Operation(summary = "Queue a FAILED job again, at its original place in its receiver's order, with a fresh"
            + " count of attempts")
    public Uni<JobView> retry(@PathParam("delivery_id") String deliveryId) {
        UUID id;
        try {
            id = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "no delivery " + deliveryId);
        }
        return Panache.withTransaction(() -> DeliveryJob.<DeliveryJob>find("deliveryId", id).firstResult()
                .map(job -> {
                    if (job == null) {
                        throw new ApiException(Response.Status.NOT_FOUND, "no delivery " + deliveryId);
                    }
                    if (!DeliveryJob.FAILED.equals(job.status)) {
                        throw new ApiException(Response.Status.CONFLICT, "delivery " + deliveryId + " is " + job.status + ", not FAILED");
                    }
                    job.status = DeliveryJob.PENDING;
                    job.finishedAt = null;
                    job.retries = 0;
                    return JobView.of(job);
                }));
    }

    /** When the receiver's oldest job still waiting was requested; null when none waits. */
    private static Instant oldestPending(List<Object[]> counts, String receiver) {
        return counts.stream().filter(c -> receiver.equals(c[0]) && DeliveryJob.PENDING.equals(c[1]))
                .map(c -> (Instant) c[3]).findFirst().orElse(null);
    }

    private static long count(List<Object[]> counts, String receiver, String status) {
        return counts.stream().filter(c -> receiver.equals(c[0]) && status.equals(c[1]))
                .mapToLong(c -> ((Number) c[2]).longValue()).sum();
    }

    /** One receiver's queue; {@code oldest_pending_at} says how long its backlog has waited (null: nothing pending). */
    public record ReceiverView(
            @JsonProperty("platform_id") String platformId,
            @JsonProperty("pending") long pending,
            @JsonProperty("failed") long failed,
            @JsonProperty("dropped") long dropped,
            @JsonProperty("withheld") long withheld,
            @JsonProperty("oldest_pending_at") Instant oldestPendingAt,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("version_losses") Map<String, VersionLossView> versionLosses) {
    }

    /** How often the receiver did not get something of a body because of its OCPI version, and the last case. */
    public record VersionLossView(@JsonProperty("count") long count, @JsonProperty("last") String last) {
    }

    private static Map<String, VersionLossView> losses(List<Object[]> rows, String platformId) {
        Map<String, VersionLossView> losses = new TreeMap<>();
        for (Object[] row : rows) {
            if (platformId.equals(row[0])) {
                losses.put((String) row[1], new VersionLossView(((Number) row[2]).longValue(), (String) row[3]));
            }
        }
        return losses;
    }

    /** One delivery job. */
    public record JobView(
            @JsonProperty("delivery_id") String deliveryId,
            @JsonProperty("receiver_platform") String receiverPlatform,
            @JsonProperty("method") String method,
            @JsonProperty("module") String module,
            @JsonProperty("path") String path,
            @JsonProperty("url") String url,
            @JsonProperty("object_key") String objectKey,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("requested_at") Instant requestedAt,
            @JsonProperty("finished_at") Instant finishedAt) {

        static JobView of(DeliveryJob job) {
            return new JobView(job.deliveryId.toString(), job.receiverPlatform, job.method, job.module, job.path, job.url,
                    job.objectKey, job.status, job.attempts, job.lastError, job.requestedAt, job.finishedAt);
        }
    }
}
