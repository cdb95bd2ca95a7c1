package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.DeadLetterApi;
import io.chargeclear.console.upstream.DeadLetterApi.DeadLetter;
import io.chargeclear.console.upstream.DeadLetterApi.RetryResult;
import io.chargeclear.console.upstream.DeadLetterClients;
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
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * Parked events: the records each service's consumers could not apply and set aside (ADR 0014), per service, with
 * the error; the operator applies one again once its cause is removed, or discards it.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/parked")
public class ParkedEventsPage {

    static final String PAGE = "/parked";
    static final int LIMIT = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance parked(List<ServiceLetters> services, String notice, String problem);
    }

    /** One service's parked records, or why they could not be read. */
    public record ServiceLetters(String service, List<DeadLetter> letters, String problem) {
    }

    private final DeadLetterClients clients;

    public ParkedEventsPage(DeadLetterClients clients) {
        this.clients = clients;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String problem) {
        List<ServiceLetters> services = DeadLetterClients.SERVICES.stream().map(service -> {
            Answer<List<DeadLetter>> parked = Upstream.ask(service, () -> clients.of(service).list("PARKED", LIMIT));
            return new ServiceLetters(service, parked.failed() ? List.of() : parked.value(), parked.problem());
        }).toList();
        return Templates.parked(services, notice, problem);
    }

    @POST
    @Path("/{service}/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("service") String service, @PathParam("id") String id) {
        DeadLetterApi api = clients.of(service);
        if (api == null) {
            return Notices.refused(PAGE, "no service " + service + " parks records");
        }
        Answer<RetryResult> retried = Upstream.ask(service, () -> api.retry(id));
        if (retried.failed()) {
            return Notices.refused(PAGE, retried.problem());
        }
        return "APPLIED".equals(retried.value().outcome())
                ? Notices.done(PAGE, "Applied the parked record " + id + " of " + service + ".")
                : Notices.refused(PAGE, "The parked record " + id + " of " + service + " failed again: "
                + retried.value().deadLetter().errorMessage());
    }

    @POST
    @Path("/{service}/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discard(@PathParam("service") String service, @PathParam("id") String id) {
        DeadLetterApi api = clients.of(service);
        if (api == null) {
            return Notices.refused(PAGE, "no service " + service + " parks records");
        }
        Answer<DeadLetter> discarded = Upstream.ask(service, () -> api.discard(id));
        return discarded.failed() ? Notices.refused(PAGE, discarded.problem())
                : Notices.done(PAGE, "Discarded the parked record " + id + " of " + service + ".");
    }
}
