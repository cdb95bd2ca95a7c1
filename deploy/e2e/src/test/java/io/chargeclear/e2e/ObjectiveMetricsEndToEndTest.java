package io.chargeclear.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard and the Prometheus alert rules of deploy/observability/ name only metrics the packaged
 * services expose: every {@code chargeclear_…} name in them (the histograms' {@code _bucket} and {@code _count}
 * series as such) is a series on some service's management {@code /q/metrics}. Runs after the flows (the routing
 * scenario, session tracking), whose real-time authorizations, deliveries, CDRs and breach give every meter its
 * samples; a meter that exists only once something happened would otherwise be missing for want of traffic, not of
 * code. Run it with them: {@code -Dtest='ObjectiveMetricsEndToEndTest,RoutingScenarioEndToEndTest,
 * SessionTrackingEndToEndTest'}.
 */
@Order(AttackFixture.AFTER_THE_FLOWS - 2)
@ExtendWith(SharedHub.class)
class ObjectiveMetricsEndToEndTest {

    private static final Pattern METRIC = Pattern.compile("\\bchargeclear_[a-z0-9_]+");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheDashboardAndTheAlertsReferenceIsExposed(RunningHub hub) throws IOException {
        Set<String> referenced = new TreeSet<>();
        referenced.addAll(referenced("deploy/observability/grafana/chargeclear-objectives.json"));
        referenced.addAll(referenced("deploy/observability/prometheus/chargeclear-alerts.yaml"));
        assertThat(referenced).as("the dashboard and the alerts reference the objectives' metrics")
                .contains("chargeclear_rta_duration_seconds_bucket", "chargeclear_delivery_oldest_pending_age_seconds",
                        "chargeclear_cdr_rating_lag_seconds_bucket", "chargeclear_ocpi_requests_total");

        // the delivery queue's gauges appear with the gateway's first refresh of them (every 15 s)
        await("every referenced metric on some service's /q/metrics").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Set<String> exposed = exposed(hub);
                    assertThat(exposed).as("series names on the services' /q/metrics").containsAll(referenced);
                });

        // tagged per partner, CC*PID, as the dashboard's $party variable selects them
        String gateway = scrape(hub, "ocpi-gateway");
        assertThat(gateway).containsPattern("chargeclear_ocpi_requests_total\\{[^}]*party=\"NL\\*RC1\"");
        assertThat(gateway).containsPattern("chargeclear_rta_duration_seconds_count\\{party=\"DE\\*RE1\"}");
        assertThat(gateway).containsPattern("chargeclear_rta_timeouts_total\\{party=\"DE\\*RE1\"}");
        assertThat(gateway).containsPattern("chargeclear_delivery_latency_seconds_count\\{[^}]*party=\"DE\\*RE1\"");
        assertThat(scrape(hub, "cdr-rating"))
                .containsPattern("chargeclear_cdrs_rated_total\\{outcome=\"rated\",party=\"NL\\*RC1\"}")
                .containsPattern("chargeclear_cdr_rating_lag_seconds_count\\{party=\"NL\\*RC1\"}");
        assertThat(scrape(hub, "settlement"))
                .containsPattern("chargeclear_cdr_posting_lag_seconds_count\\{party=\"NL\\*RC1\"}");
        assertThat(scrape(hub, "session-tracking"))
                .containsPattern("chargeclear_sla_breaches_total\\{kind=\"CDR_OVERDUE\",party=\"NL\\*TC1\"}");
    }

    private static Set<String> referenced(String file) throws IOException {
        Path root = Path.of(System.getProperty("chargeclear.root", "../..")).toAbsolutePath().normalize();
        Matcher names = METRIC.matcher(Files.readString(root.resolve(file)));
        Set<String> found = new TreeSet<>();
        while (names.find()) {
            found.add(names.group());
        }
        return found;
    }

    private static Set<String> exposed(RunningHub hub) {
        Set<String> names = new TreeSet<>();
        for (String service : RunningHub.SERVICES) {
            for (String line : scrape(hub, service).split("\n")) {
                if (line.startsWith("chargeclear_")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }

    private static String scrape(RunningHub hub, String service) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(hub.managementUrl(service) + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service + " /q/metrics").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(service + " /q/metrics did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
