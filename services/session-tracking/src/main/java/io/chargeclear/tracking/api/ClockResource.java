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
 * so a 48-hour deadline can be shown passing without waiting 48 hours, and back by what was moved, so the times
 * recorded after the showing are true again.
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
    @Operation(summary = "Move the clock forward ({\"advance\": \"PT25H\"}) and fire what became due, or back"
            + " ({\"back\": \"PT25H\"}) at most to the system time; tests and demos only")
    public Uni<ClockView> move(Move request) {
        if (!adjustable) {
            throw ApiException.notFound("an adjustable clock (chargeclear.tracking.clock.adjustable is false)");
        }
        if (request == null || (request.advance() == null && request.back() == null)) {
            throw ApiException.badRequest("advance or back is required, an ISO-8601 duration such as PT25H");
        }
        if (request.advance() != null && request.back() != null) {
            throw ApiException.badRequest("advance or back, not both: one move at a time");
        }
        if (request.back() != null) {
            Duration by = duration("back", request.back());
            try {
                clock.back(by);
            } catch (IllegalStateException behindSystemTime) {
                throw ApiException.badRequest(behindSystemTime.getMessage());
            }
            // nothing falls due when the clock goes back, so there is nothing to scan for
            return Uni.createFrom().item(new ClockView(clock.now(), clock.offset().toString(), null));
        }
        Duration by = duration("advance", request.advance());
        clock.advance(by);
        return scan.scan().map(fired -> new ClockView(clock.now(), clock.offset().toString(), fired));
    }

    /** A move's duration: ISO-8601, not negative (the field says the direction). */
    private static Duration duration(String field, String text) {
        Duration by;
        try {
            by = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 duration such as PT25H, not " + text);
        }
        if (by.isNegative()) {
            throw ApiException.badRequest(field + " must not be negative (the field says the direction: advance or"
                    + " back), not " + text);
        }
        return by;
    }

    @POST
    @Path("/sla/scan")
    @Operation(summary = "Fire the SLA timers that are due now, without waiting for the periodic scan")
    public Uni<ClockView> scanNow() {
        return scan.scan().map(fired -> new ClockView(clock.now(), clock.offset().toString(), fired));
    }

    /** The body of a clock move: {@code advance} forward or {@code back}, one of them. */
    public record Move(@JsonProperty("advance") String advance, @JsonProperty("back") String back) {
    }

    /** The clock after a read, move or scan; {@code fired}: breaches the scan raised. */
    public record ClockView(
            @JsonProperty("now") Instant now,
            @JsonProperty("offset") String offset,
            @JsonProperty("fired") Integer fired) {
    }
}
