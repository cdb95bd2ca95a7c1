package io.chargeclear.partners;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The hub's routing scenario, played by the six connected partners: broadcasts gated by agreements, GET All via
 * the hub page by page, a token and its real-time authorization, an open-routed command with its relayed result,
 * and a session and its CDR routed by the eMSP of the token, which the hub then rates against the tariff and books in
 * its ledger; then the CPO on OCPI 2.3.0 in Québec roams with the 2.2.1 eMSP ({@link CrossVersionRoaming}), charges
 * a car by Plug &amp; Charge ({@link PlugAndCharge}) and a driver who pays at a payment terminal
 * ({@link TerminalPaidCharge}), and a settlement run issues its CAD statement beside the EUR one and shows where the
 * terminal-paid CDR landed. Each step prints one line with the OCPI status codes
 * and who received what, and fails with a {@link DemoFailure} when the hub does not do what the step shows.
 */
final class RoutingScenario {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long the demo gives a receiver without an agreement to (wrongly) receive a broadcast. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int SUCCESS = 1000;

    private final DemoPartner cpo1;
    private final DemoPartner cpo2;
    private final DemoPartner emsp1;
    private final DemoPartner emsp2;
    private final PrintStream out;
    private final Function<DemoPartner, String> queueState;
    private final AdminApi admin;
    private final String run;
    private final CrossVersionRoaming crossVersion;
    private final PlugAndCharge plugAndCharge;
    private final TerminalPaidCharge terminalPaid;

    private final String cpo1Location;
    private final String tokenUid;
    /** The card of this run's remote start: its own, so session tracking links this run's facts, not a former's. */
    private final String sessionToken;

    /**
     * @param run a short id unique to this run, appended to the ids of the locations, the session and the CDR so
     *            that a run on data kept from an earlier one creates new objects (a CDR id can be used only once);
     *            the token keeps one uid, so that it can be authorized by hand across runs
     * @param queueState how the hub's delivery queue for a partner stands, for the message when a delivery does
     *                   not arrive
     * @param admin      the operator APIs, to read the CDR's rating and its ledger entry
     * @param cpo230     the CPO on OCPI 2.3.0 in Canada, under an agreement with {@code emsp1} covering tokens and with
     *                   {@code terminals}
     * @param terminals  a payment terminal provider on OCPI 2.3.0
     */
    RoutingScenario(DemoPartner cpo1, DemoPartner cpo2, DemoPartner emsp1, DemoPartner emsp2, PrintStream out,
                    String run, Function<DemoPartner, String> queueState, AdminApi admin, DemoPartner cpo230,
                    DemoPartner terminals) {
        this.cpo1 = cpo1;
        this.cpo2 = cpo2;
        this.emsp1 = emsp1;
        this.emsp2 = emsp2;
        this.out = out;
        this.run = run;
        this.queueState = queueState;
        this.admin = admin;
        this.cpo1Location = "LOC-" + cpo1.platform().partyId() + "-" + run;
        this.tokenUid = "TOK-" + emsp1.platform().partyId() + "-DEMO";
        this.sessionToken = "TOK-" + emsp1.platform().partyId() + "-" + run;
        this.crossVersion = new CrossVersionRoaming(cpo230, emsp1, out, run, queueState, admin);
        this.plugAndCharge = new PlugAndCharge(cpo230, emsp1, out, run, queueState, admin);
        this.terminalPaid = new TerminalPaidCharge(cpo230, terminals, out, run, queueState, admin);
    }

    /** The location CPO 1 broadcast, which the hands-on examples reuse. */
    String cpo1Location() {
        return cpo1Location;
    }

    /** The uid of eMSP 1's token, which eMSP 1 authorizes and the hands-on examples reuse. */
    String tokenUid() {
        return tokenUid;
    }

    /** Plays every step in order. */
    void play() {
        broadcastWithinAgreements();
        broadcastToBothEmsps();
        getAllViaHub();
        tokenAndRealTimeAuthorization();
        startSessionByOpenRouting();
        String reference = authorizeRemoteStart();
        sessionAndCdr(reference);
        ratedAndBooked("CDR-" + run);
        String cadCdr = crossVersion.play(tokenUid);
        String plugAndChargeCdr = plugAndCharge.play(crossVersion.locationId());
        String terminalCdr = terminalPaid.play(crossVersion.locationId());
        settlementReadFor(terminalCdr);
        settled(lateCdr(), cadCdr, plugAndChargeCdr, terminalCdr);
        tracked("SES-" + run);
        withheldCdrBreached();
    }

    private void broadcastWithinAgreements() {
        OcpiPartner cpo = cpo1.platform();
        String tariffId = "TAR-" + cpo.partyId() + "-" + run;
        String tariffPath = "/NL/" + cpo.partyId() + "/" + tariffId;
        expect(cpo.call("PUT", "tariffs", "RECEIVER", tariffPath, OcpiObjects.tariff(cpo.partyId(), tariffId),
                Target.hub()), cpo1.label() + " PUT tariff " + tariffId);
        awaitAt(emsp1, "PUT", tariffPath);
        out.printf("%s PUT tariff %s, 0.30 EUR/kWh + 21 %% VAT (TO hub): 1000; %s received it%n", cpo1.label(),
                tariffId, emsp1.label());
        String path = "/NL/" + cpo.partyId() + "/" + cpo1Location;
        Answer put = cpo.call("PUT", "locations", "RECEIVER", path,
                OcpiObjects.location(cpo.partyId(), cpo1Location, tariffId), Target.hub());
        expect(put, cpo1.label() + " PUT location " + cpo1Location);
        Received received = awaitAt(emsp1, "PUT", path);
        Waiting.pause(GRACE);
        if (!emsp2.platform().received(null, path).isEmpty()) {
            throw new DemoFailure(emsp2.label() + " received " + cpo1.label() + "'s location although they have no"
                    + " agreement");
        }
        out.printf("%s PUT location %s (TO hub): %d; %s received it (FROM %s), %s did not (no agreement with %s)%n",
                cpo1.label(), cpo1Location, put.statusCode(), emsp1.label(), from(received), emsp2.label(),
                cpo1.label());
    }

    private void broadcastToBothEmsps() {
        OcpiPartner cpo = cpo2.platform();
        List<String> ids = List.of("LOC-" + cpo.partyId() + "-" + run + "-A", "LOC-" + cpo.partyId() + "-" + run + "-B",
                "LOC-" + cpo.partyId() + "-" + run + "-C");
        for (String id : ids) {
            expect(cpo.call("PUT", "locations", "RECEIVER", "/NL/" + cpo.partyId() + "/" + id,
                    OcpiObjects.location(cpo.partyId(), id), Target.hub()), cpo2.label() + " PUT location " + id);
        }
        for (String id : ids) {
            awaitAt(emsp1, "PUT", "/NL/" + cpo.partyId() + "/" + id);
            awaitAt(emsp2, "PUT", "/NL/" + cpo.partyId() + "/" + id);
        }
        out.printf("%s PUT locations %s, -B, -C (TO hub): %d each; %s and %s received all three%n", cpo2.label(),
                ids.get(0), SUCCESS, emsp1.label(), emsp2.label());
    }

    private void getAllViaHub() {
        OcpiPartner emsp = emsp2.platform();
        Answer page = emsp.call("GET", "locations", "SENDER", "?limit=2", null, Target.hub());
        String total = page.header("X-Total-Count");
        String limit = page.header("X-Limit");
        Map<String, Integer> perParty = new HashMap<>();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        while (true) {
            expect(page, emsp2.label() + " GET locations page " + (pages + 1));
            for (JsonNode location : page.data()) {
                ids.add(location.path("id").asText());
                perParty.merge(location.path("country_code").asText() + "*" + location.path("party_id").asText(), 1,
                        Integer::sum);
            }
            pages++;
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            page = emsp.get(link.substring(link.indexOf('<') + 1, link.indexOf('>')), Target.hub());
        }
        if (perParty.containsKey(cpo1.label())) {
            throw new DemoFailure(emsp2.label() + " got " + perParty.get(cpo1.label()) + " location(s) of "
                    + cpo1.label() + " from the hub although they have no agreement");
        }
        if (!String.valueOf(ids.size()).equals(total)) {
            throw new DemoFailure(emsp2.label() + " collected " + ids.size() + " locations over " + pages
                    + " pages, but X-Total-Count said " + total);
        }
        StringBuilder owners = new StringBuilder();
        new TreeMap<>(perParty).forEach((owner, count) -> owners.append(owners.length() == 0 ? "" : ", ")
                .append(owner).append(' ').append(count));
        out.printf("%s GET all locations from the hub, limit 2: %d pages following Link, %d locations"
                        + " (X-Total-Count %s, X-Limit %s), by owner: %s; none of %s's%n", emsp2.label(), pages,
                ids.size(), total, limit, owners, cpo1.label());
    }

    private void tokenAndRealTimeAuthorization() {
        OcpiPartner emsp = emsp1.platform();
        String path = "/DE/" + emsp.partyId() + "/" + tokenUid;
        Answer put = emsp.call("PUT", "tokens", "RECEIVER", path + "?type=RFID",
                OcpiObjects.token(emsp.partyId(), tokenUid), Target.hub());
        expect(put, emsp1.label() + " PUT token " + tokenUid);
        awaitAt(cpo1, "PUT", path);
        awaitAt(cpo2, "PUT", path);
        out.printf("%s PUT token %s (TO hub): %d; %s and %s received it%n", emsp1.label(), tokenUid,
                put.statusCode(), cpo1.label(), cpo2.label());

        emsp.authorizes(tokenUid, "ALLOWED");
        Answer allowed = cpo1.platform().call("POST", "tokens", "SENDER", tokenUid + "/authorize?type=RFID",
                OcpiObjects.authorizationAt(cpo1Location), Target.none());
        expect(allowed, cpo1.label() + " real-time authorization of " + tokenUid);
        String decision = allowed.data().path("allowed").asText();
        if (!"ALLOWED".equals(decision)) {
            throw new DemoFailure("the real-time authorization of " + tokenUid + " answered " + decision
                    + " instead of ALLOWED: " + allowed.body());
        }
        out.printf("%s real-time authorization of %s (no TO: the hub finds the token's eMSP): %d %s, answered by"
                + " %s%n", cpo1.label(), tokenUid, allowed.statusCode(), decision, fromHeaders(allowed));

        String unknownUid = "TOK-NOBODY-" + run;
        Answer unknown = cpo1.platform().call("POST", "tokens", "SENDER", unknownUid + "/authorize?type=RFID",
                OcpiObjects.authorizationAt(cpo1Location), Target.none());
        if (unknown.statusCode() != 2004) {
            throw new DemoFailure("the real-time authorization of unknown " + unknownUid + " answered HTTP "
                    + unknown.http() + " " + unknown.body() + " instead of 2004");
        }
        out.printf("%s real-time authorization of unknown %s: HTTP %d, %d (%s)%n", cpo1.label(), unknownUid,
                unknown.http(), unknown.statusCode(), unknown.json().path("status_message").asText());
    }

    private void startSessionByOpenRouting() {
        OcpiPartner emsp = emsp1.platform();
        String resultPath = "/START_SESSION/cmd-" + run;
        String responseUrl = emsp.endpointUrl("commands") + resultPath;
        Answer answer = emsp.call("POST", "commands", "RECEIVER", "START_SESSION",
                OcpiObjects.startSession(responseUrl, emsp.partyId(), sessionToken, cpo1Location), Target.none());
        expect(answer, emsp1.label() + " START_SESSION");
        String response = answer.data().path("result").asText();
        Received atCpo = awaitAt(cpo1, "POST", "START_SESSION");
        String rewritten = atCpo.json().path("response_url").asText();
        if (rewritten.equals(responseUrl)) {
            throw new DemoFailure(cpo1.label() + " got " + emsp1.label() + "'s own response_url instead of a hub URL");
        }
        Received result = awaitAt(emsp1, "POST", resultPath);
        out.printf("%s START_SESSION at %s (no TO: open routing): %d %s from %s, which got a hub response_url;"
                        + " its result %s reached %s's own response_url (FROM %s)%n", emsp1.label(), cpo1Location,
                answer.statusCode(), response, fromHeaders(answer), result.json().path("result").asText(),
                emsp1.label(), from(result));
    }

    /**
     * Before it starts the session, the CPO authorizes the card of the remote start in real time with its eMSP (who
     * pushed it to the hub); the session and its CDR then carry the authorization reference the eMSP gave.
     */
    private String authorizeRemoteStart() {
        OcpiPartner emsp = emsp1.platform();
        String path = "/DE/" + emsp.partyId() + "/" + sessionToken;
        expect(emsp.call("PUT", "tokens", "RECEIVER", path + "?type=RFID", OcpiObjects.token(emsp.partyId(),
                sessionToken), Target.hub()), emsp1.label() + " PUT token " + sessionToken);
        awaitAt(cpo1, "PUT", path);
        emsp.authorizes(sessionToken, "ALLOWED");
        Answer allowed = cpo1.platform().call("POST", "tokens", "SENDER", sessionToken + "/authorize?type=RFID",
                OcpiObjects.authorizationAt(cpo1Location), Target.none());
        expect(allowed, cpo1.label() + " real-time authorization of " + sessionToken);
        String reference = allowed.data().path("authorization_reference").asText(null);
        out.printf("%s real-time authorization of the remote start's card %s: %d %s, authorization_reference %s%n",
                cpo1.label(), sessionToken, allowed.statusCode(), allowed.data().path("allowed").asText(), reference);
        return reference;
    }

    private void sessionAndCdr(String reference) {
        OcpiPartner cpo = cpo1.platform();
        String emspPartyId = emsp1.platform().partyId();
        String sessionId = "SES-" + run;
        String sessionPath = "/NL/" + cpo.partyId() + "/" + sessionId;
        Answer session = cpo.call("PUT", "sessions", "RECEIVER", sessionPath,
                OcpiObjects.session(cpo.partyId(), sessionId, cpo1Location, emspPartyId, sessionToken, reference),
                Target.none());
        expect(session, cpo1.label() + " PUT session " + sessionId);
        Received received = awaitAt(emsp1, "PUT", sessionPath);
        out.printf("%s PUT session %s (no TO: routed to the cdr_token's eMSP): %d; %s received it (FROM %s)%n",
                cpo1.label(), sessionId, session.statusCode(), emsp1.label(), from(received));

        String cdrId = "CDR-" + run;
        Answer cdr = cpo.call("POST", "cdrs", "RECEIVER", "",
                OcpiObjects.cdr(cpo.partyId(), cdrId, sessionId, cpo1Location, emspPartyId, sessionToken, reference),
                Target.none());
        expect(cdr, cpo1.label() + " POST CDR " + cdrId);
        String location = cdr.header("Location");
        Received posted = awaitAt(emsp1, "POST", "/cdrs");
        if (!cdrId.equals(posted.json().path("id").asText())) {
            throw new DemoFailure(emsp1.label() + " received CDR " + posted.json().path("id").asText() + " instead of "
                    + cdrId);
        }
        Answer copy = cpo.get(location, Target.hub());
        expect(copy, cpo1.label() + " GET " + location);
        OcpiPartner other = emsp2.platform();
        if (!other.received(null, sessionId).isEmpty() || !other.received(null, "/cdrs").isEmpty()) {
            throw new DemoFailure(emsp2.label() + " received " + cpo1.label() + "'s session or CDR");
        }
        out.printf("%s POST CDR %s: %d, Location %s (the hub's copy, readable: %d); %s received it, %s nothing%n",
                cpo1.label(), cdrId, cdr.statusCode(), location, copy.statusCode(), emsp1.label(), emsp2.label());
    }

    /** cdr-rating re-rates the CDR against the tariff and the agreement; settlement books it in its ledger. */
    private void ratedAndBooked(String cdrId) {
        String cpo = cpo1.platform().partyId();
        JsonNode[] rating = new JsonNode[1];
        boolean rated = Waiting.within(WAIT, () -> admin.ratingFind("/admin/rating/cdrs/NL/" + cpo + "/" + cdrId)
                .map(found -> (rating[0] = found).path("status").asText().equals("RATED")).orElse(false));
        if (!rated) {
            throw new DemoFailure("CDR " + cdrId + " was not rated in time: "
                    + (rating[0] == null ? "no rating" : rating[0].path("status").asText() + " "
                    + rating[0].path("reasons")));
        }
        JsonNode r = rating[0];
        out.printf("cdr-rating re-rated CDR %s with tariff %s: %s incl. VAT as the CPO said; %s pays %s, %s receives %s,"
                        + " hub fee %s %s%n", cdrId, r.path("tariff_id").asText(), r.path("total_cost").path("incl_vat").asText(),
                emsp1.label(), r.path("emsp_payable").asText(), cpo1.label(), r.path("cpo_receivable").asText(),
                r.path("hub_fee").asText(), r.path("currency").asText());
        out.printf("settlement booked it (rating.cdr-rated.v1 -> ledger, balanced): %s%n", booked(admin, cpo1, cdrId));
    }

    /** Waits until settlement has booked the CDR of {@code cpo}; its journal entry's lines, e.g. for printing. */
    static String booked(AdminApi admin, DemoPartner cpo, String cdrId) {
        JsonNode[] journal = new JsonNode[1];
        boolean booked = Waiting.within(WAIT, () -> (journal[0] = admin.settlementGet("/admin/settlement/journal/"
                + cpo.platform().countryCode() + "/" + cpo.platform().partyId() + "/" + cdrId)).size() > 0);
        if (!booked) {
            throw new DemoFailure("CDR " + cdrId + " was not booked in the ledger in time");
        }
        List<String> lines = new ArrayList<>();
        journal[0].get(0).path("lines").forEach(line -> lines.add(line.path("account").asText() + " "
                + (line.path("side").asText().equals("DEBIT") ? "debit " : "credit ") + line.path("amount").asText()));
        return String.join(", ", lines);
    }

    /**
     * A CDR sent late: the session ended yesterday evening (UTC). It is routed, rated and booked like the other,
     * and its day can be settled now, while today's CDR waits for tonight's run.
     */
    private String lateCdr() {
        OcpiPartner cpo = cpo1.platform();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(5, ChronoUnit.HOURS);
        String cdrId = "CDR-" + run + "-Y";
        Answer cdr = cpo.call("POST", "cdrs", "RECEIVER", "", OcpiObjects.cdr(cpo.partyId(), cdrId, "SES-" + run + "-Y",
                cpo1Location, emsp1.platform().partyId(), tokenUid, null, end.minus(1, ChronoUnit.HOURS), end), Target.none());
        expect(cdr, cpo1.label() + " POST CDR " + cdrId);
        if (!Waiting.within(WAIT, () -> emsp1.platform().received("POST", "/cdrs").stream()
                .anyMatch(r -> cdrId.equals(r.json().path("id").asText())))) {
            throw new DemoFailure(emsp1.label() + " did not receive CDR " + cdrId + "; " + queueState.apply(emsp1));
        }
        out.printf("%s POST CDR %s of a session that ended yesterday at %s: %d; %s received it%n", cpo1.label(), cdrId,
                end, cdr.statusCode(), emsp1.label());
        ratedAndBooked(cdrId);
        return cdrId;
    }

    /**
     * Whether settlement keeps a terminal-paid list ({@code /admin/settlement/terminal-paid}); then waits, without
     * failing, until it lists the terminal-paid CDR. A settlement without one books the CDR like any other, so the
     * demo waits for that booking instead: either way, the run that follows finds the CDR where this settlement puts
     * it.
     */
    private void settlementReadFor(String terminalCdr) {
        String path = "/admin/settlement/terminal-paid?party=" + crossVersion.cpo().label();
        Waiting.within(WAIT, () -> admin.settlementFind(path).map(lines -> {
            for (JsonNode line : lines) {
                if (terminalCdr.equals(line.path("cdr_id").asText())) {
                    return true;
                }
            }
            return false;
        }).orElse(false));
    }

    /**
     * Settles every period due (daily on the local hub, so at least yesterday), then shows the statements and the
     * net positions of the run that holds {@code cdrId} (NL*DC1's, in EUR) and {@code cadCdrId} with
     * {@code plugAndChargeCdrId} (the Québec CPO's, in CAD): one statement per currency with its tax lines by name,
     * net positions per currency, never netted across currencies; JSON from the operator API, CSV as the eMSP would
     * download it, and the events it published for analysts. Then where the terminal-paid {@code terminalCdrId}
     * landed: in the run's {@code terminal_paid} list when settlement keeps one, and on no eMSP's statement.
     */
    private void settled(String cdrId, String cadCdrId, String plugAndChargeCdrId, String terminalCdrId) {
        List<JsonNode> settledNow = new ArrayList<>();
        String next = "";
        while (settledNow.size() < 400) {
            Map.Entry<Integer, JsonNode> answer = admin.settlementPost("/admin/settlement/runs", null);
            if (answer.getKey() == 409) {
                next = answer.getValue().path("message").asText();
                out.printf("settlement: %d period(s) settled now; next: %s%n", settledNow.size(), next);
                break;
            }
            if (answer.getKey() != 201 && answer.getKey() != 200) {
                throw new DemoFailure("POST /admin/settlement/runs answered HTTP " + answer.getKey() + ": "
                        + answer.getValue());
            }
            settledNow.add(answer.getValue());
        }
        // the CDRs were booked just before: only a run settled now can hold them
        Map.Entry<JsonNode, JsonNode> eur = statementHolding(settledNow, cpo1, cdrId);
        if (eur == null) {
            // its day was settled by an earlier run (data kept from an earlier demonstration today)
            out.printf("settlement: CDRs %s, %s, %s and %s arrived after the run of their day; they settle in the"
                    + " next run, flagged late (%s)%n", cdrId, cadCdrId, plugAndChargeCdrId, terminalCdrId, next);
            return;
        }
        JsonNode run = eur.getValue();
        out.printf("settlement run %s .. %s: %s%n", run.path("period_start").asText(), run.path("period_end").asText(),
                statementLine(eur.getKey()));
        Map.Entry<JsonNode, JsonNode> cad = statementHolding(List.of(run), crossVersion.cpo(), cadCdrId,
                plugAndChargeCdrId);
        if (cad == null) {
            throw new DemoFailure("the run that settled " + cdrId + " has no statement of " + emsp1.label()
                    + " holding both " + cadCdrId + " and the Plug & Charge " + plugAndChargeCdrId
                    + ", which ended the same day");
        }
        out.printf("  beside it, never netted with it: %s (%s and the Plug & Charge %s)%n",
                statementLine(cad.getKey()), cadCdrId, plugAndChargeCdrId);
        terminalPaidLanded(run, terminalCdrId);
        Map<String, List<String>> positions = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (JsonNode p : run.path("net_positions")) {
            String currency = p.path("currency").asText();
            sums.merge(currency, new BigDecimal(p.path("net").path("amount").asText()), BigDecimal::add);
            positions.computeIfAbsent(currency, c -> new ArrayList<>()).add(p.path("party").path("country_code")
                    .asText() + "*" + p.path("party").path("party_id").asText() + " " + p.path("net").path("amount")
                    .asText() + " (" + p.path("payment").path("direction").asText() + ")");
        }
        Map<String, BigDecimal> fees = new TreeMap<>();
        for (JsonNode fee : run.path("hub_fee_revenue")) {
            fees.merge(fee.path("currency").asText(), new BigDecimal(fee.path("amount").asText()), BigDecimal::add);
        }
        List<String> perCurrency = new ArrayList<>();
        positions.forEach((currency, list) -> {
            BigDecimal fee = fees.getOrDefault(currency, BigDecimal.ZERO);
            perCurrency.add(currency + ": " + String.join(", ", list) + "; + hub fee revenue " + fee.toPlainString()
                    + " = " + sums.get(currency).add(fee).toPlainString());
        });
        out.printf("  net positions per currency: %s%n", String.join(" | ", perCurrency));
        String party = emsp1.platform().countryCode() + "*" + emsp1.platform().partyId();
        String period = "period_start=" + run.path("period_start").asText() + "&period_end="
                + run.path("period_end").asText();
        String csv = admin.settlementCsv("/admin/settlement/statements?" + period + "&party=" + party);
        out.printf("  as CSV (GET /admin/settlement/statements?%s&party=%s, Accept: text/csv):%n", period, party);
        csv.lines().forEach(line -> out.println("    " + line));
        out.printf("  the run published %d event(s) on settlement.statement.v1 and %d on settlement.net-position.v1"
                        + " through the outbox (docs/events/README.md shows how to read them)%n",
                run.path("statements").size(), run.path("net_positions").size());
        invoiceRecords(period, party);
    }

    /**
     * The hub's own invoice reconciliation records of the run's statements with eMSP 1: the statement is the invoice
     * (docs/operations/settlement.md, "The hub's own records").
     */
    private void invoiceRecords(String period, String party) {
        List<String> records = new ArrayList<>();
        String issuer = "";
        for (JsonNode issued : admin.settlementGet("/admin/settlement/invoice-records?" + period + "&party=" + party)) {
            JsonNode record = issued.path("record");
            issuer = record.path("country_code").asText() + "*" + record.path("party_id").asText();
            String cpo = issued.path("cpo").path("country_code").asText() + "*"
                    + issued.path("cpo").path("party_id").asText();
            String invoice = record.path("invoice_id").asText();
            records.add("%s %s invoice %s (part %d of %d, %d CDR id(s))".formatted(cpo,
                    issued.path("currency").asText(), invoice.substring(0, Math.min(8, invoice.length())),
                    issued.path("part").asInt(),
                    issued.path("parts").asInt(), record.path("cdrs").size()));
        }
        Collections.sort(records);
        out.printf("  the hub issued %d invoice reconciliation record(s) of its statements with %s, from its own party"
                        + " %s, each invoice_id a statement_id (settlement.invoice-record.v1): %s; %s reads them on"
                        + " GET /party/settlement/invoice-records (OCPI 2.2.1 has no such module), an eMSP on 2.3.0 has"
                        + " them PUT%n", records.size(), party, issuer, String.join(", ", records), party);
    }

    /**
     * The statement of {@code cpo} and eMSP 1 among {@code runs} that holds every one of {@code cdrIds}, with its
     * run; or null.
     */
    private Map.Entry<JsonNode, JsonNode> statementHolding(List<JsonNode> runs, DemoPartner cpo, String... cdrIds) {
        for (JsonNode report : runs) {
            for (JsonNode s : report.path("statements")) {
                if (isParty(s.path("cpo"), cpo) && isParty(s.path("emsp"), emsp1)) {
                    JsonNode detail = admin.settlementGet("/admin/settlement/statements/" + s.path("statement_id")
                            .asText());
                    List<String> held = new ArrayList<>();
                    detail.path("entries").forEach(entry -> held.add(entry.path("cdr_id").asText()));
                    if (held.containsAll(List.of(cdrIds))) {
                        return Map.entry(s, report);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Where the terminal-paid CDR landed in {@code run}: in the run's terminal-paid list, as information for the CPO,
     * and on no statement; the demo fails when it is missing from the list (read as of now, so a confirmation that
     * arrived after the run counts) or on a statement.
     */
    private void terminalPaidLanded(JsonNode run, String cdrId) {
        DemoPartner cpo = crossVersion.cpo();
        DemoPartner provider = terminalPaid.provider();
        List<JsonNode> withProvider = new ArrayList<>();
        run.path("statements").forEach(s -> {
            if (isParty(s.path("emsp"), provider)) {
                withProvider.add(s);
            }
        });
        if (!withProvider.isEmpty()) {
            throw new DemoFailure("the run bills the terminal-paid " + cdrId + " to " + provider.label() + ": "
                    + statementLine(withProvider.get(0)));
        }
        String path = "/admin/settlement/terminal-paid?period_start=" + run.path("period_start").asText()
                + "&period_end=" + run.path("period_end").asText() + "&party=" + cpo.label();
        JsonNode[] line = {lineOf(run.path("terminal_paid"), cdrId)};
        if (line[0] == null || !line[0].hasNonNull("confirmation_id")) {
            // the list is read as of now: settlement may have read the confirmation after the run
            Waiting.within(WAIT, () -> admin.settlementFind(path).map(lines -> (line[0] = lineOf(lines, cdrId)) != null
                    && line[0].hasNonNull("confirmation_id")).orElse(false));
        }
        if (line[0] == null) {
            throw new DemoFailure("settlement's terminal-paid list (the run's terminal_paid, GET " + path
                    + ") has no line for " + cdrId);
        }
        JsonNode l = line[0];
        List<String> flags = new ArrayList<>();
        l.path("flags").forEach(flag -> flags.add(flag.asText()));
        out.printf("  the terminal-paid %s: on no statement, in the run's terminal_paid list for %s as information:"
                        + " CDR total %s %s, %s, flags %s (GET %s)%n", cdrId, cpo.label(),
                l.path("cdr_total").path("amount").asText(), l.path("cdr_total").path("currency").asText(),
                l.hasNonNull("confirmation_id") ? "captured " + l.path("captured").path("amount").asText() + " "
                        + l.path("captured").path("currency").asText() + " " + l.path("capture_status_code").asText()
                        + " by " + party(l.path("payment_terminal_provider"))
                        + " (confirmation " + l.path("confirmation_id").asText() + ")"
                        : "no confirmation yet",
                flags.isEmpty() ? "none" : String.join(", ", flags), path);
    }

    /** The line of {@code cdrId} in a terminal-paid list; null when there is none. */
    private static JsonNode lineOf(JsonNode lines, String cdrId) {
        for (JsonNode line : lines) {
            if (cdrId.equals(line.path("cdr_id").asText())) {
                return line;
            }
        }
        return null;
    }

    /** One statement on one line: its pair, currency, CDRs, energy, amounts and tax lines by name. */
    private static String statementLine(JsonNode s) {
        String cpo = party(s.path("cpo"));
        String emsp = party(s.path("emsp"));
        return String.format("statement %s -> %s in %s: %d CDR(s), %s kWh, %s pays %s, %s receives %s, hub fee %s;"
                        + " taxes %s", cpo, emsp, s.path("currency").asText(), s.path("cdr_count").asInt(),
                s.path("energy_kwh").asText(), emsp, s.path("emsp_payable").path("amount").asText(), cpo,
                s.path("cpo_receivable").path("amount").asText(), s.path("hub_fee").path("amount").asText(),
                CrossVersionRoaming.taxes(s.path("taxes"), "amount"));
    }

    private static boolean isParty(JsonNode party, DemoPartner partner) {
        return party.path("country_code").asText().equals(partner.platform().countryCode())
                && party.path("party_id").asText().equals(partner.platform().partyId());
    }

    private static String party(JsonNode party) {
        return party.path("country_code").asText() + "*" + party.path("party_id").asText();
    }

    /** Session tracking followed the session: its timeline from the command to the CDR, as the operator sees it. */
    private void tracked(String sessionId) {
        String path = "/admin/tracking/sessions/NL/" + cpo1.platform().partyId() + "/" + sessionId;
        JsonNode[] view = new JsonNode[1];
        boolean complete = Waiting.within(WAIT, () -> admin.trackingFind(path)
                .map(found -> (view[0] = found).path("state").asText().equals("CDR_RECEIVED")).orElse(false));
        if (!complete) {
            throw new DemoFailure("session tracking did not see CDR-" + run + " for " + sessionId + " in time: "
                    + (view[0] == null ? "session not tracked" : view[0].path("state").asText()));
        }
        List<String> kinds = new ArrayList<>();
        view[0].path("timeline").forEach(entry -> kinds.add(entry.path("kind").asText()));
        out.printf("session tracking (GET %s): state %s; timeline %s%n", path, view[0].path("state").asText(),
                String.join(" -> ", kinds));
    }

    /**
     * A session COMPLETED whose CDR the CPO withholds: moving session tracking's clock (adjustable on the local hub
     * only) past the agreement's CDR deadline raises a CDR_OVERDUE breach, kept and published on
     * tracking.sla-breach.v1. The clock then goes back by as much, also when the breach does not come, so that
     * what session tracking records after the demonstration (a second run, a reader following the guides) carries
     * the true time.
     */
    private void withheldCdrBreached() {
        OcpiPartner cpo = cpo1.platform();
        String emspPartyId = emsp1.platform().partyId();
        String sessionId = "SES-" + run + "-W";
        String sessionPath = "/NL/" + cpo.partyId() + "/" + sessionId;
        expect(cpo.call("PUT", "sessions", "RECEIVER", sessionPath, OcpiObjects.completedSession(cpo.partyId(),
                sessionId, cpo1Location, emspPartyId, tokenUid), Target.none()), cpo1.label() + " PUT session " + sessionId);
        awaitAt(emsp1, "PUT", sessionPath);
        String trackingPath = "/admin/tracking/sessions/NL/" + cpo.partyId() + "/" + sessionId;
        boolean awaiting = Waiting.within(WAIT, () -> admin.trackingFind(trackingPath)
                .map(found -> found.path("state").asText().equals("AWAITING_CDR")).orElse(false));
        if (!awaiting) {
            throw new DemoFailure("session tracking did not see " + sessionId + " COMPLETED in time");
        }
        int hours = admin.trackingFind("/admin/tracking/terms/NL/" + cpo.partyId() + "/DE/" + emspPartyId)
                .map(terms -> terms.path("cdr_within_hours").asInt()).orElse(48);
        String by = "PT" + (hours + 1) + "H";
        JsonNode clock;
        try {
            clock = admin.trackingPost("/admin/tracking/clock",
                    OcpiJson.mapper().createObjectNode().put("advance", by));
        } catch (DemoFailure notAdjustable) {
            out.printf("%s PUT session %s COMPLETED, CDR withheld; session tracking awaits its CDR within %d h (its"
                    + " clock is not adjustable here, so the demonstration does not wait for the breach)%n",
                    cpo1.label(), sessionId, hours);
            return;
        }
        JsonNode[] breach = new JsonNode[1];
        boolean breached;
        boolean back = false;
        try {
            breached = Waiting.within(WAIT, () -> admin.trackingFind(trackingPath).map(found -> {
                for (JsonNode b : found.path("breaches")) {
                    if (b.path("kind").asText().equals("CDR_OVERDUE")) {
                        breach[0] = b;
                    }
                }
                return breach[0] != null;
            }).orElse(false));
        } finally {
            back = clockBack(by);
        }
        if (!breached) {
            throw new DemoFailure("no CDR_OVERDUE breach for " + sessionId + " after moving the clock " + by);
        }
        out.printf("%s PUT session %s COMPLETED and withheld its CDR; session tracking's clock moved %s (now %s):"
                        + " breach %s (due %s), published on tracking.sla-breach.v1; then the clock %s"
                        + " (offset now %s)%n",
                cpo1.label(), sessionId, by, clock.path("now").asText(), breach[0].path("kind").asText(),
                breach[0].path("due_at").asText(), back ? "moved back " + by : "did not move back", clockOffset());
    }

    /**
     * Moves session tracking's clock back by {@code by}, what the demonstration moved it forward; whether it did.
     * A failure here is printed, not thrown, so that it neither hides why a failing step failed nor stops the
     * demonstration, and the reader learns how to bring the clock back.
     */
    private boolean clockBack(String by) {
        try {
            admin.trackingPost("/admin/tracking/clock", OcpiJson.mapper().createObjectNode().put("back", by));
            return true;
        } catch (DemoFailure notBack) {
            out.printf("session tracking's clock could not be moved back %s (%s); it stays ahead until moved back"
                    + " (docs/operations/tracking.md) or session tracking restarts%n", by, notBack.getMessage());
            return false;
        }
    }

    /** How far session tracking's clock is ahead of the system time, e.g. {@code PT0S}. */
    private String clockOffset() {
        return admin.trackingFind("/admin/tracking/clock").map(clock -> clock.path("offset").asText()).orElse("?");
    }

    /**
     * Waits for {@code receiver} to get a request; when none comes in time, the failure also says how the hub's
     * delivery queue for that receiver stands (e.g. backing off after failures).
     */
    private Received awaitAt(DemoPartner receiver, String method, String pathContains) {
        try {
            return receiver.platform().awaitReceived(method, pathContains, WAIT);
        } catch (AssertionError notReceived) {
            throw new DemoFailure(receiver.label() + ": " + notReceived.getMessage() + "; "
                    + queueState.apply(receiver));
        }
    }

    static void expect(Answer answer, String what) {
        if (answer.statusCode() != SUCCESS) {
            throw new DemoFailure(what + " answered HTTP " + answer.http() + " " + answer.body());
        }
    }

    static String from(Received request) {
        return request.header("OCPI-from-country-code") + "*" + request.header("OCPI-from-party-id");
    }

    static String fromHeaders(Answer answer) {
        return answer.header("OCPI-from-country-code") + "*" + answer.header("OCPI-from-party-id");
    }
}
