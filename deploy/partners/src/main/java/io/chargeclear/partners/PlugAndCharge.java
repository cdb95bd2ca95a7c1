package io.chargeclear.partners;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.chargeclear.testkit.partner.Target;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Plug &amp; Charge (ADR 0029): the car presents its contract certificate at the station of the CPO on OCPI 2.3.0, which
 * learns only the contract id, an EMAID of the eMSP, and does not know who issued it. It asks the hub without routing
 * headers; the hub routes by the contract id's provider id, which the operator registered for the eMSP, and asks the
 * eMSP on 2.2.1 with {@code type=OTHER}, since 2.2.1 has no {@code EMAID}. The session and CDR then name the eMSP in
 * their {@code cdr_token} and are routed, rated and settled like any other: the session ended yesterday, so its CDR
 * joins the eMSP's CAD statement in the settlement run that follows.
 */
final class PlugAndCharge {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DemoPartner cpo;
    private final DemoPartner emsp;
    private final PrintStream out;
    private final String run;
    private final Function<DemoPartner, String> queueState;
    private final AdminApi admin;

    /**
     * @param cpo  a CPO platform on OCPI 2.3.0 in Canada, under an agreement with {@code emsp} covering tokens
     * @param emsp an eMSP platform registered with at least one EMAID provider id
     */
    PlugAndCharge(DemoPartner cpo, DemoPartner emsp, PrintStream out, String run,
                  Function<DemoPartner, String> queueState, AdminApi admin) {
        if (emsp.emaidProviderIds().isEmpty()) {
            throw new IllegalArgumentException(emsp.label() + " holds no EMAID provider id");
        }
        this.cpo = cpo;
        this.emsp = emsp;
        this.out = out;
        this.run = run;
        this.queueState = queueState;
        this.admin = admin;
    }

    /**
     * The contract id of the car: an EMAID of the eMSP's first provider id, e.g. {@code DE-DM1-C12345678-X}. The same
     * every run, as a car's contract is.
     */
    String contractId() {
        String provider = emsp.emaidProviderIds().get(0);
        return provider.substring(0, 2) + "-" + provider.substring(2) + "-C12345678-X";
    }

    /** Plays the charge at the CPO's location {@code locationId}; the CDR's id. */
    String play(String locationId) {
        String reference = authorize(locationId);
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(5, ChronoUnit.HOURS);
        Instant start = end.minus(1, ChronoUnit.HOURS);
        String sessionId = "SES-" + cpo.platform().partyId() + "-" + run + "-P";
        String cdrToken = OcpiObjects.cdrToken(emsp.platform().countryCode(), emsp.platform().partyId(), contractId(),
                "EMAID", contractId());
        session(sessionId, locationId, cdrToken, reference, start, end);
        String cdrId = cdr(sessionId, locationId, cdrToken, reference, start, end);
        JsonNode rating = CrossVersionRoaming.rating(admin, cpo, cdrId);
        out.printf("cdr-rating rated it like any CDR: %s %s; %s pays %s, %s receives %s, hub fee %s; settlement"
                        + " booked it: %s%n", rating.path("total_cost").path("incl_vat").asText(),
                rating.path("currency").asText(), emsp.label(), rating.path("emsp_payable").asText(), cpo.label(),
                rating.path("cpo_receivable").asText(), rating.path("hub_fee").asText(),
                RoutingScenario.booked(admin, cpo, cdrId));
        return cdrId;
    }

    /**
     * The CPO's real-time authorization of the contract id, type {@code EMAID}, without OCPI-to headers: the hub
     * must find the eMSP by the provider id alone, ask it as its version allows, and answer {@code EMAID}.
     */
    private String authorize(String locationId) {
        OcpiPartner e = emsp.platform();
        String contractId = contractId();
        e.holds("tokens", contractId, OcpiObjects.contractToken(e.countryCode(), e.partyId(), contractId));
        e.authorizes(contractId, "ALLOWED");
        Answer answer = cpo.platform().call("POST", "tokens", "SENDER", contractId + "/authorize?type=EMAID",
                OcpiObjects.authorizationAt(locationId), Target.none());
        RoutingScenario.expect(answer, cpo.label() + " Plug & Charge authorization of " + contractId);
        JsonNode data = answer.data();
        String allowed = data.path("allowed").asText();
        String type = data.path("token").path("type").asText();
        if (!"ALLOWED".equals(allowed) || !"EMAID".equals(type)) {
            throw new DemoFailure("the Plug & Charge authorization of " + contractId + " answered " + allowed
                    + " with token type " + type + " instead of ALLOWED and EMAID: " + answer.body());
        }
        if (!emsp.label().equals(RoutingScenario.fromHeaders(answer))) {
            throw new DemoFailure("the Plug & Charge authorization of " + contractId + " was answered by "
                    + RoutingScenario.fromHeaders(answer) + " instead of " + emsp.label() + ", which holds "
                    + emsp.emaidProviderIds());
        }
        Received asked = awaitAt("POST", "/" + contractId + "/authorize");
        String askedAs = asked.query() == null ? "" : asked.query();
        String expected = e.version().equals("2.2.1") ? "type=OTHER" : "type=EMAID";
        if (!askedAs.contains(expected)) {
            throw new DemoFailure(emsp.label() + " (OCPI " + e.version() + ") was asked about " + contractId + " with "
                    + askedAs + " instead of " + expected);
        }
        String reference = data.path("authorization_reference").asText(null);
        out.printf("%s Plug & Charge: real-time authorization of contract id %s, type EMAID, no TO headers: %d %s,"
                        + " token.type %s, authorization_reference %s, answered by %s; the hub routed it by EMAID"
                        + " provider id %s and asked %s (OCPI %s) with %s (FROM %s)%n", cpo.label(), contractId,
                answer.statusCode(), allowed, type, reference, RoutingScenario.fromHeaders(answer),
                emsp.emaidProviderIds().get(0), emsp.label(), e.version(), askedAs, RoutingScenario.from(asked));
        return reference;
    }

    private void session(String sessionId, String locationId, String cdrToken, String reference, Instant start,
                         Instant end) {
        OcpiPartner c = cpo.platform();
        String path = "/" + c.countryCode() + "/" + c.partyId() + "/" + sessionId;
        Answer answer = c.call("PUT", "sessions", "RECEIVER", path, OcpiObjects.completedSession230(c.partyId(),
                sessionId, locationId, cdrToken, "AUTH_REQUEST", reference, start, end), Target.none());
        RoutingScenario.expect(answer, cpo.label() + " PUT session " + sessionId);
        Received received = awaitAt("PUT", path);
        out.printf("%s PUT session %s, cdr_token EMAID %s of %s, auth_method AUTH_REQUEST (no TO): %d; %s received"
                        + " it (FROM %s, cdr_token type %s on OCPI %s)%n", cpo.label(), sessionId, contractId(),
                emsp.label(), answer.statusCode(), emsp.label(), RoutingScenario.from(received),
                received.json().path("cdr_token").path("type").asText(), emsp.platform().version());
    }

    private String cdr(String sessionId, String locationId, String cdrToken, String reference, Instant start,
                       Instant end) {
        OcpiPartner c = cpo.platform();
        String cdrId = "CDR-" + c.partyId() + "-" + run + "-P";
        String extra = "\"session_id\": \"" + sessionId + "\", \"authorization_reference\": \"" + reference + "\",";
        Answer answer = c.call("POST", "cdrs", "RECEIVER", "", OcpiObjects.cdr230(c.partyId(), cdrId, locationId,
                cdrToken, "AUTH_REQUEST", extra, "0.9975", start, end), Target.none());
        RoutingScenario.expect(answer, cpo.label() + " POST CDR " + cdrId);
        if (!Waiting.within(WAIT, () -> emsp.platform().received("POST", "/cdrs").stream()
                .anyMatch(r -> cdrId.equals(r.json().path("id").asText())))) {
            throw new DemoFailure(emsp.label() + " did not receive CDR " + cdrId + "; " + queueState.apply(emsp));
        }
        out.printf("%s POST CDR %s of the Plug & Charge session, 25 kWh, ended yesterday at %s, 10.00 CAD before"
                        + " GST and QST (no TO): %d; %s received it%n", cpo.label(), cdrId, end, answer.statusCode(),
                emsp.label());
        return cdrId;
    }

    private Received awaitAt(String method, String pathContains) {
        try {
            return emsp.platform().awaitReceived(method, pathContains, WAIT);
        } catch (AssertionError notReceived) {
            throw new DemoFailure(emsp.label() + ": " + notReceived.getMessage() + "; " + queueState.apply(emsp));
        }
    }
}
