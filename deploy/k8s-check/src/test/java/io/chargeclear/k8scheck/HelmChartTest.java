package io.chargeclear.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Lints and renders helm/chargeclear with embedded Helm and checks the objects with fabric8's typed model. */
class HelmChartTest {

    static final String KUBE_VERSION = "1.31.0";
    static final Set<String> SERVICES = Set.of("party-registry", "ocpi-gateway", "session-tracking", "cdr-rating",
            "settlement");
    static final Set<String> TOKEN_KEY_SERVICES = Set.of("party-registry", "ocpi-gateway");
    static final Set<String> CONFIG_KEYS = Set.of("CHARGECLEAR_DB_HOST", "CHARGECLEAR_DB_PORT", "CHARGECLEAR_DB_NAME",
            "CHARGECLEAR_DB_USER", "CHARGECLEAR_DB_POOL_SIZE", "CHARGECLEAR_KAFKA_BOOTSTRAP");

    static Path chart;
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @BeforeAll
    static void locateChart() {
        chart = Repo.root().resolve("helm/chargeclear");
    }

    /** The chart as given, without values: it ships no secret, so this alone does not render. */
    static TemplateCommand template() {
        return new Helm(chart).template().withName("hub").withNamespace("chargeclear").withKubeVersion(KUBE_VERSION);
    }

    /** The chart with the three secret values an installation without an existing Secret must pass. */
    static TemplateCommand templateWithSecrets() {
        return template().set("secret.adminToken", "an-operator-token-of-this-test")
                .set("secret.tokenEncryptionKey", "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzISE=")
                .set("secret.dbPassword", "a-database-password");
    }

    static List<HasMetadata> parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            boolean empty = doc.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (empty) {
                continue;
            }
            Object o = SERIALIZATION.unmarshal(doc);
            assertThat(o).as("document parses into a Kubernetes object:%n%s", doc).isInstanceOf(HasMetadata.class);
            objects.add((HasMetadata) o);
        }
        return objects;
    }

    static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
    }

    /** Keeps the rendered manifests in target/ for a look (or another validator). */
    static String keep(String file, String rendered) {
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve(file), rendered);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rendered;
    }

    @Test
    void unknownFieldWalkCatchesTypos() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      contianers: [{name: c, image: i}]
                """;
        assertThat(UnknownFields.of(parse(typo).get(0))).containsExactly(".spec.template.spec.contianers");
    }

    @Test
    void lintStrictPasses() {
        // lint mode lets `required` pass, so the chart lints without the secrets it refuses to render without
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void withoutSecretsTheChartRefusesToRender() {
        assertThatThrownBy(() -> template().call())
                .hasMessageContaining("secret.adminToken is required")
                .hasMessageContaining("secret.existingSecret");
        assertThatThrownBy(() -> template().set("secret.adminToken", "an-operator-token").call())
                .hasMessageContaining("secret.tokenEncryptionKey is required");
        assertThatThrownBy(() -> template().set("secret.adminToken", "an-operator-token")
                .set("secret.tokenEncryptionKey", "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzISE=").call())
                .hasMessageContaining("secret.dbPassword is required");
    }

    @Test
    void theLocalHubsPublicSecretsAreRefused() {
        assertThatThrownBy(() -> templateWithSecrets().set("secret.adminToken", "chargeclear-dev-admin").call())
                .hasMessageContaining("public development token");
        assertThatThrownBy(() -> templateWithSecrets()
                .set("secret.tokenEncryptionKey", "Y2hhcmdlY2xlYXItZGV2LW9ubHktdG9rZW4ta2V5ISE=").call())
                .hasMessageContaining("public development key");
    }

    @Test
    void theShippedValuesHoldNoSecret() throws IOException {
        String values = Files.readString(chart.resolve("values.yaml"));
        assertThat(values).doesNotContain("chargeclear-dev-admin").doesNotContain("Y2hhcmdlY2xlYXItZGV2");
        assertThat(values).containsPattern("(?m)^  adminToken: \"\"$")
                .containsPattern("(?m)^  tokenEncryptionKey: \"\"$")
                .containsPattern("(?m)^  dbPassword: \"\"$");
    }

    @Test
    void defaultsWithSecretsRenderTypedObjectsWithoutUnknownFields() {
        List<HasMetadata> objects = parse(keep("rendered-defaults.yaml", templateWithSecrets().call()));
        checkTyped(objects);
        Map<String, Deployment> deployments = byName(objects, Deployment.class);
        assertThat(deployments).hasSize(6);
        checkDeployments(objects, deployments);
        assertThat(byName(objects, Secret.class)).containsOnlyKeys("hub-secrets");
        assertThat(byName(objects, Secret.class).get("hub-secrets").getData())
                .containsOnlyKeys("admin-token", "token-encryption-key", "db-password");
        assertThat(byName(objects, PodDisruptionBudget.class)).hasSize(5);
        assertThat(byName(objects, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(byName(objects, Ingress.class)).isEmpty();
        assertThat(objects).noneMatch(o -> "ServiceMonitor".equals(o.getKind()));
        // without autoscaling the Deployment carries its replica count
        assertThat(deployments.values()).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        ConfigMap gateway = byName(objects, ConfigMap.class).get("hub-ocpi-gateway");
        assertThat(gateway.getData())
                .containsEntry("CHARGECLEAR_REGISTRY_URL", "http://hub-party-registry:8081")
                .containsEntry("CHARGECLEAR_GATEWAY_PUBLIC_URL", "http://hub-ocpi-gateway:8080");
    }

    @Test
    void tracingIsOffByDefaultAndOnSendsEveryServicesSpansToTheCollector() {
        List<String> services = List.of("party-registry", "ocpi-gateway", "session-tracking", "cdr-rating",
                "settlement");
        Map<String, ConfigMap> off = byName(parse(templateWithSecrets().call()), ConfigMap.class);
        assertThat(services).allSatisfy(service -> assertThat(off.get("hub-" + service).getData())
                .as("%s: the SDK stays off (the kit's default)", service)
                .doesNotContainKeys("QUARKUS_OTEL_SDK_DISABLED", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));

        Map<String, ConfigMap> on = byName(parse(templateWithSecrets().set("tracing.enabled", true)
                .set("tracing.otlpEndpoint", "http://otel-collector.observability:4318")
                .set("tracing.otlpProtocol", "http/protobuf").call()), ConfigMap.class);
        assertThat(services).allSatisfy(service -> assertThat(on.get("hub-" + service).getData()).as(service)
                .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4318")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        assertThatThrownBy(() -> templateWithSecrets().set("tracing.enabled", true).call())
                .hasMessageContaining("tracing.otlpEndpoint is required");
        assertThatThrownBy(() -> templateWithSecrets().set("tracing.enabled", true)
                .set("tracing.otlpEndpoint", "http://collector:4317").set("tracing.otlpProtocol", "udp").call())
                .hasMessageContaining("schema").hasMessageContaining("otlpProtocol");
    }

    @Test
    void productionValuesRender() {
        List<HasMetadata> objects = parse(keep("rendered-production.yaml",
                template().withValuesFile(chart.resolve("ci/production-values.yaml")).call()));
        checkTyped(objects);
        Map<String, Deployment> deployments = byName(objects, Deployment.class);
        assertThat(deployments).hasSize(6);
        checkDeployments(objects, deployments);

        // the operator's Secret is used, the chart creates none
        assertThat(byName(objects, Secret.class)).isEmpty();
        assertThat(deployments.values()).allSatisfy(d -> assertThat(container(d).getEnv())
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("chargeclear-secrets")));

        Map<String, HorizontalPodAutoscaler> hpas = byName(objects, HorizontalPodAutoscaler.class);
        assertThat(hpas).containsOnlyKeys("hub-ocpi-gateway", "hub-session-tracking", "hub-cdr-rating");
        hpas.values().forEach(h -> {
            assertThat(h.getSpec().getScaleTargetRef().getName()).isEqualTo(h.getMetadata().getName());
            assertThat(h.getSpec().getMinReplicas()).isLessThanOrEqualTo(h.getSpec().getMaxReplicas());
            // the HPA owns the replica count
            assertThat(deployments.get(h.getMetadata().getName()).getSpec().getReplicas()).isNull();
        });

        Ingress ingress = byName(objects, Ingress.class).get("hub-ocpi-gateway");
        assertThat(ingress).isNotNull();
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("ocpi.chargeclear.example.com");
            assertThat(tls.getSecretName()).isEqualTo("ocpi-chargeclear-tls");
        });
        checkPartnerIngress(ingress);
        assertThat(ingress.getMetadata().getAnnotations())
                .containsKeys("nginx.ingress.kubernetes.io/proxy-read-timeout",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout", "nginx.ingress.kubernetes.io/proxy-body-size");
        // the operator ingress stays off unless asked for
        assertThat(byName(objects, Ingress.class)).containsOnlyKeys("hub-ocpi-gateway");
        assertThat(byName(objects, ConfigMap.class).get("hub-settlement").getData())
                .containsEntry("CHARGECLEAR_SETTLEMENT_PERIOD", "MONTHLY");
        assertThat(byName(objects, ConfigMap.class).get("hub-ocpi-gateway").getData())
                .containsEntry("CHARGECLEAR_GATEWAY_PUBLIC_URL", "https://ocpi.chargeclear.example.com");

        List<GenericKubernetesResource> monitors = objects.stream().filter(o -> "ServiceMonitor".equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(monitors).hasSize(5).allSatisfy(m -> {
            assertThat(m.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(m.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
            assertThat(m.<String>get("spec", "endpoints", 0, "port")).isEqualTo("management");
        });
    }

    @Test
    void thePartnerIngressRoutesOnlyOcpiAndThePartyApis() {
        List<HasMetadata> objects = parse(templateWithSecrets().set("ingress.enabled", true).call());
        assertThat(byName(objects, Ingress.class)).containsOnlyKeys("hub-ocpi-gateway");
        Ingress ingress = byName(objects, Ingress.class).get("hub-ocpi-gateway");
        checkPartnerIngress(ingress);
        // defaults bound slow and idle upstream connections
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "30")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "30")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-connect-timeout", "5");

        // without settlement and tracking only OCPI remains
        Ingress gatewayOnly = byName(parse(templateWithSecrets().set("ingress.enabled", true)
                .set("services.settlement.enabled", false).set("services.session-tracking.enabled", false).call()),
                Ingress.class).get("hub-ocpi-gateway");
        assertThat(gatewayOnly.getSpec().getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPath)
                        .containsExactly("/ocpi"));
    }

    @Test
    void theOperatorIngressIsOffByDefaultAndRoutesOnlyAdmin() {
        assertThat(byName(parse(templateWithSecrets().call()), Ingress.class)).isEmpty();

        List<HasMetadata> objects = parse(keep("rendered-operator-ingress.yaml", templateWithSecrets()
                .set("operatorIngress.enabled", true).set("operatorIngress.domain", "ops.chargeclear.example.com")
                .set("operatorIngress.tls.enabled", true).set("operatorIngress.tls.secretName", "ops-tls").call()));
        checkTyped(objects);
        Map<String, Ingress> ingresses = byName(objects, Ingress.class);
        // the partner ingress is not switched on with it
        assertThat(ingresses).containsOnlyKeys("hub-operator");
        Ingress operator = ingresses.get("hub-operator");
        assertThat(operator.getSpec().getRules()).extracting(IngressRule::getHost)
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream()
                        .map(s -> s + ".ops.chargeclear.example.com").toList());
        for (IngressRule rule : operator.getSpec().getRules()) {
            String service = rule.getHost().substring(0, rule.getHost().indexOf('.'));
            assertThat(rule.getHttp().getPaths()).as(rule.getHost()).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/admin");
                assertThat(p.getPathType()).isEqualTo("Prefix");
                assertThat(p.getBackend().getService().getName()).isEqualTo("hub-" + service);
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        }
        assertThat(operator.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("ops-tls");
            assertThat(tls.getHosts()).hasSize(5);
        });
    }

    @Test
    void managementPortsFollowTheServicesAndNeverShareTheApiPort() throws IOException {
        List<HasMetadata> objects = parse(templateWithSecrets().call());
        for (String name : SERVICES) {
            Properties props = new Properties();
            try (var in = Files.newBufferedReader(
                    Repo.root().resolve("services/" + name + "/src/main/resources/application.properties"))) {
                props.load(in);
            }
            assertThat(props.getProperty("quarkus.management.enabled")).as(name).isEqualTo("true");
            int port = Integer.parseInt(props.getProperty("quarkus.http.port"));
            int management = Integer.parseInt(props.getProperty("quarkus.management.port"));
            Container c = container(byName(objects, Deployment.class).get("hub-" + name));
            assertThat(c.getPorts()).as(name).extracting(p -> p.getName(), p -> p.getContainerPort())
                    .containsExactly(tuple("http", port), tuple("management", management));
        }
        assertThatThrownBy(() -> templateWithSecrets().set("services.settlement.managementPort", 8084).call())
                .hasMessageContaining("services.settlement.managementPort must differ");
    }

    static void checkPartnerIngress(Ingress ingress) {
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            List<HTTPIngressPath> paths = rule.getHttp().getPaths();
            assertThat(paths).extracting(HTTPIngressPath::getPath, HTTPIngressPath::getPathType,
                            p -> p.getBackend().getService().getName(), p -> p.getBackend().getService().getPort().getName())
                    .containsExactlyInAnyOrder(tuple("/ocpi", "Prefix", "hub-ocpi-gateway", "http"),
                            tuple("/party/settlement", "Prefix", "hub-settlement", "http"),
                            tuple("/party/tracking", "Prefix", "hub-session-tracking", "http"));
            // nothing else: no catch-all, no operator API, no management endpoint
            assertThat(paths).extracting(HTTPIngressPath::getPath)
                    .noneMatch(p -> p.equals("/") || p.startsWith("/admin") || p.startsWith("/q"));
        });
    }

    @Test
    void schemaRejectsInvalidValues() {
        assertThatThrownBy(() -> templateWithSecrets().set("services.ocpi-gateway.replicas", "many").call())
                .hasMessageContaining("schema").hasMessageContaining("replicas");
        assertThatThrownBy(() -> templateWithSecrets().set("database.port", "postgres").call())
                .hasMessageContaining("schema").hasMessageContaining("port");
        assertThatThrownBy(() -> templateWithSecrets().set("services.settlement.replcas", 2).call())
                .hasMessageContaining("schema").hasMessageContaining("replcas");
    }

    static void checkTyped(List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            String what = o.getKind() + "/" + o.getMetadata().getName();
            switch (o.getKind()) {
                case "Deployment" -> assertThat(o).as(what).isInstanceOf(Deployment.class);
                case "Service" -> assertThat(o).as(what).isInstanceOf(Service.class);
                case "ConfigMap" -> assertThat(o).as(what).isInstanceOf(ConfigMap.class);
                case "Secret" -> assertThat(o).as(what).isInstanceOf(Secret.class);
                case "HorizontalPodAutoscaler" -> assertThat(o).as(what).isInstanceOf(HorizontalPodAutoscaler.class);
                case "PodDisruptionBudget" -> assertThat(o).as(what).isInstanceOf(PodDisruptionBudget.class);
                case "Ingress" -> assertThat(o).as(what).isInstanceOf(Ingress.class);
                case "ServiceMonitor" -> assertThat(o).as(what).isInstanceOf(GenericKubernetesResource.class);
                default -> throw new AssertionError("unexpected object " + what + " (" + o.getApiVersion() + ")");
            }
            assertThat(UnknownFields.of(o)).as("unknown fields in %s", what).isEmpty();
            assertThat(o.getMetadata().getLabels()).as(what).containsEntry("app.kubernetes.io/part-of", "chargeclear");
        }
    }

    static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static void checkDeployments(List<HasMetadata> objects, Map<String, Deployment> deployments) {
        Map<String, ConfigMap> configMaps = byName(objects, ConfigMap.class);
        Map<String, Service> services = byName(objects, Service.class);
        for (String name : SERVICES) {
            String object = "hub-" + name;
            Deployment d = deployments.get(object);
            assertThat(d).as(object).isNotNull();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).hasSize(1);
            Container c = container(d);
            int port = c.getPorts().get(0).getContainerPort();

            checkProbe(c.getStartupProbe(), "/q/health/started");
            checkProbe(c.getLivenessProbe(), "/q/health/live");
            checkProbe(c.getReadinessProbe(), "/q/health/ready");

            assertThat(c.getResources().getRequests()).as(object).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(object).containsKey("memory");

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/tmp");
                assertThat(pod.getVolumes()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo(m.getName());
                    assertThat(v.getEmptyDir()).isNotNull();
                });
            });

            // non-secret settings from the service's ConfigMap
            assertThat(c.getEnvFrom()).singleElement()
                    .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(object));
            assertThat(configMaps.get(object).getData()).as(object).containsKeys(CONFIG_KEYS.toArray(String[]::new));
            // secrets from the Secret
            Set<String> expectedSecrets = TOKEN_KEY_SERVICES.contains(name)
                    ? Set.of("CHARGECLEAR_ADMIN_TOKEN", "CHARGECLEAR_DB_PASSWORD", "CHARGECLEAR_TOKEN_ENCRYPTION_KEY")
                    : Set.of("CHARGECLEAR_ADMIN_TOKEN", "CHARGECLEAR_DB_PASSWORD");
            assertThat(c.getEnv()).as(object).extracting(EnvVar::getName)
                    .containsExactlyInAnyOrderElementsOf(expectedSecrets);
            assertThat(c.getEnv()).allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());

            Service svc = services.get(object);
            assertThat(svc).as(object).isNotNull();
            assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName(), p -> p.getPort())
                    .containsExactly(tuple("http", port), tuple("management", c.getPorts().get(1).getContainerPort()));
            assertThat(svc.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void theConsoleReadsEveryServiceWithTheAdminTokenAndHasNoDatabase() throws IOException {
        List<HasMetadata> objects = parse(templateWithSecrets().call());
        Deployment console = byName(objects, Deployment.class).get("hub-console");
        assertThat(console).isNotNull();
        Container c = container(console);
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(
                Repo.root().resolve("services/console/src/main/resources/application.properties"))) {
            props.load(in);
        }
        assertThat(c.getPorts()).extracting(p -> p.getName(), p -> p.getContainerPort())
                .containsExactly(tuple("http", Integer.parseInt(props.getProperty("quarkus.http.port"))),
                        tuple("management", Integer.parseInt(props.getProperty("quarkus.management.port"))));
        checkProbe(c.getReadinessProbe(), "/q/health/ready");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getEnv()).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("CHARGECLEAR_ADMIN_TOKEN", "CHARGECLEAR_CONSOLE_SESSION_KEY");
        assertThat(c.getEnv()).allSatisfy(e -> {
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hub-secrets");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("admin-token");
        });
        assertThat(byName(objects, ConfigMap.class).get("hub-console").getData())
                .containsOnly(entry("CHARGECLEAR_REGISTRY_URL", "http://hub-party-registry:8081"),
                        entry("CHARGECLEAR_GATEWAY_URL", "http://hub-ocpi-gateway:8080"),
                        entry("CHARGECLEAR_TRACKING_URL", "http://hub-session-tracking:8082"),
                        entry("CHARGECLEAR_RATING_URL", "http://hub-cdr-rating:8083"),
                        entry("CHARGECLEAR_SETTLEMENT_URL", "http://hub-settlement:8084"));
        Service svc = byName(objects, Service.class).get("hub-console");
        assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName(), p -> p.getPort())
                .containsExactly(tuple("http", 8085), tuple("management", 9085));
        assertThat(svc.getSpec().getSelector()).isEqualTo(console.getSpec().getSelector().getMatchLabels());

        assertThat(byName(parse(templateWithSecrets().set("console.enabled", false).call()), Deployment.class))
                .doesNotContainKey("hub-console").hasSize(5);
    }

    /**
     * The console's session key: its own when the Secret holds one (given at install, or in an existing Secret), so a
     * new admin token does not end every session; the public development key is refused.
     */
    @Test
    void theConsoleTakesItsOwnSessionKeyWhenTheSecretHoldsOne() throws IOException {
        List<HasMetadata> given = parse(templateWithSecrets()
                .set("secret.consoleSessionKey", "a-console-session-key-of-this-test").call());
        assertThat(sessionKeyRef(given)).isEqualTo("hub-secrets/console-session-key");
        assertThat(byName(given, Secret.class).get("hub-secrets").getData()).containsKey("console-session-key");

        List<HasMetadata> existing = parse(template().set("secret.existingSecret", "operator-secrets")
                .set("console.sessionKeyInSecret", true).call());
        assertThat(sessionKeyRef(existing)).isEqualTo("operator-secrets/console-session-key");
        assertThat(sessionKeyRef(parse(template().set("secret.existingSecret", "operator-secrets").call())))
                .as("an existing Secret without one").isEqualTo("operator-secrets/admin-token");

        assertThatThrownBy(() -> templateWithSecrets()
                .set("secret.consoleSessionKey", "chargeclear-dev-console-session-key").call())
                .hasMessageContaining("public development key");
        assertThatThrownBy(() -> templateWithSecrets().set("secret.consoleSessionKey", "too-short").call())
                .hasMessageContaining("consoleSessionKey");
    }

    private static String sessionKeyRef(List<HasMetadata> objects) {
        EnvVar key = container(byName(objects, Deployment.class).get("hub-console")).getEnv().stream()
                .filter(e -> e.getName().equals("CHARGECLEAR_CONSOLE_SESSION_KEY")).findFirst().orElseThrow();
        return key.getValueFrom().getSecretKeyRef().getName() + "/" + key.getValueFrom().getSecretKeyRef().getKey();
    }

    static void checkProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        // health is served on the management interface only
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }
}
