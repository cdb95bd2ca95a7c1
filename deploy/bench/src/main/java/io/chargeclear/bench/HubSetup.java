package io.chargeclear.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.partners.AdminApi;
import io.chargeclear.partners.DemoFailure;
import io.chargeclear.partners.Settings;
import io.chargeclear.partners.Waiting;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Connects the benchmarks' CPOs and eMSPs to the hub the way a partner is connected in production, through public
 * APIs only: the operator registers each platform at the party registry (admin API, bearer token), the platform runs
 * the OCPI credentials handshake with its token A, the operator creates the CPO-eMSP agreements, and the platforms
 * push what the hub needs before the load (an eMSP its tokens, so that the hub finds a token's eMSP without OCPI-to
 * headers; a CPO its locations and tariffs, so that its CDRs can be rated). At the end the platforms unregister (OCPI
 * {@code DELETE} credentials), so a later run starts from the same state.
 */
final class HubSetup {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Settings settings;
    private final AdminApi admin;
    private final PrintStream log;
    private final ObjectMapper mapper = OcpiJson.mapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    HubSetup(Settings settings, PrintStream log) {
        this.settings = settings;
        this.admin = new AdminApi(settings);
        this.log = log;
    }

    /** A platform connected to the hub: its token C and the hub's endpoints by {@code module/ROLE}. */
    record Connection(FakePlatform platform, String tokenC, Map<String, String> hubEndpoints, String hubCountryCode,
                      String hubPartyId) {

        String hubUrl(String module, String role) {
            String url = hubEndpoints.get(module + "/" + role);
            if (url == null) {
                throw new DemoFailure("the hub lists no " + module + " " + role + " endpoint: " + hubEndpoints);
            }
            return url;
        }
    }

    /** Registers (or re-admits) the platform, runs the credentials handshake and waits until it is routable. */
    Connection connect(FakePlatform platform) {
        String tokenA = tokenA(platform);
        Waiting.until("token A of " + platform.label() + " is accepted at the gateway", WAIT,
                () -> admin.gatewayAccepts(tokenA));
        JsonNode versions = ocpi("GET", settings.gatewayUrl() + "/ocpi/versions", tokenA, null, Map.of());
        String detailsUrl = null;
        for (JsonNode version : versions.path("data")) {
            if (FakePlatform.VERSION.equals(version.path("version").asText())) {
                detailsUrl = version.path("url").asText();
            }
        }
        if (detailsUrl == null) {
            throw new DemoFailure("the hub offers no OCPI " + FakePlatform.VERSION + ": " + versions);
        }
        Map<String, String> endpoints = new HashMap<>();
        for (JsonNode endpoint : ocpi("GET", detailsUrl, tokenA, null, Map.of()).path("data").path("endpoints")) {
            endpoints.put(endpoint.path("identifier").asText() + "/"
                    + endpoint.path("role").asText().toUpperCase(Locale.ROOT), endpoint.path("url").asText());
        }
        String credentialsUrl = endpoints.get("credentials/SENDER");
        if (credentialsUrl == null) {
            credentialsUrl = endpoints.get("credentials/RECEIVER");
        }
        JsonNode answer = ocpi("POST", credentialsUrl, tokenA, platform.credentials().toString(), Map.of());
        String tokenC = answer.path("data").path("token").asText(null);
        if (tokenC == null) {
            throw new DemoFailure("the hub's credentials carry no token: " + answer);
        }
        JsonNode hub = null;
        for (JsonNode role : answer.path("data").path("roles")) {
            if ("HUB".equals(role.path("role").asText())) {
                hub = role;
            }
        }
        if (hub == null) {
            throw new DemoFailure("the hub's credentials carry no HUB role: " + answer);
        }
        Waiting.until(platform.label() + " is routable at the gateway", WAIT, () -> routable(platform));
        log.printf("  %s (%s): credentials handshake 1000, token C issued, routable%n", platform.label(),
                platform.role());
        return new Connection(platform, tokenC, Map.copyOf(endpoints), hub.path("country_code").asText(),
                hub.path("party_id").asText());
    }

    /**
     * Makes sure an active agreement covers the pair (creates it when missing) and waits until the gateway gates
     * routing with it; under OPEN_MARKET standard terms the agreement is created all the same, it does no harm.
     */
    void agree(FakePlatform cpo, FakePlatform emsp) {
        JsonNode agreement = null;
        for (JsonNode candidate : admin.registryGet("/admin/agreements?status=ACTIVE")) {
            if (isParty(candidate.path("cpo"), cpo) && isParty(candidate.path("emsp"), emsp)) {
                agreement = candidate;
            }
        }
        if (agreement == null) {
            ObjectNode body = mapper.createObjectNode();
            body.putObject("cpo").put("country_code", cpo.countryCode()).put("party_id", cpo.partyId());
            body.putObject("emsp").put("country_code", emsp.countryCode()).put("party_id", emsp.partyId());
            body.put("valid_from", Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
            body.putObject("hub_fee").put("percent", "2.5");
            agreement = admin.registryPost("/admin/agreements", body, 201);
        }
        String id = agreement.path("id").asText();
        Waiting.until("the gateway applies agreement " + id, WAIT, () -> {
            for (JsonNode row : admin.gatewayGet("/admin/routing/agreements").path("agreements")) {
                if (id.equals(row.path("id").asText()) && "ACTIVE".equals(row.path("status").asText())) {
                    return true;
                }
            }
            return false;
        });
        log.printf("  agreement %s-%s active at the gateway%n", cpo.label(), emsp.label());
    }

    /**
     * The eMSP pushes each token to the hub (TO the hub: the hub keeps it and forwards it to the CPOs), then waits
     * until an authorization through the hub without OCPI-to headers reaches the eMSP.
     */
    void pushTokens(Connection emsp, Connection cpo, List<String> uids) {
        FakePlatform platform = emsp.platform();
        String receiver = emsp.hubUrl("tokens", "RECEIVER");
        for (String uid : uids) {
            ocpi("PUT", receiver + "/" + platform.countryCode() + "/" + platform.partyId() + "/" + uid + "?type=RFID",
                    emsp.tokenC(), platform.token(uid).toString(), functionalHeaders(platform, true, emsp));
        }
        String authorize = cpo.hubUrl("tokens", "SENDER") + "/" + uids.get(0) + "/authorize?type=RFID";
        Waiting.until("the hub routes an authorization of " + uids.get(0) + " to " + platform.label(), WAIT, () -> {
            ocpi("POST", authorize, cpo.tokenC(), "{\"location_id\": \"LOC-HOP-1\"}",
                    functionalHeaders(cpo.platform(), false, cpo));
            return true;
        });
        log.printf("  %s pushed %d tokens to the hub; an authorization without OCPI-to headers reaches it%n",
                platform.label(), uids.size());
    }

    /**
     * The platform pushes one of its own objects to the hub ({@code PUT} on the hub's {@code module} receiver
     * endpoint, OCPI-to the hub, so the hub keeps it and forwards it to the partners under agreement), e.g. a
     * location or a tariff of a CPO. Fails unless the hub answers 1000.
     */
    void push(Connection from, String module, String objectId, String body) {
        FakePlatform platform = from.platform();
        ocpi("PUT", from.hubUrl(module, "RECEIVER") + "/" + platform.countryCode() + "/" + platform.partyId() + "/"
                + objectId, from.tokenC(), body, functionalHeaders(platform, true, from));
    }

    /** The platform POSTs {@code body} at the hub's {@code url} (no OCPI-to: the hub routes it). Fails unless 1000. */
    void post(Connection from, String url, String body) {
        ocpi("POST", url, from.tokenC(), body, functionalHeaders(from.platform(), false, from));
    }

    /** Unregisters the platform (OCPI {@code DELETE} on the hub's credentials endpoint with token C). */
    void disconnect(Connection connection) {
        try {
            String url = connection.hubEndpoints().getOrDefault("credentials/SENDER",
                    connection.hubEndpoints().get("credentials/RECEIVER"));
            ocpi("DELETE", url, connection.tokenC(), null, Map.of());
            log.printf("  %s unregistered%n", connection.platform().label());
        } catch (RuntimeException e) {
            log.printf("  %s could not unregister: %s%n", connection.platform().label(), e.getMessage());
        }
    }

    /** The headers of a functional call: OCPI-from the platform, OCPI-to the hub when {@code toHub}. */
    static Map<String, String> functionalHeaders(FakePlatform from, boolean toHub, Connection connection) {
        Map<String, String> headers = new HashMap<>();
        headers.put("OCPI-from-country-code", from.countryCode());
        headers.put("OCPI-from-party-id", from.partyId());
        if (toHub) {
            headers.put("OCPI-to-country-code", connection.hubCountryCode());
            headers.put("OCPI-to-party-id", connection.hubPartyId());
        }
        return headers;
    }

    private String tokenA(FakePlatform platform) {
        for (JsonNode existing : admin.registryGet("/admin/platforms")) {
            if ("UNREGISTERED".equals(existing.path("status").asText())) {
                continue;
            }
            for (JsonNode party : existing.path("parties")) {
                if (isParty(party, platform)) {
                    String id = existing.path("id").asText();
                    if (!"ACTIVE".equals(existing.path("status").asText())) {
                        throw new DemoFailure("platform " + id + " holds " + platform.label() + " and is "
                                + existing.path("status").asText() + "; reactivate or unregister it");
                    }
                    return admin.registryPost("/admin/platforms/" + id + "/token-a", null, 200)
                            .path("token_a").asText();
                }
            }
        }
        ObjectNode body = mapper.createObjectNode().put("name", "Benchmark " + platform.role() + " "
                + platform.label());
        body.putArray("parties").addObject()
                .put("country_code", platform.countryCode())
                .put("party_id", platform.partyId())
                .put("role", platform.role())
                .put("name", "Benchmark " + platform.role() + " " + platform.label());
        return admin.registryPost("/admin/platforms", body, 201).path("token_a").asText();
    }

    private boolean routable(FakePlatform platform) {
        for (JsonNode route : admin.gatewayGet("/admin/routing")) {
            if (isParty(route, platform) && route.path("routable").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParty(JsonNode party, FakePlatform platform) {
        return platform.countryCode().equalsIgnoreCase(party.path("country_code").asText())
                && platform.partyId().equalsIgnoreCase(party.path("party_id").asText());
    }

    /** One OCPI call with {@code Token base64(token)}; fails unless the answer is HTTP 2xx with status 1000. */
    private JsonNode ocpi(String method, String url, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Token " + AdminApi.base64(token))
                .header("X-Request-ID", UUID.randomUUID().toString())
                .header("X-Correlation-ID", UUID.randomUUID().toString());
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DemoFailure(method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(method + " " + url + " interrupted");
        }
        JsonNode answer;
        try {
            answer = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new DemoFailure(method + " " + url + " answered HTTP " + response.statusCode() + " without JSON: "
                    + response.body());
        }
        if (response.statusCode() / 100 != 2 || answer.path("status_code").asInt() != 1000) {
            throw new DemoFailure(method + " " + url + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return answer;
    }
}
