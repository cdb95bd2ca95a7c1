package io.chargeclear.partners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiJson;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the operator and the partners do before any roaming traffic: register each platform at the party registry
 * (or issue a fresh token A for one kept from an earlier run), let the partner run the OCPI credentials handshake,
 * and agree who roams with whom; each time waiting until the gateway has learned it through Kafka.
 */
final class Onboarding {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROW = "    %-4s %-4s %-6s %-22s %-10s %-13s %-6s %-8s  %s%n";

    private final Settings settings;
    private final AdminApi admin;
    private final PrintStream out;

    Onboarding(Settings settings, AdminApi admin, PrintStream out) {
        this.settings = settings;
        this.admin = admin;
        this.out = out;
    }

    /** Registers or re-admits the partner's platform, connects the partner, and returns the platform's id. */
    String connect(DemoPartner partner) {
        JsonNode existing = livePlatformOf(partner);
        String platformId;
        String tokenA;
        String registration;
        if (existing == null) {
            JsonNode created = admin.registryPost("/admin/platforms", registration(partner), 201);
            platformId = created.path("id").asText();
            tokenA = created.path("token_a").asText();
            registration = "registered as platform " + shortId(platformId);
        } else {
            platformId = existing.path("id").asText();
            String status = existing.path("status").asText();
            if (!"ACTIVE".equals(status)) {
                throw new DemoFailure("platform " + platformId + " ('" + existing.path("name").asText() + "') holds "
                        + partner.label() + " and is " + status.toLowerCase(Locale.ROOT) + "; reactivate it (POST "
                        + settings.registryUrl() + "/admin/platforms/" + platformId + "/reactivate) or unregister it");
            }
            tokenA = admin.registryPost("/admin/platforms/" + platformId + "/token-a", null, 200)
                    .path("token_a").asText();
            registration = "platform " + shortId(platformId) + " kept from an earlier run, new token A issued"
                    + keepRegistration(partner, existing, platformId);
        }
        Duration travelled = Waiting.until("token A of " + partner.label() + " is accepted at the gateway", WAIT,
                () -> admin.gatewayAccepts(tokenA));
        partner.platform().connect(settings.gatewayUrl() + "/ocpi/versions", tokenA);
        Waiting.until(partner.label() + " is routable at the gateway", WAIT, () -> routable(partner));
        out.printf("%s %s (%s%s): %s; token A at the gateway after %s; credentials handshake 1000 with hub %s*%s,"
                        + " token C issued; routable%n", partner.label(), partner.name(), partner.role(),
                registered(partner), registration, Waiting.seconds(travelled), partner.platform().hubCountryCode(),
                partner.platform().hubPartyId());
        return platformId;
    }

    /**
     * Prints the gateway's routing table, as it learned it from {@code hub.party.v1}, with what the registry records
     * about each party beyond its role (EMAID provider ids, payment terminal provider), which the gateway routes by
     * but does not list.
     */
    void printRoutingTable() {
        Map<String, String> notes = new HashMap<>();
        for (JsonNode platform : admin.registryGet("/admin/platforms")) {
            if ("UNREGISTERED".equals(platform.path("status").asText())) {
                continue;
            }
            for (JsonNode party : platform.path("parties")) {
                List<String> note = new ArrayList<>();
                if (!party.path("emaid_provider_ids").isEmpty()) {
                    List<String> ids = new ArrayList<>();
                    party.path("emaid_provider_ids").forEach(id -> ids.add(id.asText()));
                    note.add("EMAID provider ids " + String.join(", ", ids));
                }
                if (party.path("payment_terminal_provider").asBoolean(false)) {
                    note.add("payment terminal provider");
                }
                notes.put(party.path("country_code").asText() + "*" + party.path("party_id").asText(),
                        String.join("; ", note));
            }
        }
        out.println("the gateway's routing table (hub.party.v1: outbox -> Debezium -> Kafka -> gateway) now reads:");
        out.printf(ROW, "cc", "pid", "role", "platform", "status", "connection", "ocpi", "routable", "registered as");
        for (JsonNode route : admin.gatewayGet("/admin/routing")) {
            String platform = route.path("platform_name").asText("");
            String party = route.path("country_code").asText() + "*" + route.path("party_id").asText();
            out.printf(ROW, route.path("country_code").asText(), route.path("party_id").asText(),
                    route.path("role").asText(), platform.length() > 22 ? platform.substring(0, 22) : platform,
                    route.path("platform_status").asText(), route.path("connection").asText(),
                    route.path("ocpi_version").asText("-"), route.path("routable").asBoolean(),
                    notes.getOrDefault(party, ""));
        }
    }

    /**
     * Makes sure an active agreement exists for each pair (creating the missing ones) and none for {@code apart},
     * then waits until the gateway gates routing with them.
     */
    void agree(List<Pair> pairs, Pair apart) {
        JsonNode active = admin.registryGet("/admin/agreements?status=ACTIVE");
        JsonNode separated = agreementOf(active, apart);
        if (separated != null) {
            throw new DemoFailure("an active agreement " + separated.path("id").asText() + " exists between "
                    + apart + ", which the demo shows without one; end it with DELETE " + settings.registryUrl()
                    + "/admin/agreements/" + separated.path("id").asText());
        }
        List<String> ids = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        boolean created = false;
        for (Pair pair : pairs) {
            JsonNode agreement = agreementOf(active, pair);
            String outcome = agreement == null ? "created" : "kept";
            if (agreement == null) {
                agreement = admin.registryPost("/admin/agreements", agreement(pair), 201);
                created = true;
            }
            requireModules(agreement, pair);
            ids.add(agreement.path("id").asText());
            outcomes.add(pair + " " + outcome + (pair.modules().isEmpty() ? ""
                    : " (" + String.join(", ", pair.modules()) + "; hub fee " + pair.percent() + " %)"));
        }
        AtomicReference<JsonNode> view = new AtomicReference<>();
        Duration travelled = Waiting.until("the gateway applies the agreements " + ids, WAIT, () -> {
            view.set(admin.gatewayGet("/admin/routing/agreements"));
            List<String> known = new ArrayList<>();
            view.get().path("agreements").forEach(row -> {
                if ("ACTIVE".equals(row.path("status").asText())) {
                    known.add(row.path("id").asText());
                }
            });
            return known.containsAll(ids);
        });
        String mode = view.get().path("standard_terms_mode").asText("none yet");
        if ("OPEN_MARKET".equals(mode)) {
            throw new DemoFailure("the hub's standard terms are OPEN_MARKET, so every party roams with every other;"
                    + " the demo needs AGREEMENT_REQUIRED (PUT " + settings.registryUrl()
                    + "/admin/agreements/standard-terms)");
        }
        out.printf("agreements: %s; no agreement %s; the gateway gates routing with them%s (standard terms %s)%n",
                String.join(", ", outcomes), apart, created ? " after " + Waiting.seconds(travelled) : "", mode);
    }

    /**
     * An agreement kept from an earlier run may have been narrowed since: the demo's steps need the modules the pair
     * names (e.g. {@code tokens} for a Plug &amp; Charge authorization), so it stops saying which are missing.
     */
    private void requireModules(JsonNode agreement, Pair pair) {
        List<String> covered = new ArrayList<>();
        agreement.path("modules").forEach(module -> covered.add(module.asText()));
        List<String> missing = pair.needs().stream().filter(module -> !covered.contains(module)).toList();
        if (!missing.isEmpty()) {
            throw new DemoFailure("the agreement " + agreement.path("id").asText() + " between " + pair + " covers "
                    + covered + ", not " + missing + ", which the demo shows; end it with DELETE "
                    + settings.registryUrl() + "/admin/agreements/" + agreement.path("id").asText()
                    + " and the demo creates one that does");
        }
    }

    /**
     * What the registry records beyond the role of a platform kept from an earlier run is made what the demo shows:
     * the eMSP's EMAID provider ids are replaced as a whole when they differ (a kept platform may predate them); a
     * payment terminal provider cannot become one later, so a kept platform that is not one stops the demo. What
     * changed, for the connection line.
     */
    private String keepRegistration(DemoPartner partner, JsonNode platform, String platformId) {
        JsonNode party = null;
        for (JsonNode each : platform.path("parties")) {
            if (isParty(each, partner)) {
                party = each;
            }
        }
        if (party == null) {
            return "";
        }
        if (partner.paymentTerminalProvider() && !party.path("payment_terminal_provider").asBoolean(false)) {
            throw new DemoFailure("platform " + platformId + " ('" + platform.path("name").asText() + "') holds "
                    + partner.label() + " but not as a payment terminal provider; unregister it (DELETE "
                    + settings.registryUrl() + "/admin/platforms/" + platformId + ") and the demo registers it as one");
        }
        List<String> held = new ArrayList<>();
        party.path("emaid_provider_ids").forEach(id -> held.add(id.asText()));
        if (held.equals(partner.emaidProviderIds())) {
            return "";
        }
        ObjectNode body = OcpiJson.mapper().createObjectNode();
        ArrayNode ids = body.putArray("emaid_provider_ids");
        partner.emaidProviderIds().forEach(ids::add);
        admin.registryPut("/admin/platforms/" + platformId + "/parties/" + partner.platform().countryCode() + "/"
                + partner.platform().partyId() + "/emaid-provider-ids", body);
        return ", EMAID provider ids set to " + partner.emaidProviderIds() + " (PUT .../emaid-provider-ids)";
    }

    /** {@code , EMAID provider id DEDM1} or {@code , payment terminal provider}: what the role alone does not say. */
    private static String registered(DemoPartner partner) {
        if (partner.paymentTerminalProvider()) {
            return ", payment terminal provider";
        }
        return partner.emaidProviderIds().isEmpty() ? ""
                : ", EMAID provider id " + String.join(", ", partner.emaidProviderIds());
    }

    private JsonNode livePlatformOf(DemoPartner partner) {
        for (JsonNode platform : admin.registryGet("/admin/platforms")) {
            if ("UNREGISTERED".equals(platform.path("status").asText())) {
                continue;
            }
            for (JsonNode party : platform.path("parties")) {
                if (isParty(party, partner)) {
                    return platform;
                }
            }
        }
        return null;
    }

    private boolean routable(DemoPartner partner) {
        for (JsonNode route : admin.gatewayGet("/admin/routing")) {
            if (isParty(route, partner) && route.path("routable").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode agreementOf(JsonNode agreements, Pair pair) {
        for (JsonNode agreement : agreements) {
            if (isParty(agreement.path("cpo"), pair.cpo()) && isParty(agreement.path("emsp"), pair.emsp())) {
                return agreement;
            }
        }
        return null;
    }

    private static boolean isParty(JsonNode party, DemoPartner partner) {
        return partner.platform().countryCode().equalsIgnoreCase(party.path("country_code").asText())
                && partner.platform().partyId().equalsIgnoreCase(party.path("party_id").asText());
    }

    private static ObjectNode registration(DemoPartner partner) {
        ObjectNode body = OcpiJson.mapper().createObjectNode().put("name", partner.name());
        ObjectNode party = body.putArray("parties").addObject()
                .put("country_code", partner.platform().countryCode())
                .put("party_id", partner.platform().partyId())
                .put("role", partner.role())
                .put("name", partner.name());
        if (!partner.emaidProviderIds().isEmpty()) {
            ArrayNode ids = party.putArray("emaid_provider_ids");
            partner.emaidProviderIds().forEach(ids::add);
        }
        if (partner.paymentTerminalProvider()) {
            party.put("payment_terminal_provider", true);
        }
        return body;
    }

    private static ObjectNode agreement(Pair pair) {
        ObjectNode body = OcpiJson.mapper().createObjectNode();
        body.putObject("cpo").put("country_code", pair.cpo().platform().countryCode())
                .put("party_id", pair.cpo().platform().partyId());
        body.putObject("emsp").put("country_code", pair.emsp().platform().countryCode())
                .put("party_id", pair.emsp().platform().partyId());
        body.put("valid_from", Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        if (!pair.modules().isEmpty()) {
            ArrayNode modules = body.putArray("modules");
            pair.modules().forEach(modules::add);
        }
        ObjectNode hubFee = body.putObject("hub_fee").put("percent", pair.percent());
        if (!pair.perSession().isEmpty()) {
            ArrayNode perSession = hubFee.putArray("per_session");
            pair.perSession().forEach(fee -> perSession.addObject().put("amount", fee.amount())
                    .put("currency", fee.currency()));
        }
        return body;
    }

    private static String shortId(String platformId) {
        return platformId.length() > 8 ? platformId.substring(0, 8) : platformId;
    }

    /**
     * A CPO and its counterparty (an eMSP, or a payment terminal provider in the eMSP's seat) that roam with each
     * other under an agreement (or, for the one left apart, do not). The hub's fee is {@code percent} plus, when
     * {@code perSession} names any, a fixed amount per session in each currency named.
     *
     * @param modules the modules the agreement covers; empty for every functional module
     * @param needs   the modules the demo's steps need an agreement kept from an earlier run to cover
     */
    record Pair(DemoPartner cpo, DemoPartner emsp, List<Fee> perSession, String percent, List<String> modules,
                List<String> needs) {

        /** A pair covering every module, its hub fee 2.5 % plus {@code perSession}. */
        Pair(DemoPartner cpo, DemoPartner emsp, List<Fee> perSession) {
            this(cpo, emsp, perSession, "2.5", List.of(), List.of());
        }

        /** A pair covering every module, its hub fee 2.5 % alone. */
        Pair(DemoPartner cpo, DemoPartner emsp) {
            this(cpo, emsp, List.of());
        }

        /** The same pair, whose agreement must cover {@code modules} even when kept from an earlier run. */
        Pair needing(String... modules) {
            return new Pair(cpo, emsp, perSession, percent, this.modules, List.of(modules));
        }

        /** A pair covering only {@code modules}, with a hub fee of {@code percent} alone. */
        static Pair only(DemoPartner cpo, DemoPartner emsp, String percent, String... modules) {
            return new Pair(cpo, emsp, List.of(), percent, List.of(modules), List.of(modules));
        }

        @Override
        public String toString() {
            return cpo.label() + "-" + emsp.label();
        }
    }

    /** The hub's fixed fee per session in one currency, e.g. {@code 0.15 CAD}. */
    record Fee(String amount, String currency) {
    }
}
