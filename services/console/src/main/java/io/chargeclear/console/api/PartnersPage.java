package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.GatewayApi;
import io.chargeclear.console.upstream.GatewayApi.Receiver;
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
 * queue at the gateway: backlog, oldest pending delivery, failures in a row and the last error. Suspend and
 * reactivate are forms posting here.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/partners")
public class PartnersPage {

    static final String PAGE = "/partners";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance partners(List<Row> rows, String registryProblem, String gatewayProblem,
                                                String notice, String problem);
    }

    /** One platform and its queue ({@code queue} null when the gateway has none for it or did not answer). */
    public record Row(Platform platform, Receiver queue) {

        public boolean suspended() {
            return "SUSPENDED".equals(platform.status());
        }
    }

    private final RegistryApi registry;
    private final GatewayApi gateway;

    public PartnersPage(@RestClient RegistryApi registry, @RestClient GatewayApi gateway) {
        this.registry = registry;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String notice, @RestQuery String problem) {
        Answer<List<Platform>> platforms = Upstream.ask("party-registry", registry::platforms);
        Answer<List<Receiver>> receivers = Upstream.ask("ocpi-gateway", gateway::receivers);
        Map<String, Receiver> queues = receivers.failed() ? Map.of()
                : receivers.value().stream().collect(Collectors.toMap(Receiver::platformId, Function.identity()));
        List<Row> rows = platforms.failed() ? List.of()
                : platforms.value().stream().map(p -> new Row(p, queues.get(p.id()))).toList();
        return Templates.partners(rows, platforms.problem(), receivers.problem(), notice, problem);
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
