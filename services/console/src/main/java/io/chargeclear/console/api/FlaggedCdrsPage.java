package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.RatingApi;
import io.chargeclear.console.upstream.RatingApi.Rating;
import io.chargeclear.console.upstream.Upstream;
import io.chargeclear.console.upstream.Upstream.Answer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Flagged CDRs: what cdr-rating could not rate as the CPO billed it, with the reasons; the operator accepts one at
 * the CPO's total or rates it again with what the hub knows now. The CDRs still waiting for reference data are
 * listed below them.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/cdrs/flagged")
public class FlaggedCdrsPage {

    static final String PAGE = "/cdrs/flagged";
    /** As many as one page shows; the rating API answers newest first. */
    static final int LIMIT = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance flagged(List<Rating> flagged, List<Rating> pending, String flaggedProblem,
                                               String pendingProblem, String notice, String problem);
    }

    private final RatingApi rating;

    public FlaggedCdrsPage(@RestClient RatingApi rating) {
        this.rating = rating;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String problem) {
        Answer<List<Rating>> flagged = Upstream.ask("cdr-rating", () -> rating.ratings("FLAGGED", LIMIT));
        Answer<List<Rating>> pending = Upstream.ask("cdr-rating", () -> rating.ratings("PENDING", LIMIT));
        return Templates.flagged(flagged.failed() ? List.of() : flagged.value(),
                pending.failed() ? List.of() : pending.value(), flagged.problem(), pending.problem(), notice, problem);
    }

    @POST
    @Path("/{country_code}/{party_id}/{cdr_id}/accept")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                           @PathParam("cdr_id") String cdrId) {
        Answer<Rating> accepted = Upstream.ask("cdr-rating", () -> rating.accept(countryCode, partyId, cdrId));
        return accepted.failed() ? Notices.refused(PAGE, accepted.problem())
                : Notices.done(PAGE, "Accepted CDR " + cdrId + " of " + countryCode + "*" + partyId
                + " at the CPO's total: now " + accepted.value().status() + ".");
    }

    @POST
    @Path("/{country_code}/{party_id}/{cdr_id}/rerate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rerate(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                           @PathParam("cdr_id") String cdrId) {
        Answer<Rating> rerated = Upstream.ask("cdr-rating", () -> rating.rerate(countryCode, partyId, cdrId));
        return rerated.failed() ? Notices.refused(PAGE, rerated.problem())
                : Notices.done(PAGE, "Rated CDR " + cdrId + " of " + countryCode + "*" + partyId + " again: "
                + rerated.value().status() + ".");
    }
}
