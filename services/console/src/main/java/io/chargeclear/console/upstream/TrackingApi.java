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

/** Session tracking's operator API: the sessions it follows and the SLA breaches it detected. */
@RegisterRestClient(configKey = "session-tracking")
@RegisterClientHeaders(AdminToken.class)
@Produces(MediaType.APPLICATION_JSON)
public interface TrackingApi {

    @GET
    @Path("/admin/tracking/breaches")
    List<Breach> breaches(@QueryParam("since") String since, @QueryParam("limit") int limit);

    @GET
    @Path("/admin/tracking/sessions")
    List<Session> sessions(@QueryParam("from") String from, @QueryParam("limit") int limit);

    /** A tracked session, as the list shows it. */
    record Session(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("state") String state,
            @JsonProperty("start_date_time") Instant startDateTime) {
    }

    /** One breach of a service level. */
    record Breach(
            @JsonProperty("breach_id") String breachId,
            @JsonProperty("kind") String kind,
            @JsonProperty("session") String session,
            @JsonProperty("cpo") String cpo,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("due_at") Instant dueAt,
            @JsonProperty("detected_at") Instant detectedAt,
            @JsonProperty("detail") String detail) {
    }
}
