package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** The party registry's operator API: platforms and their parties, agreements and the standard terms. */
@RegisterRestClient(configKey = "party-registry")
@RegisterClientHeaders(AdminToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    @GET
    @Path("/admin/platforms")
    List<Platform> platforms();

    @POST
    @Path("/admin/platforms/{id}/suspend")
    Platform suspend(@PathParam("id") String id);

    @POST
    @Path("/admin/platforms/{id}/reactivate")
    Platform reactivate(@PathParam("id") String id);

    @GET
    @Path("/admin/agreements")
    List<Agreement> agreements();

    @POST
    @Path("/admin/agreements")
    Agreement createAgreement(NewAgreement agreement);

    @DELETE
    @Path("/admin/agreements/{id}")
    Agreement endAgreement(@PathParam("id") String id);

    @GET
    @Path("/admin/agreements/standard-terms")
    StandardTerms standardTerms();

    /** A platform; {@code connection} is null until the partner completed the credentials handshake. */
    record Platform(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("parties") List<Party> parties,
            @JsonProperty("ocpi_version") String ocpiVersion,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("connection") Connection connection) {
    }

    /** One party a platform may claim. */
    record Party(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role,
            @JsonProperty("name") String name) {

        /** {@code NL*DC1}, as the hub names a party everywhere. */
        public String code() {
            return countryCode + "*" + partyId;
        }
    }

    /** The partner's side of a completed OCPI connection. */
    record Connection(
            @JsonProperty("version") String version,
            @JsonProperty("versions_url") String versionsUrl,
            @JsonProperty("connected_at") Instant connectedAt,
            @JsonProperty("updated_at") Instant updatedAt) {
    }

    /** A party named in an agreement. */
    record PartyRef(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId) {

        public String code() {
            return countryCode + "*" + partyId;
        }
    }

    /** An amount with its currency, decimals as strings as the API sends them. */
    record Money(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {

        @Override
        public String toString() {
            return amount + " " + currency;
        }
    }

    /** A hub fee: a percentage, amounts per session, or both. */
    record HubFee(@JsonProperty("percent") String percent, @JsonProperty("per_session") List<Money> perSession) {

        @Override
        public String toString() {
            String percentPart = percent == null ? "" : percent + " %";
            String perSessionPart = perSession == null || perSession.isEmpty() ? ""
                    : String.join(" + ", perSession.stream().map(Money::toString).toList()) + " per session";
            return percentPart.isEmpty() || perSessionPart.isEmpty() ? percentPart + perSessionPart
                    : percentPart + " + " + perSessionPart;
        }
    }

    /** Service levels. */
    record Sla(@JsonProperty("cdr_within_hours") int cdrWithinHours,
               @JsonProperty("authorization_answer_within_ms") int authorizationAnswerWithinMs) {
    }

    /** An agreement; {@code in_effect} says whether it applies now. */
    record Agreement(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("in_effect") boolean inEffect,
            @JsonProperty("cpo") PartyRef cpo,
            @JsonProperty("emsp") PartyRef emsp,
            @JsonProperty("valid_from") Instant validFrom,
            @JsonProperty("valid_until") Instant validUntil,
            @JsonProperty("modules") List<String> modules,
            @JsonProperty("hub_fee") HubFee hubFee,
            @JsonProperty("sla") Sla sla,
            @JsonProperty("dispute_window_days") int disputeWindowDays) {
    }

    /** What {@code POST /admin/agreements} takes; the registry applies the defaults of what is left out. */
    record NewAgreement(
            @JsonProperty("cpo") PartyRef cpo,
            @JsonProperty("emsp") PartyRef emsp,
            @JsonProperty("valid_from") String validFrom,
            @JsonProperty("valid_until") String validUntil,
            @JsonProperty("hub_fee") HubFee hubFee) {
    }

    /** The hub's standard terms: the mode, and the terms where no agreement exists. */
    record StandardTerms(
            @JsonProperty("mode") String mode,
            @JsonProperty("modules") List<String> modules,
            @JsonProperty("hub_fee") HubFee hubFee,
            @JsonProperty("sla") Sla sla,
            @JsonProperty("dispute_window_days") Integer disputeWindowDays) {
    }
}
