package io.chargeclear.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/observability/ is what an operator loads into Grafana and Prometheus: the dashboard is a Grafana dashboard
 * with its {@code $party} variable, the rules are Prometheus rule groups with one alert per objective, each alert's
 * runbook is a section of docs/operations/slo.md that exists, and every metric either file names is one the guide
 * documents. That the services expose those metrics is deploy/e2e's ObjectiveMetricsEndToEndTest.
 */
class ObservabilityFilesTest {

    private static final Path ROOT = Repo.root();
    private static final Path DASHBOARD = ROOT.resolve("deploy/observability/grafana/chargeclear-objectives.json");
    private static final Path RULES = ROOT.resolve("deploy/observability/prometheus/chargeclear-alerts.yaml");
    private static final Path SLO = ROOT.resolve("docs/operations/slo.md");
    private static final String RUNBOOK = "https://github.com/chargeclear/chargeclear/blob/main/docs/operations/slo.md#";
    private static final Pattern METRIC = Pattern.compile("\\bchargeclear_[a-z0-9_]+");

    @Test
    void theDashboardIsAGrafanaDashboardSelectingAPartyInEveryPanel() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("chargeclear-objectives");
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("party", "datasource");
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(panel.path("title").asText()).contains("party=~\"$party\"");
                assertBalanced(expr);
            }
        }
    }

    @Test
    void everyAlertIsAnObjectiveWithARunbookSectionOfTheGuide() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        Set<String> anchors = anchors(Files.readString(SLO));
        Set<String> objectives = new TreeSet<>();
        assertThat(rules.path("groups")).isNotEmpty();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).as("every rule is an alert").isNotBlank();
                assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
                assertBalanced(rule.path("expr").asText());
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning", "info");
                assertThat(objectives.add(rule.path("labels").path("objective").asText())).as(alert + ": one alert per objective").isTrue();
                String runbook = rule.path("annotations").path("runbook_url").asText();
                assertThat(runbook).as(alert).startsWith(RUNBOOK);
                assertThat(anchors).as(alert + "'s runbook section in slo.md").contains(runbook.substring(RUNBOOK.length()));
                assertThat(Files.readString(SLO)).as("slo.md names the alert").contains("`" + alert + "`");
            }
        }
        assertThat(objectives).contains("rta-p99", "rta-timeouts", "cdr-rated", "cdr-posted", "push-delivered",
                "ocpi-errors", "flagged-share", "sla-breaches");
    }

    @Test
    void everyMetricTheFilesNameIsInTheGuidesTable() throws IOException {
        String guide = Files.readString(SLO);
        Set<String> named = new TreeSet<>();
        named.addAll(metrics(Files.readString(DASHBOARD)));
        named.addAll(metrics(Files.readString(RULES)));
        assertThat(named).isNotEmpty();
        for (String metric : named) {
            String base = metric.replaceAll("_(bucket|count|sum)$", "");
            assertThat(guide).as(metric + " documented in slo.md").contains("| `" + base + "`");
        }
    }

    private static Set<String> metrics(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static void assertBalanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            assertThat(depth).as("parentheses of " + expr).isGreaterThanOrEqualTo(0);
        }
        assertThat(depth).as("parentheses of " + expr).isZero();
    }
}
