package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.RegistryApi;
import io.chargeclear.console.upstream.RegistryApi.Agreement;
import io.chargeclear.console.upstream.RegistryApi.HubFee;
import io.chargeclear.console.upstream.RegistryApi.NewAgreement;
import io.chargeclear.console.upstream.RegistryApi.PartyRef;
import io.chargeclear.console.upstream.RegistryApi.StandardTerms;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Agreements: every roaming agreement with its window and terms, a form to create one (the registry checks it and
 * applies its defaults) and a button to end one; the hub's standard terms above them.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/agreements")
public class AgreementsPage {

    static final String PAGE = "/agreements";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agreements(List<Agreement> agreements, StandardTerms standardTerms,
                                                  String agreementsProblem, String termsProblem, String notice,
                                                  String problem);
    }

    private final RegistryApi registry;

    public AgreementsPage(@RestClient RegistryApi registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String problem) {
        Answer<List<Agreement>> agreements = Upstream.ask("party-registry", registry::agreements);
        Answer<StandardTerms> terms = Upstream.ask("party-registry", registry::standardTerms);
        return Templates.agreements(agreements.failed() ? List.of() : agreements.value(), terms.value(),
                agreements.problem(), terms.problem(), notice, problem);
    }

    /**
     * Creates an agreement from the form: parties as {@code NL*DC1} (or {@code NL/DC1}), the start as an ISO-8601
     * date-time, an optional end, and the hub fee in percent. The registry validates it and says what is wrong.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String cpo, @RestForm String emsp, @RestForm("valid_from") String validFrom,
                           @RestForm("valid_until") String validUntil,
                           @RestForm("hub_fee_percent") String hubFeePercent) {
        PartyRef cpoRef = party(cpo);
        PartyRef emspRef = party(emsp);
        if (cpoRef == null || emspRef == null) {
            return Notices.refused(PAGE, "cpo and emsp must each be a party as COUNTRY*PARTY, e.g. NL*DC1");
        }
        NewAgreement request = new NewAgreement(cpoRef, emspRef, blankToNull(validFrom), blankToNull(validUntil),
                new HubFee(hubFeePercent == null || hubFeePercent.isBlank() ? "0" : hubFeePercent.trim(), null));
        Answer<Agreement> created = Upstream.ask("party-registry", () -> registry.createAgreement(request));
        return created.failed() ? Notices.refused(PAGE, created.problem())
                : Notices.done(PAGE, "Created agreement " + created.value().cpo().code() + " - "
                + created.value().emsp().code() + " from " + created.value().validFrom() + ".");
    }

    @POST
    @Path("/{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response end(@PathParam("id") String id) {
        Answer<Agreement> ended = Upstream.ask("party-registry", () -> registry.endAgreement(id));
        return ended.failed() ? Notices.refused(PAGE, ended.problem())
                : Notices.done(PAGE, "Ended agreement " + ended.value().cpo().code() + " - "
                + ended.value().emsp().code() + ".");
    }

    /** {@code NL*DC1} or {@code NL/DC1}; null when the text is no party. */
    static PartyRef party(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("[*/]");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            return null;
        }
        return new PartyRef(parts[0].trim(), parts[1].trim());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
