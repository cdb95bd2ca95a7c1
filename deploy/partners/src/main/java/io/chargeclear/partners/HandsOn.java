package io.chargeclear.partners;

import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --stay}: the partners stay connected so that a person can call the hub as one of them. Prints each
 * partner's token C and ready-to-paste curl commands, then reports every request the hub delivers to a partner as
 * it arrives, and whether the partner took it.
 */
final class HandsOn {

    private static final Duration POLL = Duration.ofMillis(300);

    private final List<DemoPartner> partners;
    private final PrintStream out;

    HandsOn(List<DemoPartner> partners, PrintStream out) {
        this.partners = partners;
        this.out = out;
    }

    /** Prints the tokens and curl examples for {@code scenario}'s objects. */
    void printExamples(DemoPartner cpo, DemoPartner emsp, RoutingScenario scenario) {
        out.println();
        out.println("The partners stay connected until Ctrl-C (then they unregister). Their token C"
                + " (Authorization: Token base64(token C)):");
        for (DemoPartner partner : partners) {
            out.printf("  %-7s %-12s %-5s token C %s  ->  Authorization: Token %s%n", partner.label(), partner.name(),
                    partner.role(), partner.platform().tokenC(), AdminApi.base64(partner.platform().tokenC()));
        }
        out.println("The same as shell variables, for the commands in docs/operations/routing.md:");
        out.println("  " + variables());
        OcpiPartner e = emsp.platform();
        OcpiPartner c = cpo.platform();

        out.println();
        out.printf("GET all locations from the hub as %s, two per page (follow the Link header for the next):%n",
                emsp.label());
        out.println(curl("GET", e.hubUrl("locations", "SENDER") + "?limit=2", emsp, true, null));

        out.println();
        out.printf("Real-time authorization as %s of %s's token %s (no TO headers: the hub finds the eMSP):%n",
                cpo.label(), emsp.label(), scenario.tokenUid());
        out.println(curl("POST", c.hubUrl("tokens", "SENDER") + "/" + scenario.tokenUid() + "/authorize?type=RFID",
                cpo, false, OcpiObjects.authorizationAt(scenario.cpo1Location())));

        out.println();
        String location = "LOC-" + c.partyId() + "-HANDS-ON";
        out.printf("A location PUT as %s, broadcast by the hub to the eMSPs it has an agreement with:%n", cpo.label());
        out.println(curl("PUT", c.hubUrl("locations", "RECEIVER") + "/" + c.countryCode() + "/" + c.partyId() + "/"
                + location, cpo, true, OcpiObjects.oneLine(OcpiObjects.location(c.partyId(), location))));
        out.println();
        out.println("Requests the hub delivers to the partners from now on:");
    }

    /**
     * Each partner's {@code Authorization} header with its token C as a shell variable named by its party id, on one
     * line: {@code DC1='Authorization: Token ...'; DC2=...;}.
     */
    String variables() {
        StringBuilder variables = new StringBuilder();
        for (DemoPartner partner : partners) {
            variables.append(variables.isEmpty() ? "" : " ").append(partner.platform().partyId())
                    .append("='Authorization: Token ").append(AdminApi.base64(partner.platform().tokenC()))
                    .append("';");
        }
        return variables.toString();
    }

    /**
     * Reports every request a partner receives from now on, with what the partner answered, until the thread is
     * interrupted: "received" for what it took (OCPI 1xxx), "refused" for the rest (e.g. a token it does not know,
     * a module or version it does not serve), with the HTTP status and OCPI status code. A request is reported
     * once its answer is known, in the order the partner received them.
     */
    void watch() {
        List<Integer> seen = new ArrayList<>();
        partners.forEach(partner -> seen.add(partner.platform().received().size()));
        while (!Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < partners.size(); i++) {
                List<Received> received = partners.get(i).platform().received();
                int next = seen.get(i);
                while (next < received.size() && received.get(next).answer() != null) {
                    out.println(line(partners.get(i), received.get(next++)));
                }
                seen.set(i, next);
            }
            Waiting.pause(POLL);
        }
    }

    /** E.g. {@code NL*DC1 received PUT /ocpi/... (FROM DE*DM1) (answered 1000)}. */
    private static String line(DemoPartner partner, Received request) {
        String from = request.header("OCPI-from-party-id") == null ? ""
                : " (FROM " + request.header("OCPI-from-country-code") + "*" + request.header("OCPI-from-party-id")
                + ")";
        return String.format("  %s %s %s %s%s (answered %s)", partner.label(),
                request.answer().accepted() ? "received" : "refused", request.method(), request.path(), from,
                request.answer());
    }

    /** A curl command as {@code partner}, with its token C and routing headers, split over lines for pasting. */
    private static String curl(String method, String url, DemoPartner partner, boolean toHub, String body) {
        OcpiPartner platform = partner.platform();
        StringBuilder command = new StringBuilder("  curl -si");
        if (!method.equals("GET")) {
            command.append(" -X ").append(method);
        }
        command.append(" '").append(url).append("' \\\n")
                .append("    -H 'Authorization: Token ").append(AdminApi.base64(platform.tokenC())).append("' \\\n")
                .append("    -H 'OCPI-from-country-code: ").append(platform.countryCode())
                .append("' -H 'OCPI-from-party-id: ").append(platform.partyId()).append('\'');
        if (toHub) {
            command.append(" \\\n    -H 'OCPI-to-country-code: ").append(platform.hubCountryCode())
                    .append("' -H 'OCPI-to-party-id: ").append(platform.hubPartyId()).append('\'');
        }
        if (body != null) {
            command.append(" \\\n    -H 'Content-Type: application/json' -d '").append(body).append('\'');
        }
        return command.toString();
    }
}
