package io.chargeclear.partners;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Replays the hub's routing scenario against a running hub ({@code scripts/hub up}), as six real partner
 * platforms on loopback ports: CPOs NL*DC1 and NL*DC2, eMSPs DE*DM1 (holding the EMAID provider id DEDM1, for
 * Plug &amp; Charge) and DE*DM2 on OCPI 2.2.1, CPO CA*QC1 in Québec on OCPI 2.3.0, and the payment terminal provider
 * CA*TRM on OCPI 2.3.0. They register at the party registry, connect through the OCPI credentials handshake (each
 * on its own version), get agreements (DC1-DM1, DC2-DM1, DC2-DM2, QC1-DM1 with a hub fee per session in EUR and
 * CAD, QC1-TRM for payments and the charge's modules without a hub fee; none between DC1 and DM2) and then push,
 * pull, authorize and command through the hub, one printed line per step.
 * <p>
 * Usage: {@code PartnersDemo [--stay]}. Without {@code --stay} the process exits 0 once every step had its
 * expected outcome, 1 at the first that did not. With {@code --stay} the partners stay connected until Ctrl-C,
 * and their tokens and ready-to-paste curl commands are printed. Either way the partners unregister from the hub
 * (OCPI credentials DELETE) before they close, so the hub keeps nothing queued for platforms that are gone.
 * <p>
 * Settings come from {@code CHARGECLEAR_GATEWAY_URL}, {@code CHARGECLEAR_REGISTRY_URL},
 * {@code CHARGECLEAR_RATING_URL}, {@code CHARGECLEAR_SETTLEMENT_URL} and {@code CHARGECLEAR_ADMIN_TOKEN} ({@link Settings}). Data kept from an earlier run is reused: the platforms get a
 * new token A, agreements that exist are kept, and the objects pushed get ids unique to the run.
 */
public final class PartnersDemo {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration LEAVE = Duration.ofSeconds(10);
    private static final String RECEIVER_ROW = "    %-22s %7s %6s %17s  %s%n";

    private final Settings settings;
    private final AdminApi admin;
    private final PrintStream out;
    private final DemoPartner cpo1;
    private final DemoPartner cpo2;
    private final DemoPartner emsp1;
    private final DemoPartner emsp2;
    private final DemoPartner cpoQuebec;
    private final DemoPartner terminals;
    private final List<DemoPartner> partners;
    /** Each connected partner's platform id at the registry. */
    private final Map<DemoPartner, String> platformIds = new LinkedHashMap<>();
    /** What the demo is doing, for the message when it fails. */
    private String step = "starting";

    PartnersDemo(Settings settings, PrintStream out) {
        this.settings = settings;
        this.admin = new AdminApi(settings);
        this.out = out;
        this.cpo1 = new DemoPartner("Demo CPO 1", OcpiPartner.cpo("NL", "DC1", "demo-dc1-token-b"));
        this.cpo2 = new DemoPartner("Demo CPO 2", OcpiPartner.cpo("NL", "DC2", "demo-dc2-token-b"));
        this.emsp1 = new DemoPartner("Demo eMSP 1", OcpiPartner.emsp("DE", "DM1", "demo-dm1-token-b"),
                List.of("DEDM1"));
        this.emsp2 = new DemoPartner("Demo eMSP 2", OcpiPartner.emsp("DE", "DM2", "demo-dm2-token-b"));
        this.cpoQuebec = new DemoPartner("Demo CPO Quebec",
                OcpiPartner.cpo("CA", "QC1", "demo-qc1-token-b").onVersion("2.3.0"));
        this.terminals = new DemoPartner("Demo Terminals",
                OcpiPartner.paymentTerminalProvider("CA", "TRM", "demo-trm-token-b"));
        this.partners = List.of(cpo1, cpo2, emsp1, emsp2, cpoQuebec, terminals);
    }

    public static void main(String[] args) {
        boolean stay = args.length == 1 && args[0].equals("--stay");
        if (args.length > 1 || (args.length == 1 && !stay)) {
            System.err.println("usage: PartnersDemo [--stay]");
            System.exit(2);
        }
        PartnersDemo demo = new PartnersDemo(Settings.from(System.getenv()), System.out);
        System.exit(demo.run(stay));
    }

    /** Plays the scenario; with {@code stay}, returns only when the process is stopped. The exit code. */
    int run(boolean stay) {
        RoutingScenario scenario;
        try {
            scenario = play();
        } catch (DemoFailure | AssertionError | IllegalStateException | UncheckedIOException e) {
            out.flush();
            System.err.printf("partners: %s failed: %s%n", step, e.getMessage());
            leaveHub();
            return 1;
        }
        if (stay) {
            stayConnected(scenario);
        } else {
            leaveHub();
        }
        return 0;
    }

    private RoutingScenario play() {
        step = "starting the partner platforms";
        for (DemoPartner partner : partners) {
            partner.platform().start();
            out.printf("%s %s (%s) serves OCPI %s at %s%n", partner.label(), partner.name(), partner.role(),
                    partner.platform().version(), partner.platform().versionsUrl());
        }
        Onboarding onboarding = new Onboarding(settings, admin, out);
        for (DemoPartner partner : partners) {
            step = "connecting " + partner.label();
            platformIds.put(partner, onboarding.connect(partner));
        }
        onboarding.printRoutingTable();
        step = "agreeing who roams with whom";
        onboarding.agree(List.of(new Onboarding.Pair(cpo1, emsp1), new Onboarding.Pair(cpo2, emsp1),
                new Onboarding.Pair(cpo2, emsp2), new Onboarding.Pair(cpoQuebec, emsp1, List.of(
                        new Onboarding.Fee("0.10", "EUR"), new Onboarding.Fee("0.15", "CAD")))
                        .needing("tokens", "sessions", "cdrs"),
                Onboarding.Pair.only(cpoQuebec, terminals, "0", "payments", "commands", "sessions", "cdrs")),
                new Onboarding.Pair(cpo1, emsp2));
        step = "routing";
        RoutingScenario scenario = new RoutingScenario(cpo1, cpo2, emsp1, emsp2, out, runId(),
                this::queueState, admin, cpoQuebec, terminals);
        scenario.play();
        step = "reading the delivery queue";
        printDeliveries(Set.copyOf(platformIds.values()));
        return scenario;
    }

    /** Waits until the demo platforms' queues are empty, then prints every receiver's queue. */
    private void printDeliveries(Set<String> platforms) {
        try {
            Waiting.until("the hub delivered everything queued for the demo partners", DRAIN, () -> {
                for (JsonNode receiver : admin.gatewayGet("/admin/deliveries/receivers")) {
                    if (platforms.contains(receiver.path("platform_id").asText())
                            && receiver.path("pending").asLong() > 0) {
                        return false;
                    }
                }
                return true;
            });
        } catch (DemoFailure stillPending) {
            out.println("some deliveries are still pending after " + DRAIN.toSeconds() + " s:");
        }
        Map<String, String> names = new HashMap<>();
        admin.registryGet("/admin/platforms").forEach(p -> names.put(p.path("id").asText(), p.path("name").asText()));
        out.println("the gateway's delivery queue per receiver (GET /admin/deliveries/receivers):");
        out.printf(RECEIVER_ROW, "receiver", "pending", "failed", "failures in a row", "last error");
        for (JsonNode receiver : admin.gatewayGet("/admin/deliveries/receivers")) {
            String id = receiver.path("platform_id").asText();
            out.printf(RECEIVER_ROW, names.getOrDefault(id, id), receiver.path("pending").asLong(),
                    receiver.path("failed").asLong(), receiver.path("consecutive_failures").asInt(),
                    receiver.path("last_error").asText("-"));
        }
    }

    private void stayConnected(RoutingScenario scenario) {
        HandsOn handsOn = new HandsOn(partners, out);
        Optional<Path> variablesFile = settings.partnersEnv().map(Path::of);
        variablesFile.ifPresent(file -> writeVariables(file, handsOn.variables()));
        handsOn.printExamples(cpo1, emsp1, scenario);
        variablesFile.ifPresent(file -> out.printf("The variables are also in %s (source it)%n", file));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread watcher = new Thread(handsOn::watch, "partners-watch");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watcher.interrupt();
            variablesFile.ifPresent(PartnersDemo::deleteVariables);
            leaveHub();
            stopped.countDown();
        }, "partners-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the partners' token C headers as shell variables to {@code file}, for a guide to source. */
    private static void writeVariables(Path file, String variables) {
        try {
            Files.writeString(file, "# the demo partners' token C headers, while scripts/partners --stay runs\n"
                    + variables + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the variables once the tokens stop working. */
    private static void deleteVariables(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.printf("partners: cannot remove %s: %s%n", file, e.getMessage());
        }
    }

    /** How the hub's delivery queue for {@code partner} stands, for a failure message. */
    private String queueState(DemoPartner partner) {
        String platformId = platformIds.get(partner);
        try {
            for (JsonNode receiver : admin.gatewayGet("/admin/deliveries/receivers")) {
                if (receiver.path("platform_id").asText().equals(platformId)) {
                    return "the hub's delivery queue for it: " + receiver.path("pending").asLong() + " pending, "
                            + receiver.path("consecutive_failures").asInt() + " failures in a row, next attempt at "
                            + receiver.path("next_attempt_at").asText() + ", last error: "
                            + receiver.path("last_error").asText("none");
                }
            }
            return "the hub has queued nothing for it";
        } catch (DemoFailure unreadable) {
            return "its delivery queue at the hub cannot be read: " + unreadable.getMessage();
        }
    }

    /**
     * Unregisters the connected partners from the hub (OCPI credentials DELETE) one after the other and closes
     * them. After each one leaves, the hub tells the partners still connected (HubClientInfo); waiting for that
     * before the next one leaves means nothing stays queued for a platform that is gone, so a later run finds
     * every delivery queue empty instead of backing off.
     */
    private void leaveHub() {
        List<String> outcomes = new ArrayList<>();
        List<DemoPartner> connected = new ArrayList<>(partners.stream()
                .filter(partner -> partner.platform().tokenC() != null).toList());
        while (!connected.isEmpty()) {
            DemoPartner leaving = connected.remove(0);
            String announcement = "/hubclientinfo/receiver/" + leaving.platform().countryCode() + "/"
                    + leaving.platform().partyId();
            Map<DemoPartner, Integer> before = new HashMap<>();
            connected.forEach(partner -> before.put(partner, partner.platform().received("PUT", announcement).size()));
            Answer answer;
            try {
                answer = leaving.platform().call("DELETE", "credentials", "SENDER", "", null, Target.none());
            } catch (RuntimeException | AssertionError e) {
                outcomes.add(leaving.label() + " failed (" + e.getMessage() + ")");
                continue;
            }
            boolean told = Waiting.within(LEAVE, () -> connected.stream().allMatch(partner ->
                    partner.platform().received("PUT", announcement).size() > before.get(partner)));
            outcomes.add(leaving.label() + " " + answer.statusCode() + (told ? "" : " (the others not yet told)"));
        }
        partners.forEach(partner -> partner.platform().close());
        out.println(outcomes.isEmpty() ? "the partners closed"
                : "the partners unregistered (credentials DELETE: " + String.join(", ", outcomes) + ") and closed");
    }

    /** A short id unique to this run: the current second in base 36, e.g. {@code T5M2KQ}. */
    private static String runId() {
        return Long.toString(Instant.now().getEpochSecond(), 36).toUpperCase(Locale.ROOT);
    }
}
