package io.chargeclear.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.chargeclear.testkit.partner.Target;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A CPO in Québec on OCPI 2.3.0 roaming with an eMSP on 2.2.1 (ADR 0024, 0026): its tariff, location and a CDR in
 * CAD with GST and QST as separate lines reach the eMSP rendered for 2.2.1, and the hub rates the CDR keeping the
 * CPO's tax lines. The CDR's session ended yesterday, so the settlement run that follows issues its CAD statement
 * beside the EUR one. Each step prints what one side sent and what the other received.
 */
final class CrossVersionRoaming {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DemoPartner cpo;
    private final DemoPartner emsp;
    private final PrintStream out;
    private final String run;
    private final Function<DemoPartner, String> queueState;
    private final AdminApi admin;

    /**
     * @param cpo  a CPO platform on OCPI 2.3.0 in Canada, under an agreement with {@code emsp}
     * @param emsp an eMSP platform on OCPI 2.2.1 that already pushed the token {@code tokenUid} of {@link #play}
     */
    CrossVersionRoaming(DemoPartner cpo, DemoPartner emsp, PrintStream out, String run,
                        Function<DemoPartner, String> queueState, AdminApi admin) {
        this.cpo = cpo;
        this.emsp = emsp;
        this.out = out;
        this.run = run;
        this.queueState = queueState;
        this.admin = admin;
    }

    /** The CPO on OCPI 2.3.0. */
    DemoPartner cpo() {
        return cpo;
    }

    /** The CPO's location in Montréal, priced by its CAD tariff, which the later charges there use too. */
    String locationId() {
        return "LOC-" + cpo.platform().partyId() + "-" + run;
    }

    /** Plays the steps with a session charged to the eMSP's token {@code tokenUid}; the CDR's id. */
    String play(String tokenUid) {
        String locationId = pushTariffAndLocation();
        String cdrId = postCdr(locationId, tokenUid);
        rated(cdrId);
        out.printf("settlement booked it: %s%n", RoutingScenario.booked(admin, cpo, cdrId));
        return cdrId;
    }

    private String pushTariffAndLocation() {
        OcpiPartner platform = cpo.platform();
        String tariffId = "TAR-" + platform.partyId() + "-" + run;
        String tariffPath = "/CA/" + platform.partyId() + "/" + tariffId;
        RoutingScenario.expect(platform.call("PUT", "tariffs", "RECEIVER", tariffPath,
                OcpiObjects.tariff230(platform.partyId(), tariffId), Target.hub()), cpo.label() + " PUT tariff");
        Received tariff = awaitAt("PUT", tariffPath);
        String locationId = locationId();
        String locationPath = "/CA/" + platform.partyId() + "/" + locationId;
        RoutingScenario.expect(platform.call("PUT", "locations", "RECEIVER", locationPath,
                OcpiObjects.location230(platform.partyId(), locationId, tariffId), Target.hub()),
                cpo.label() + " PUT location");
        awaitAt("PUT", locationPath);
        out.printf("%s (OCPI %s) PUT tariff %s, 0.40 CAD/kWh before taxes, tax_included NO, and location %s in"
                        + " Montréal, QC (TO hub): 1000 each; %s (OCPI %s) received both, the tariff %s%n",
                cpo.label(), platform.version(), tariffId, locationId, emsp.label(), emsp.platform().version(),
                tariff.json().has("tax_included") ? "still with tax_included"
                        : "without tax_included (2.2.1 has none)");
        return locationId;
    }

    private String postCdr(String locationId, String tokenUid) {
        OcpiPartner platform = cpo.platform();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(6, ChronoUnit.HOURS);
        String cdrId = "CDR-" + platform.partyId() + "-" + run;
        String body = OcpiObjects.cdr230(platform.partyId(), cdrId, locationId, emsp.platform().partyId(), tokenUid,
                end.minus(1, ChronoUnit.HOURS), end);
        Answer answer = platform.call("POST", "cdrs", "RECEIVER", "", body, Target.none());
        RoutingScenario.expect(answer, cpo.label() + " POST CDR " + cdrId);
        JsonNode sent = json(body).path("total_cost");
        out.printf("%s POST CDR %s, 25 kWh in Montréal, QC, ended yesterday at %s: %d; it sent total_cost"
                        + " {before_taxes %s, taxes %s} CAD%n", cpo.label(), cdrId, end, answer.statusCode(),
                money(sent.path("before_taxes")), taxes(sent.path("taxes"), "amount"));
        Received[] received = new Received[1];
        boolean arrived = Waiting.within(WAIT, () -> emsp.platform().received("POST", "/cdrs").stream()
                .filter(r -> cdrId.equals(r.json().path("id").asText())).findFirst()
                .map(r -> (received[0] = r) != null).orElse(false));
        if (!arrived) {
            throw new DemoFailure(emsp.label() + " did not receive CDR " + cdrId + "; " + queueState.apply(emsp));
        }
        JsonNode got = received[0].json().path("total_cost");
        out.printf("%s (OCPI %s) received it rendered for 2.2.1: total_cost {excl_vat %s, incl_vat %s} %s, the taxes"
                        + " summed%n", emsp.label(), emsp.platform().version(), money(got.path("excl_vat")),
                money(got.path("incl_vat")), received[0].json().path("currency").asText());
        return cdrId;
    }

    /** cdr-rating rates the 2.3.0 CDR with the 2.3.0 tariff and keeps the CPO's GST and QST lines. */
    private void rated(String cdrId) {
        String path = ratingPath(cpo, cdrId);
        JsonNode r = rating(admin, cpo, cdrId);
        JsonNode total = r.path("total_cost");
        out.printf("cdr-rating rated CDR %s with tariff %s (GET %s): %s before taxes + %s = %s %s; %s pays %s, %s"
                        + " receives %s, hub fee %s%s%n", cdrId,
                r.path("tariff_id").asText(), path, total.path("excl_vat").asText(),
                taxes(total.path("taxes"), "amount"), total.path("incl_vat").asText(), r.path("currency").asText(),
                emsp.label(), r.path("emsp_payable").asText(), cpo.label(), r.path("cpo_receivable").asText(),
                r.path("hub_fee").asText(), r.hasNonNull("hub_fee_note") ? " (" + r.path("hub_fee_note").asText() + ")"
                        : " (the agreement's percentage and its per-session amount in CAD)");
    }

    /** {@code /admin/rating/cdrs/CA/QC1/<cdr id>}: where cdr-rating shows its rating of the CPO's CDR. */
    static String ratingPath(DemoPartner cpo, String cdrId) {
        return "/admin/rating/cdrs/" + cpo.platform().countryCode() + "/" + cpo.platform().partyId() + "/" + cdrId;
    }

    /** Waits until cdr-rating has RATED the CPO's CDR and returns its rating; fails saying why when it does not. */
    static JsonNode rating(AdminApi admin, DemoPartner cpo, String cdrId) {
        JsonNode[] rating = new JsonNode[1];
        boolean rated = Waiting.within(WAIT, () -> admin.ratingFind(ratingPath(cpo, cdrId))
                .map(found -> (rating[0] = found).path("status").asText().equals("RATED")).orElse(false));
        if (!rated) {
            throw new DemoFailure("CDR " + cdrId + " was not rated in time: " + (rating[0] == null ? "no rating"
                    : rating[0].path("status").asText() + " " + rating[0].path("reasons") + " "
                    + rating[0].path("details")));
        }
        return rating[0];
    }

    /**
     * Tax lines as {@code GST 5% 0.50, QST 9.975% 1.00}: name, percentage when there is one, and the amount found
     * under {@code amountField} (a number or a decimal string, or a Money object's {@code amount}).
     */
    static String taxes(JsonNode lines, String amountField) {
        List<String> shown = new ArrayList<>();
        for (JsonNode line : lines) {
            JsonNode amount = line.path(amountField);
            shown.add(line.path("name").asText() + (line.path("percentage").isNull()
                    || line.path("percentage").isMissingNode() ? "" : " " + line.path("percentage").asText() + "%")
                    + " " + money(amount.isObject() ? amount.path("amount") : amount));
        }
        return shown.isEmpty() ? "none" : String.join(", ", shown);
    }

    /**
     * An amount as a person reads it, with at least two decimals ({@code 10.00}, {@code 0.9975}): JSON numbers
     * lose their trailing zeros when parsed, decimal strings are shown as they came.
     */
    static String money(JsonNode amount) {
        if (!amount.isNumber()) {
            return amount.asText();
        }
        BigDecimal value = amount.decimalValue().stripTrailingZeros();
        return value.setScale(Math.max(2, value.scale())).toPlainString();
    }

    static JsonNode json(String body) {
        try {
            return OcpiJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the demo's own object is not JSON", e);
        }
    }

    private Received awaitAt(String method, String pathContains) {
        try {
            return emsp.platform().awaitReceived(method, pathContains, WAIT);
        } catch (AssertionError notReceived) {
            throw new DemoFailure(emsp.label() + ": " + notReceived.getMessage() + "; " + queueState.apply(emsp));
        }
    }
}
