package io.chargeclear.partners;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.chargeclear.testkit.partner.Target;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Function;

/**
 * A driver without a roaming contract pays by card at a payment terminal by the charger (OCPI 2.3.0 payments,
 * ADR 0031): the payment terminal provider posts its terminal to the CPO, starts the charge with its own token and
 * an {@code authorization_reference}, receives the CPO's session and CDR as an eMSP would, and confirms the amount
 * its payment service provider captured. The confirmation names no CPO: the hub finds it by the reference on the
 * session it delivered. The session ended yesterday, so the settlement run that follows shows where a terminal-paid
 * CDR lands: on no eMSP's statement.
 */
final class TerminalPaidCharge {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * What the card paid, in CAD: 25 kWh at 0.40 before taxes, GST 5 % and QST 9.975 %, the QST stated to the cent
     * because the CPO invoices the driver and the terminal captured cents; the CDR and the confirmation carry the same
     * lines.
     */
    private static final BigDecimal BEFORE_TAXES = new BigDecimal("10.00");
    private static final BigDecimal GST = new BigDecimal("0.50");
    private static final BigDecimal QST = new BigDecimal("1.00");
    private static final BigDecimal TOTAL = BEFORE_TAXES.add(GST).add(QST);

    private final DemoPartner cpo;
    private final DemoPartner provider;
    private final PrintStream out;
    private final String run;
    private final Function<DemoPartner, String> queueState;
    private final AdminApi admin;

    /**
     * @param cpo      a CPO platform on OCPI 2.3.0 in Canada, under an agreement with {@code provider} covering
     *                 payments, commands, sessions and cdrs
     * @param provider a payment terminal provider's platform on OCPI 2.3.0
     */
    TerminalPaidCharge(DemoPartner cpo, DemoPartner provider, PrintStream out, String run,
                       Function<DemoPartner, String> queueState, AdminApi admin) {
        this.cpo = cpo;
        this.provider = provider;
        this.out = out;
        this.run = run;
        this.queueState = queueState;
        this.admin = admin;
    }

    /** The payment terminal provider. */
    DemoPartner provider() {
        return provider;
    }

    /** Plays the charge at the CPO's location {@code locationId}, from the terminal to the confirmation; the CDR's id. */
    String play(String locationId) {
        postTerminal(locationId);
        String reference = "pp-demo-" + run.toLowerCase(Locale.ROOT);
        startSession(locationId, reference);
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(4, ChronoUnit.HOURS);
        Instant start = end.minus(1, ChronoUnit.HOURS);
        String sessionId = "SES-" + cpo.platform().partyId() + "-" + run + "-T";
        String uid = "CARD-" + run;
        String cdrToken = OcpiObjects.cdrToken(provider.platform().countryCode(), provider.platform().partyId(), uid,
                "AD_HOC_USER", uid);
        session(sessionId, locationId, cdrToken, reference, start, end);
        String cdrId = cdr(sessionId, locationId, cdrToken, reference, start, end);
        confirm(reference, cdrId);
        return cdrId;
    }

    private void postTerminal(String locationId) {
        OcpiPartner p = provider.platform();
        OcpiPartner c = cpo.platform();
        String terminalId = "TRM-" + c.partyId() + "-1";
        Answer answer = p.call("POST", "payments", "RECEIVER", "terminals",
                OcpiObjects.terminal(terminalId, locationId), Target.party(c.countryCode(), c.partyId()));
        RoutingScenario.expect(answer, provider.label() + " POST terminal " + terminalId);
        Received received = awaitAt(cpo, "POST", "/payments/receiver/terminals");
        out.printf("%s (payment terminal provider, OCPI %s) POST terminal %s at %s, invoice_creator CPO (TO %s): %d;"
                        + " %s received it (FROM %s)%n", provider.label(), p.version(),
                received.json().path("terminal_id").asText(), locationId, cpo.label(), answer.statusCode(),
                cpo.label(), RoutingScenario.from(received));
    }

    /**
     * The provider starts the charge once the card is authorized at its payment service provider; its
     * {@code response_url} is on its own platform (the hub refuses other hosts) and gets the CPO's result.
     */
    private void startSession(String locationId, String reference) {
        OcpiPartner p = provider.platform();
        OcpiPartner c = cpo.platform();
        String resultPath = "/START_SESSION/" + reference;
        String responseUrl = p.endpointUrl("commands") + resultPath;
        Answer answer = p.call("POST", "commands", "RECEIVER", "START_SESSION",
                OcpiObjects.terminalStartSession(responseUrl, p.countryCode(), p.partyId(), "CARD-" + run, locationId,
                        reference), Target.party(c.countryCode(), c.partyId()));
        RoutingScenario.expect(answer, provider.label() + " START_SESSION");
        Received atCpo = awaitAt(cpo, "POST", "START_SESSION");
        if (!reference.equals(atCpo.json().path("authorization_reference").asText())) {
            throw new DemoFailure(cpo.label() + " got START_SESSION with authorization_reference "
                    + atCpo.json().path("authorization_reference").asText() + " instead of " + reference);
        }
        if (responseUrl.equals(atCpo.json().path("response_url").asText())) {
            throw new DemoFailure(cpo.label() + " got " + provider.label() + "'s own response_url instead of a hub URL");
        }
        Received result = awaitAt(provider, "POST", resultPath);
        out.printf("%s START_SESSION at %s EVSE-1 for the card payment %s, its own token AD_HOC_USER (TO %s): %d %s;"
                        + " %s received it with that authorization_reference and a hub response_url; its result %s"
                        + " reached %s's own response_url (FROM %s)%n", provider.label(), locationId, reference,
                cpo.label(), answer.statusCode(), answer.data().path("result").asText(), cpo.label(),
                result.json().path("result").asText(), provider.label(), RoutingScenario.from(result));
    }

    private void session(String sessionId, String locationId, String cdrToken, String reference, Instant start,
                         Instant end) {
        OcpiPartner c = cpo.platform();
        String path = "/" + c.countryCode() + "/" + c.partyId() + "/" + sessionId;
        Answer answer = c.call("PUT", "sessions", "RECEIVER", path, OcpiObjects.completedSession230(c.partyId(),
                sessionId, locationId, cdrToken, "COMMAND", reference, start, end), Target.none());
        RoutingScenario.expect(answer, cpo.label() + " PUT session " + sessionId);
        Received received = awaitAt(provider, "PUT", path);
        out.printf("%s PUT session %s, cdr_token %s AD_HOC_USER, authorization_reference %s (no TO: routed to the"
                        + " cdr_token's party): %d; %s received it (FROM %s)%n", cpo.label(), sessionId,
                provider.label(), received.json().path("authorization_reference").asText(), answer.statusCode(),
                provider.label(), RoutingScenario.from(received));
    }

    private String cdr(String sessionId, String locationId, String cdrToken, String reference, Instant start,
                       Instant end) {
        OcpiPartner c = cpo.platform();
        String cdrId = "CDR-" + c.partyId() + "-" + run + "-T";
        String invoice = "INV-" + c.partyId() + "-" + run;
        String extra = "\"session_id\": \"" + sessionId + "\", \"authorization_reference\": \"" + reference
                + "\", \"invoice_reference_id\": \"" + invoice + "\",";
        Answer answer = c.call("POST", "cdrs", "RECEIVER", "", OcpiObjects.cdr230(c.partyId(), cdrId, locationId,
                cdrToken, "COMMAND", extra, QST.toPlainString(), start, end), Target.none());
        RoutingScenario.expect(answer, cpo.label() + " POST CDR " + cdrId);
        Received[] received = new Received[1];
        if (!Waiting.within(WAIT, () -> provider.platform().received("POST", "/cdrs").stream()
                .filter(r -> cdrId.equals(r.json().path("id").asText())).findFirst()
                .map(r -> (received[0] = r) != null).orElse(false))) {
            throw new DemoFailure(provider.label() + " did not receive CDR " + cdrId + "; "
                    + queueState.apply(provider));
        }
        JsonNode rating = CrossVersionRoaming.rating(admin, cpo, cdrId);
        out.printf("%s POST CDR %s, ended yesterday at %s, invoice_reference_id %s, total_cost {before_taxes %s,"
                        + " taxes GST 5%% %s, QST 9.975%% %s} = %s CAD (no TO): %d; %s received it; cdr-rating rated it"
                        + " %s %s, hub fee %s%n", cpo.label(), cdrId, end,
                received[0].json().path("invoice_reference_id").asText(), BEFORE_TAXES.toPlainString(),
                GST.toPlainString(), QST.toPlainString(), TOTAL.toPlainString(), answer.statusCode(),
                provider.label(), rating.path("total_cost").path("incl_vat").asText(),
                rating.path("currency").asText(), rating.path("hub_fee").asText());
        return cdrId;
    }

    /**
     * The provider confirms the capture without OCPI-to headers; the hub finds the CPO by the session's
     * {@code authorization_reference}, and the CPO receives the amount the card paid, the CDR's total.
     */
    private void confirm(String reference, String cdrId) {
        OcpiPartner p = provider.platform();
        String id = "FAC-" + run;
        Answer answer = p.call("POST", "payments", "RECEIVER", "financial-advice-confirmations",
                OcpiObjects.financialAdviceConfirmation(id, reference, BEFORE_TAXES.toPlainString(),
                        GST.toPlainString(), QST.toPlainString(), TOTAL.toPlainString()), Target.none());
        RoutingScenario.expect(answer, provider.label() + " POST financial advice confirmation " + id);
        Received received = Waiting.within(WAIT, () -> !cpo.platform()
                .received("POST", "/financial-advice-confirmations").isEmpty())
                ? cpo.platform().received("POST", "/financial-advice-confirmations").get(0) : null;
        if (received == null) {
            throw new DemoFailure(cpo.label() + " did not receive financial advice confirmation " + id + "; "
                    + queueState.apply(cpo));
        }
        JsonNode costs = received.json().path("total_costs");
        BigDecimal captured = costs.path("before_taxes").decimalValue();
        for (JsonNode tax : costs.path("taxes")) {
            captured = captured.add(tax.path("amount").decimalValue());
        }
        if (captured.compareTo(TOTAL) != 0) {
            throw new DemoFailure(cpo.label() + " received a confirmation of " + captured + " CAD instead of "
                    + TOTAL + ", the total of CDR " + cdrId);
        }
        String message = answer.json().path("status_message").asText("");
        out.printf("%s POST financial advice confirmation %s for %s, SUCCESS with eft_data (no TO: the hub finds %s"
                        + " by the session's authorization_reference): %d%s; %s received it: total_costs"
                        + " {before_taxes %s, taxes %s} = %s %s, the total of CDR %s%n", provider.label(), id,
                reference, cpo.label(), answer.statusCode(), message.isBlank() ? "" : " (" + message + ")",
                cpo.label(), CrossVersionRoaming.money(costs.path("before_taxes")),
                CrossVersionRoaming.taxes(costs.path("taxes"), "amount"), TOTAL.toPlainString(),
                received.json().path("currency").asText(), cdrId);
    }

    private Received awaitAt(DemoPartner receiver, String method, String pathContains) {
        try {
            return receiver.platform().awaitReceived(method, pathContains, WAIT);
        } catch (AssertionError notReceived) {
            throw new DemoFailure(receiver.label() + ": " + notReceived.getMessage() + "; "
                    + queueState.apply(receiver));
        }
    }
}
