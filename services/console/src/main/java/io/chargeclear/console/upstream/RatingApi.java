package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/**
 * CDR rating's operator API: its objectives' figures, ratings by status, party and time, one CDR's rating, and the
 * operator's answers to a flagged CDR.
 */
@RegisterRestClient(configKey = "cdr-rating")
@RegisterClientHeaders(AdminToken.class)
@Produces(MediaType.APPLICATION_JSON)
public interface RatingApi {

    @GET
    @Path("/admin/rating/objectives")
    Objectives objectives();

    @GET
    @Path("/admin/rating/cdrs")
    List<Rating> ratings(@QueryParam("status") String status, @QueryParam("party") String party,
                         @QueryParam("rated_from") String ratedFrom, @QueryParam("rated_to") String ratedTo,
                         @QueryParam("limit") int limit);

    /** Ratings of a status (null: any), newest first. */
    default List<Rating> ratings(String status, int limit) {
        return ratings(status, null, null, null, limit);
    }

    @GET
    @Path("/admin/rating/cdrs/{country_code}/{party_id}/{cdr_id}")
    Rating rating(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                  @PathParam("cdr_id") String cdrId);

    @POST
    @Path("/admin/rating/cdrs/{country_code}/{party_id}/{cdr_id}/rerate")
    Rating rerate(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                  @PathParam("cdr_id") String cdrId);

    @POST
    @Path("/admin/rating/cdrs/{country_code}/{party_id}/{cdr_id}/accept")
    Rating accept(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                  @PathParam("cdr_id") String cdrId);

    /** One CDR's rating; amounts are decimals as strings in the CDR's currency. */
    record Rating(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("status") String status,
            @JsonProperty("reasons") List<String> reasons,
            @JsonProperty("currency") String currency,
            @JsonProperty("total_cost") Amount totalCost,
            @JsonProperty("cpo_total_cost") Amount cpoTotalCost,
            @JsonProperty("tariff_id") String tariffId,
            @JsonProperty("agreement_id") String agreementId,
            @JsonProperty("rated_at") Instant ratedAt,
            @JsonProperty("revision") int revision,
            @JsonProperty("hub_fee") String hubFee,
            @JsonProperty("emsp_payable") String emspPayable,
            @JsonProperty("cpo_receivable") String cpoReceivable,
            @JsonProperty("operator_override") boolean operatorOverride,
            @JsonProperty("pending_since") Instant pendingSince,
            @JsonProperty("waiting_for") List<Awaited> waitingFor) {

        /** {@code NL*DC1}, the CDR's CPO. */
        public String cpo() {
            return countryCode + "*" + partyId;
        }
    }

    /** What a PENDING CDR waits for: a LOCATION, TARIFF, AGREEMENT or CREDIT_REFERENCE and its id. */
    record Awaited(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {
    }

    /** A total, before and after taxes. */
    record Amount(@JsonProperty("excl_vat") String exclVat, @JsonProperty("incl_vat") String inclVat) {
    }

    /** Each CPO against rating's objectives, with the thresholds (docs/operations/slo.md). */
    record Objectives(@JsonProperty("thresholds") Thresholds thresholds,
                      @JsonProperty("parties") List<PartyObjectives> parties) {
    }

    /** Rating's objectives: receipt to rating p99 in seconds, the flagged share. */
    record Thresholds(@JsonProperty("cdr_rated_p99_seconds") double cdrRatedP99Seconds,
                      @JsonProperty("flagged_share") double flaggedShare) {
    }

    /** One CPO's figures; null when unknown. */
    record PartyObjectives(
            @JsonProperty("party") String party,
            @JsonProperty("rated") long rated,
            @JsonProperty("flagged") long flagged,
            @JsonProperty("flagged_share") Double flaggedShare,
            @JsonProperty("rating_lag_p99_seconds") Double ratingLagP99Seconds)
            implements io.chargeclear.console.domain.Objectives.Named {
    }
}
