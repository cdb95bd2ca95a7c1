package io.chargeclear.rating.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.rating.service.RatingMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;

/**
 * Each CPO against rating's objectives (docs/operations/slo.md), for readers without Prometheus (the console): the
 * p99 from receipt to first outcome over the last 15 minutes and the flagged share since this replica started,
 * from the meters {@code /q/metrics} serves.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/rating/objectives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rating")
public class RatingObjectivesResource {

    private final RatingMetrics metrics;
    private final Thresholds thresholds;

    public RatingObjectivesResource(RatingMetrics metrics,
                                    @ConfigProperty(name = "chargeclear.objectives.cdr-rated", defaultValue = "60s")
                                    Duration rated,
                                    @ConfigProperty(name = "chargeclear.objectives.flagged-share",
                                            defaultValue = "0.05") double flaggedShare) {
        this.metrics = metrics;
        this.thresholds = new Thresholds(rated.toSeconds(), flaggedShare);
    }

    @GET
    @Operation(summary = "Each CPO against rating's objectives: receipt-to-rating p99 and the flagged share, with"
            + " the thresholds")
    public View objectives() {
        return new View(thresholds, metrics.figures().stream().map(f -> new Party(f.party(), f.rated(), f.flagged(),
                f.rated() + f.flagged() == 0 ? null : (double) f.flagged() / (f.rated() + f.flagged()),
                f.lagP99Seconds())).toList());
    }

    /** The thresholds and one row per CPO. */
    public record View(@JsonProperty("thresholds") Thresholds thresholds, @JsonProperty("parties") List<Party> parties) {
    }

    /** The objectives' numbers, as configured ({@code chargeclear.objectives.*}). */
    public record Thresholds(@JsonProperty("cdr_rated_p99_seconds") long cdrRatedP99Seconds,
                             @JsonProperty("flagged_share") double flaggedShare) {
    }

    /** One CPO; null figures are unknown. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Party(
            @JsonProperty("party") String party,
            @JsonProperty("rated") long rated,
            @JsonProperty("flagged") long flagged,
            @JsonProperty("flagged_share") Double flaggedShare,
            @JsonProperty("rating_lag_p99_seconds") Double ratingLagP99Seconds) {
    }
}
