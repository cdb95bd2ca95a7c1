package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.SettlementApi;
import io.chargeclear.console.upstream.SettlementApi.Dispute;
import io.chargeclear.console.upstream.SettlementApi.Run;
import io.chargeclear.console.upstream.SettlementApi.RunSummary;
import io.chargeclear.console.upstream.Upstream;
import io.chargeclear.console.upstream.Upstream.Answer;
import io.chargeclear.model.event.NetPositionDetermined;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Settlement: the runs, and of one run (the latest unless another is picked) the gross statements, the net
 * positions per currency with their payment instructions and the hub's fee revenue; CSV downloads served through
 * the console, and the open disputes.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/settlement")
public class SettlementPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settlement(List<RunSummary> runs, Run run, List<Currency> currencies,
                                                  List<Dispute> disputes, String runsProblem, String runProblem,
                                                  String disputesProblem, String notice, String problem);
    }

    /** The net positions of one currency: netted separately from every other currency. */
    public record Currency(String code, List<NetPositionDetermined> positions) {
    }

    private final SettlementApi settlement;

    public SettlementPage(@RestClient SettlementApi settlement) {
        this.settlement = settlement;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery("run") String runId, @RestQuery String notice,
                                 @RestQuery String problem) {
        Answer<List<RunSummary>> runs = Upstream.ask("settlement", settlement::runs);
        String chosen = runId != null && !runId.isBlank() ? runId
                : runs.failed() || runs.value().isEmpty() ? null : runs.value().get(runs.value().size() - 1).runId();
        Answer<Run> run = chosen == null ? new Answer<>(null, null)
                : Upstream.ask("settlement", () -> settlement.run(chosen));
        Answer<List<Dispute>> disputes = Upstream.ask("settlement", () -> settlement.disputes("OPEN"));
        List<RunSummary> newestFirst = runs.failed() ? List.of() : new ArrayList<>(runs.value());
        Collections.reverse(newestFirst);
        return Templates.settlement(newestFirst, run.value(), run.failed() ? List.of() : currencies(run.value()),
                disputes.failed() ? List.of() : disputes.value(), runs.problem(), run.problem(),
                disputes.problem(), notice, problem);
    }

    @GET
    @Path("/runs/{run_id}/statements.csv")
    @Produces("text/csv")
    public Response statementsCsv(@PathParam("run_id") String runId) {
        return csv(runId, "statements", run -> () -> settlement.statementsCsv(run.periodStart().toString(),
                run.periodEnd().toString()));
    }

    @GET
    @Path("/runs/{run_id}/net-positions.csv")
    @Produces("text/csv")
    public Response netPositionsCsv(@PathParam("run_id") String runId) {
        return csv(runId, "net-positions", run -> () -> settlement.netPositionsCsv(run.periodStart().toString(),
                run.periodEnd().toString()));
    }

    /** The run's CSV as an attachment named after its period; the settlement page with the reason when it fails. */
    private Response csv(String runId, String what, Function<Run, Supplier<String>> download) {
        Answer<Run> run = Upstream.ask("settlement", () -> settlement.run(runId));
        if (run.failed()) {
            return Notices.refused("/settlement", run.problem());
        }
        Answer<String> csv = Upstream.ask("settlement", download.apply(run.value()));
        if (csv.failed()) {
            return Notices.refused("/settlement", csv.problem());
        }
        String name = what + "-" + run.value().periodStart().toString().substring(0, 10) + ".csv";
        return Response.ok(csv.value(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static List<Currency> currencies(Run run) {
        if (run == null || run.netPositions() == null) {
            return List.of();
        }
        Map<String, List<NetPositionDetermined>> byCurrency = run.netPositions().stream()
                .collect(Collectors.groupingBy(NetPositionDetermined::currency, TreeMap::new, Collectors.toList()));
        return byCurrency.entrySet().stream().map(e -> new Currency(e.getKey(), e.getValue())).toList();
    }
}
