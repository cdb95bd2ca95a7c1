package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.TrackingApi;
import io.chargeclear.console.upstream.TrackingApi.Breach;
import io.chargeclear.console.upstream.Upstream;
import io.chargeclear.console.upstream.Upstream.Answer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SLA breaches session tracking detected in the last 30 days, newest first. */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/sla")
public class BreachesPage {

    static final Duration SHOWN = Duration.ofDays(30);
    static final int LIMIT = 1000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance breaches(List<Breach> breaches, String since, String trackingProblem,
                                                String notice, String problem);
    }

    private final TrackingApi tracking;

    public BreachesPage(@RestClient TrackingApi tracking) {
        this.tracking = tracking;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        String since = Instant.now().minus(SHOWN).toString();
        Answer<List<Breach>> breaches = Upstream.ask("session-tracking", () -> tracking.breaches(since, LIMIT));
        List<Breach> newestFirst = breaches.failed() ? List.of() : new ArrayList<>(breaches.value());
        Collections.reverse(newestFirst);
        return Templates.breaches(newestFirst, since, breaches.problem(), null, null);
    }
}
