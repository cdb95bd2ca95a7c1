package io.chargeclear.tracking.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.tracking.config.TrackingConfig;
import io.chargeclear.tracking.service.SlaScan;
import io.chargeclear.tracking.service.TrackingClock;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The SLA watch's clock and scan, for operators: read the clock, run the scan now, and (only where
 * {@code chargeclear.tracking.clock.adjustable} is true: tests, demos) move the clock forward, which scans at once,
 * so a 48-hour deadline can be shown passing without waiting 48 hours.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/tracking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tracking")
public class ClockResource {

    private final TrackingClock clock;
    private final SlaScan scan;
    private final boolean adjustable;

    public ClockResource(TrackingClock clock, SlaScan scan, TrackingConfig config) {
        this.clock = clock;
        this.scan = scan;
        this.adjustable = config.clock().adjustable();
    }

    @GET
    @Path("/clock")
    @Operation(summary = "The SLA watch's current time and how far it was moved ahead of the system clock")
    public ClockView clock() {
        return new ClockView(clock.now(), clock.offset().toString(), null);
    }

    @POST
    @Path("/clock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the clock forward ({\"advance\": \"PT25H\"}) and fire what became due; tests and demos only")
    public Uni<ClockView> advance(Advance request) {
        if (!adjustable) {
            throw ApiException.notFound("an adjustable clock (chargeclear.tracking.clock.adjustable is false)");
        }
        if (request == null || request.advance() == null) {
            throw ApiException.badRequest("advance is required, an ISO-8601 duration such as PT25H");
        }
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("advance must be an ISO-8601 duration such as PT25H, not " + request.advance());
        }
        if (by.isNegative()) {
            throw ApiException.badRequest("the clock only moves forward");
        }
        clock.advance(by);
        return scan.scan().map(fired -> new ClockView(clock.now(), clock.offset().toString(), fired));
    }

    @POST
    @Path("/sla/scan")
    @Operation(summary = "Fire the SLA timers that are due now, without waiting for the periodic scan")
    public Uni<ClockView> scanNow() {
        return scan.scan().map(fired -> new ClockView(clock.now(), clock.offset().toString(), fired));
    }

    /** The body of a clock move. */
    public record Advance(@JsonProperty("advance") String advance) {
    }

    /** The clock after a read, move or scan; {@code fired}: breaches the scan raised. */
    public record ClockView(
            @JsonProperty("now") Instant now,
            @JsonProperty("offset") String offset,
            @JsonProperty("fired") Integer fired) {
    }
}
