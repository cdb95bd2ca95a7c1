package io.chargeclear.console.api;

import io.chargeclear.console.domain.Objectives;
import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.GatewayApi;
import io.chargeclear.console.upstream.GatewayApi.Receiver;
import io.chargeclear.console.upstream.RatingApi;
import io.chargeclear.console.upstream.RegistryApi;
import io.chargeclear.console.upstream.RegistryApi.Platform;
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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Partners: every platform with its parties, OCPI version and connection (party registry), beside its delivery
 * queue at the gateway: backlog, oldest pending delivery, failures in a row and the last error, and its parties
 * against the hub's objectives (the gateway's and rating's {@code objectives} reads, docs/operations/slo.md).
 * Suspend and reactivate are forms posting here.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/partners")
public class PartnersPage {

    static final String PAGE = "/partners";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance partners(List<Row> rows, String registryProblem, String gatewayProblem,
                                                String objectivesProblem, String notice, String problem);
    }

    /**
     * One platform, its queue ({@code queue} null when the gateway has none for it or did not answer) and its parties
     * against the objectives (empty when no service knows a figure of them).
     */
    public record Row(Platform platform, Receiver queue, List<Objectives.Check> objectives) {

        public boolean suspended() {
            return "SUSPENDED".equals(platform.status());
        }
    }

    private final RegistryApi registry;
    private final GatewayApi gateway;
    private final RatingApi rating;

    public PartnersPage(@RestClient RegistryApi registry, @RestClient GatewayApi gateway,
                        @RestClient RatingApi rating) {
        this.registry = registry;
        this.gateway = gateway;
        this.rating = rating;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String problem) {
        Answer<List<Platform>> platforms = Upstream.ask("party-registry", registry::platforms);
        Answer<List<Receiver>> receivers = Upstream.ask("ocpi-gateway", gateway::receivers);
        Map<String, Receiver> queues = receivers.failed() ? Map.of()
                : receivers.value().stream().collect(Collectors.toMap(Receiver::platformId, Function.identity()));
        Answer<GatewayApi.Objectives> gatewayObjectives = Upstream.ask("ocpi-gateway", gateway::objectives);
        Answer<RatingApi.Objectives> ratingObjectives = Upstream.ask("cdr-rating", rating::objectives);
        List<Row> rows = platforms.failed() ? List.of()
                : platforms.value().stream().map(p -> new Row(p, queues.get(p.id()),
                        p.parties() == null ? List.of() : p.parties().stream().map(RegistryApi.Party::code).distinct()
                                .flatMap(party -> Objectives.of(party, gatewayObjectives.value(),
                                        ratingObjectives.value()).stream()).toList())).toList();
        String objectivesProblem = gatewayObjectives.failed() ? gatewayObjectives.problem()
                : ratingObjectives.failed() ? ratingObjectives.problem() : null;
        return Templates.partners(rows, platforms.problem(), receivers.problem(), objectivesProblem, notice, problem);
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response suspend(@PathParam("id") String id) {
        Answer<Platform> suspended = Upstream.ask("party-registry", () -> registry.suspend(id));
        return suspended.failed() ? Notices.refused(PAGE, suspended.problem())
                : Notices.done(PAGE, "Suspended " + suspended.value().name() + ": the hub no longer routes to or from it.");
    }

    @POST
    @Path("/{id}/reactivate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reactivate(@PathParam("id") String id) {
        Answer<Platform> reactivated = Upstream.ask("party-registry", () -> registry.reactivate(id));
        return reactivated.failed() ? Notices.refused(PAGE, reactivated.problem())
                : Notices.done(PAGE, "Reactivated " + reactivated.value().name() + ".");
    }
}
