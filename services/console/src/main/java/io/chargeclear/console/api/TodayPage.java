package io.chargeclear.console.api;

import io.chargeclear.console.domain.Hourly;
import io.chargeclear.console.domain.Hourly.Chart;
import io.chargeclear.console.domain.Hourly.Point;
import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.GatewayApi;
import io.chargeclear.console.upstream.GatewayApi.Job;
import io.chargeclear.console.upstream.RatingApi;
import io.chargeclear.console.upstream.RatingApi.Rating;
import io.chargeclear.console.upstream.RegistryApi;
import io.chargeclear.console.upstream.RegistryApi.Platform;
import io.chargeclear.console.upstream.TrackingApi;
import io.chargeclear.console.upstream.TrackingApi.Session;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The day in pictures: CDRs and sessions per hour, the share of CDRs flagged, the gateway's delivery latency, and
 * the same per partner, over the last 24 hours. Drawn on the server as SVG from the services' lists, which answer
 * at most {@link #LIMIT} items: a chart says when it shows only the newest ones.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/today")
public class TodayPage {

    static final int HOURS = 24;
    static final int LIMIT = 1000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance today(List<Chart> charts, List<CpoRow> cpos, List<ReceiverRow> receivers,
                                             List<String> problems, String notice, String problem);
    }

    /** A CPO's CDRs of the day: how many, how many flagged. */
    public record CpoRow(String cpo, long cdrs, long flagged, long flaggedPercent) {
    }

    /** A receiver's deliveries of the day: how many, and how long they took from request to answer. */
    public record ReceiverRow(String receiver, long deliveries, long medianMs, long p95Ms) {
    }

    private final RatingApi rating;
    private final TrackingApi tracking;
    private final GatewayApi gateway;
    private final RegistryApi registry;

    public TodayPage(@RestClient RatingApi rating, @RestClient TrackingApi tracking, @RestClient GatewayApi gateway,
                     @RestClient RegistryApi registry) {
        this.rating = rating;
        this.tracking = tracking;
        this.gateway = gateway;
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        Instant now = Instant.now();
        Instant since = now.minus(Duration.ofHours(HOURS));
        Answer<List<Rating>> ratings = Upstream.ask("cdr-rating", () -> rating.ratings(null, null, since.toString(), null,
                LIMIT));
        Answer<List<Session>> sessions = Upstream.ask("session-tracking",
                () -> tracking.sessions(since.toString(), LIMIT));
        Answer<List<Job>> deliveries = Upstream.ask("ocpi-gateway", () -> gateway.jobs("DELIVERED", LIMIT));
        Answer<List<Platform>> platforms = Upstream.ask("party-registry", registry::platforms);

        List<Rating> rated = ratings.failed() ? List.of() : ratings.value().stream()
                .filter(r -> r.ratedAt() != null && !"PENDING".equals(r.status())).toList();
        List<Session> started = sessions.failed() ? List.of() : sessions.value();
        List<Job> done = deliveries.failed() ? List.of() : deliveries.value().stream()
                .filter(j -> j.requestedAt() != null && j.finishedAt() != null).toList();

        List<Chart> charts = List.of(
                Hourly.count("CDRs rated or flagged per hour", "CDRs", now, HOURS,
                        rated.stream().map(Rating::ratedAt).toList(), cut(ratings)),
                Hourly.share("Share of CDRs flagged", now, HOURS, rated.stream().map(TodayPage::flagged).toList(),
                        cut(ratings)),
                Hourly.count("Sessions started per hour", "sessions", now, HOURS,
                        started.stream().map(Session::startDateTime).toList(), cut(sessions)),
                Hourly.median("Median delivery latency (request to answer)", "ms", now, HOURS,
                        done.stream().map(j -> new Point(j.finishedAt(), latency(j))).toList(), cut(deliveries)));

        Map<String, String> names = platforms.failed() ? Map.of()
                : platforms.value().stream().collect(Collectors.toMap(Platform::id, Platform::name));
        List<String> problems = new ArrayList<>();
        for (Answer<?> answer : List.of(ratings, sessions, deliveries, platforms)) {
            if (answer.failed()) {
                problems.add(answer.problem());
            }
        }
        return Templates.today(charts, cpos(rated, since), receivers(done, since, names), problems, null, null);
    }

    private static Point flagged(Rating r) {
        return new Point(r.ratedAt(), "FLAGGED".equals(r.status()) ? 1 : 0);
    }

    private static long latency(Job job) {
        return Math.max(0, Duration.between(job.requestedAt(), job.finishedAt()).toMillis());
    }

    /** The note of a chart whose list came back full: older items were not sent. */
    private static String cut(Answer<? extends List<?>> answer) {
        return !answer.failed() && answer.value().size() >= LIMIT ? "the newest " + LIMIT + " only" : null;
    }

    private static List<CpoRow> cpos(List<Rating> rated, Instant since) {
        Map<String, List<Rating>> byCpo = rated.stream().filter(r -> !r.ratedAt().isBefore(since))
                .collect(Collectors.groupingBy(Rating::cpo, TreeMap::new, Collectors.toList()));
        return byCpo.entrySet().stream().map(e -> {
            long flagged = e.getValue().stream().filter(r -> "FLAGGED".equals(r.status())).count();
            return new CpoRow(e.getKey(), e.getValue().size(), flagged, Math.round(100.0 * flagged / e.getValue().size()));
        }).toList();
    }

    private static List<ReceiverRow> receivers(List<Job> done, Instant since, Map<String, String> names) {
        Function<Job, String> receiver = j -> names.getOrDefault(j.receiverPlatform(), j.receiverPlatform());
        Map<String, List<Long>> byReceiver = done.stream().filter(j -> !j.finishedAt().isBefore(since))
                .collect(Collectors.groupingBy(receiver, TreeMap::new,
                        Collectors.mapping(TodayPage::latency, Collectors.toList())));
        return byReceiver.entrySet().stream().map(e -> new ReceiverRow(e.getKey(), e.getValue().size(),
                Hourly.percentile(e.getValue(), 50), Hourly.percentile(e.getValue(), 95))).toList();
    }
}
