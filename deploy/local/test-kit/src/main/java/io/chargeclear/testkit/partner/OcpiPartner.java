package io.chargeclear.testkit.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.credentials.Role;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A roaming partner's OCPI platform (a CPO or an eMSP) for tests: it serves its own endpoints on a loopback HTTP
 * port and calls the hub over real HTTP, so the hub under test meets the same traffic a connected platform would
 * produce. It speaks OCPI 2.2.1 unless built {@linkplain #onVersion(String) on 2.3.0}; the version decides its
 * paths, the version it registers on and how it reads the hub's credentials, not the bodies: it stores what it is
 * sent and sends what it is given, so a 2.3.0 platform's callers write 2.3.0 objects.
 * <p>
 * Server side: {@code /ocpi/versions}, {@code /ocpi/<version>} and one endpoint per module at
 * {@code /ocpi/<version>/<module>/<sender|receiver>} (see {@link #endpointUrl(String)}), all answering only to
 * {@code Authorization: Token base64(tokenB)}. Receiver endpoints keep what is pushed to them, sender endpoints
 * answer from what the platform {@linkplain #holds holds}, a CPO answers commands and charging profile requests and
 * posts their results asynchronously, an eMSP answers real-time authorizations from a programmable table. Every
 * request is recorded as a {@link Received}, with what the platform answered; the platform can be switched
 * {@linkplain #online(boolean) offline}.
 * <p>
 * Client side: {@link #connect(String, String)} runs the OCPI credentials registration with the hub, after which
 * {@link #call} reaches any endpoint the hub's version details list, addressed by module and interface role.
 */
public final class OcpiPartner implements AutoCloseable {

    /** The OCPI version a platform speaks unless built {@linkplain #onVersion(String) on another}. */
    public static final String DEFAULT_VERSION = "2.2.1";
    /** The versions a platform can speak: the ones the hub offers. */
    public static final Set<String> VERSIONS = Set.of("2.2.1", "2.3.0");

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String VERSIONS_PATH = "/ocpi/versions";
    private static final String CREDENTIALS = "credentials";
    private static final String SENDER = "SENDER";
    private static final String RECEIVER = "RECEIVER";
    /** The modules besides credentials, in the order the version details list them (hubclientinfo: Receiver). */
    private static final List<String> MODULES = List.of("locations", "tariffs", "sessions", "cdrs", "tokens",
            "commands", "chargingprofiles", "hubclientinfo");
    /**
     * The modules a CPO implements as RECEIVER and an eMSP (or a payment terminal provider) as SENDER; the others the
     * other way round. {@code payments} only on OCPI 2.3.0.
     */
    private static final Set<String> EMSP_OWNED = Set.of("tokens", "commands", "chargingprofiles", "payments");

    private final Role role;
    private final String countryCode;
    private final String partyId;
    private final String tokenB;
    private final String version;
    /** {@code /ocpi/<version>}: this platform's version details, the root of its endpoints. */
    private final String detailsPath;
    private final ObjectMapper mapper = OcpiJson.mapper();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CLIENT_TIMEOUT)
            .build();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** Objects this platform owns, by module and object id; guarded by itself. */
    private final Map<String, Map<String, JsonNode>> held = new HashMap<>();
    /** Objects pushed to this platform's receiver endpoints, by module and sub-path; guarded by itself. */
    private final Map<String, Map<String, JsonNode>> stored = new HashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    private volatile boolean online = true;
    private volatile Duration authorizationDelay = Duration.ZERO;
    private volatile String commandResult = "ACCEPTED";
    private volatile String chargingProfileResult = "ACCEPTED";
    private volatile Duration resultDelay = Duration.ofMillis(200);

    private volatile HttpServer server;
    private volatile ExecutorService serverThreads;
    private volatile ScheduledExecutorService resultThreads;

    private volatile String tokenC;
    private volatile String hubCountryCode;
    private volatile String hubPartyId;
    /** The hub's endpoint URLs by {@code module/ROLE}, from its version details. */
    private volatile Map<String, String> hubEndpoints = Map.of();

    private OcpiPartner(Role role, String countryCode, String partyId, String tokenB, String version) {
        this.role = role;
        this.countryCode = countryCode;
        this.partyId = partyId;
        this.tokenB = tokenB;
        this.version = version;
        this.detailsPath = "/ocpi/" + version;
    }

    /** A CPO platform of party {@code countryCode}-{@code partyId} that the hub must call with {@code tokenB}. */
    public static OcpiPartner cpo(String countryCode, String partyId, String tokenB) {
        return new OcpiPartner(Role.CPO, countryCode, partyId, tokenB, DEFAULT_VERSION);
    }

    /** An eMSP platform of party {@code countryCode}-{@code partyId} that the hub must call with {@code tokenB}. */
    public static OcpiPartner emsp(String countryCode, String partyId, String tokenB) {
        return new OcpiPartner(Role.EMSP, countryCode, partyId, tokenB, DEFAULT_VERSION);
    }

    /**
     * A payment terminal provider's platform (role OTHER, OCPI 2.3.0 payments): it owns terminals and financial advice
     * confirmations (payments Sender), sends commands, and receives the sessions and CDRs of terminal-paid charges.
     */
    public static OcpiPartner paymentTerminalProvider(String countryCode, String partyId, String tokenB) {
        return new OcpiPartner(Role.OTHER, countryCode, partyId, tokenB, "2.3.0");
    }

    /**
     * The same platform speaking {@code version} (one of {@link #VERSIONS}): it lists only that version, serves its
     * endpoints under {@code /ocpi/<version>} and registers on the hub's credentials endpoint of that version.
     * A new, not yet started platform, so a version never changes under a running one.
     */
    public OcpiPartner onVersion(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("OCPI " + version + " is not one of " + VERSIONS);
        }
        if (server != null) {
            throw new IllegalStateException("choose the version before starting the platform");
        }
        return new OcpiPartner(role, countryCode, partyId, tokenB, version);
    }

    /** Starts serving on an ephemeral loopback port. */
    public OcpiPartner start() {
        return start(0);
    }

    /** Starts serving on loopback port {@code port} (0: an ephemeral one), e.g. for a URL a guide can print. */
    public OcpiPartner start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            serverThreads = Executors.newCachedThreadPool(daemon("ocpi-partner-" + partyId));
            resultThreads = Executors.newSingleThreadScheduledExecutor(daemon("ocpi-partner-" + partyId + "-results"));
            created.setExecutor(serverThreads);
            created.createContext("/", this::handle);
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open loopback port " + port, e);
        }
        return this;
    }

    /** Stops serving and drops pending asynchronous results. */
    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
            resultThreads.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // identity

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL of this platform's versions endpoint, sent to the hub during registration. */
    public String versionsUrl() {
        return baseUrl() + VERSIONS_PATH;
    }

    /**
     * The URL of this platform's endpoint for {@code module} ({@code credentials} or a functional module), in the
     * interface role this platform implements: {@code /ocpi/<version>/<module>/<sender|receiver>}.
     */
    public String endpointUrl(String module) {
        return baseUrl() + endpointPath(module);
    }

    /** The token the hub must use to call this platform. */
    public String tokenB() {
        return tokenB;
    }

    /** The token this platform uses to call the hub; null before {@link #connect}. */
    public String tokenC() {
        return tokenC;
    }

    public String countryCode() {
        return countryCode;
    }

    public String partyId() {
        return partyId;
    }

    /** {@link Role#CPO}, {@link Role#EMSP}, or {@link Role#OTHER} for a payment terminal provider. */
    public Role role() {
        return role;
    }

    /** The OCPI version this platform speaks, e.g. {@code 2.2.1}. */
    public String version() {
        return version;
    }

    /** The hub's country code (2.2.1: from its HUB role, 2.3.0: its {@code hub_party_id}); null before connecting. */
    public String hubCountryCode() {
        return hubCountryCode;
    }

    /** The hub's party id (2.2.1: from its HUB role, 2.3.0: its {@code hub_party_id}); null before connecting. */
    public String hubPartyId() {
        return hubPartyId;
    }

    // ---------------------------------------------------------------------------------------------------------
    // behaviour

    /** Switches the platform on or off; while off every request is answered HTTP 503 without a body. */
    public OcpiPartner online(boolean online) {
        this.online = online;
        return this;
    }

    /**
     * Makes the platform own an object of a sender module ({@code locations}, {@code tariffs}, {@code sessions},
     * {@code cdrs} for a CPO, {@code tokens} for an eMSP), so that the hub's GETs on that module find it.
     *
     * @param object a JSON string, a {@link JsonNode} or any object Jackson can serialise
     */
    public OcpiPartner holds(String module, String id, Object object) {
        JsonNode tree = toTree(object);
        synchronized (held) {
            held.computeIfAbsent(module, key -> new LinkedHashMap<>()).put(id, tree);
        }
        return this;
    }

    /**
     * Programs the eMSP's answer to a real-time authorization of token {@code uid}: an AllowedType such as
     * {@code ALLOWED}, {@code BLOCKED} or {@code NO_CREDIT}. A uid never programmed is an unknown token.
     */
    public OcpiPartner authorizes(String uid, String allowed) {
        authorizations.put(uid, allowed);
        return this;
    }

    /** How long the eMSP waits before answering a real-time authorization (default none). */
    public OcpiPartner authorizationDelay(Duration delay) {
        this.authorizationDelay = delay;
        return this;
    }

    /**
     * The CommandResultType the CPO posts to a command's {@code response_url} (default {@code ACCEPTED});
     * null posts no result at all.
     */
    public OcpiPartner commandResult(String result) {
        this.commandResult = result;
        return this;
    }

    /**
     * The ChargingProfileResultType the CPO posts to a charging profile request's {@code response_url} (default
     * {@code ACCEPTED}); null posts no result at all.
     */
    public OcpiPartner chargingProfileResult(String result) {
        this.chargingProfileResult = result;
        return this;
    }

    /** How long after answering a command or charging profile request the CPO posts its result (default 200 ms). */
    public OcpiPartner resultDelay(Duration delay) {
        this.resultDelay = delay;
        return this;
    }

    /**
     * What was pushed to this platform's receiver endpoint of {@code module} at {@code subPath}, e.g.
     * {@code /NL/CP1/LOC1} (a PUT, with later PATCHes merged in; a PATCH of an unknown object is kept as is) or
     * {@code /<cdr id>} for a posted CDR.
     */
    public Optional<JsonNode> stored(String module, String subPath) {
        synchronized (stored) {
            return Optional.ofNullable(stored.getOrDefault(module, Map.of()).get(subPath)).map(JsonNode::deepCopy);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // what the platform received and sent

    /** Every request received, in order, including those answered while offline. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * The requests received while online whose method matches ({@code null} for any) and whose path contains
     * {@code pathContains}, in order.
     */
    public List<Received> received(String method, String pathContains) {
        return received.stream().filter(matching(method, pathContains)).collect(Collectors.toList());
    }

    /**
     * Waits for the first request received while online that matches as in {@link #received(String, String)};
     * fails the test, listing what was received, when none arrives in time.
     */
    public Received awaitReceived(String method, String pathContains, Duration timeout) {
        Predicate<Received> matching = matching(method, pathContains);
        return await(() -> received.stream().filter(matching).findFirst(), timeout, () -> "no " + method + " "
                + pathContains + " received within " + timeout + "; received: "
                + received.stream().map(Received::summary).collect(Collectors.toList()));
    }

    /** Forgets every request received so far. */
    public void clearReceived() {
        received.clear();
    }

    /** The calls this platform made on its own initiative (command and charging profile results), in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Waits for the first call this platform made to a URL containing {@code urlContains}. */
    public Sent awaitSent(String urlContains, Duration timeout) {
        return await(() -> sent.stream().filter(call -> call.url().contains(urlContains)).findFirst(), timeout,
                () -> "no call to " + urlContains + " within " + timeout + "; sent: " + sent);
    }

    // ---------------------------------------------------------------------------------------------------------
    // client side

    /**
     * Registers with the hub as OCPI §credentials describes: with {@code tokenA} fetches the hub's versions and the
     * details of this platform's version, then posts this platform's credentials (token B, versions URL, role) to
     * that version's credentials endpoint. Remembers the hub's token C, its endpoints and its party (2.2.1: the
     * role HUB; 2.3.0: {@code hub_party_id}, since its roles list the parties reachable through it); fails the test
     * with the hub's answer otherwise.
     */
    public void connect(String hubVersionsUrl, String tokenA) {
        Map<String, String> endpoints = discover(hubVersionsUrl, tokenA);
        String credentialsUrl = Optional.ofNullable(endpoints.get(CREDENTIALS + "/" + SENDER))
                .or(() -> Optional.ofNullable(endpoints.get(CREDENTIALS + "/" + RECEIVER)))
                .orElseThrow(() -> new AssertionError("the hub lists no credentials endpoint: " + endpoints));
        Answer answer = exchange("POST", credentialsUrl, ownCredentials(), configurationHeaders(tokenA));
        requireSuccess(answer, "POST " + credentialsUrl);
        JsonNode credentials = answer.data();
        String token = credentials.path("token").asText(null);
        if (token == null) {
            throw new AssertionError("the hub's credentials carry no token: " + answer.body());
        }
        Target hub = hubParty(credentials, answer.body());
        this.tokenC = token;
        this.hubCountryCode = hub.countryCode();
        this.hubPartyId = hub.partyId();
        this.hubEndpoints = Map.copyOf(endpoints);
    }

    /** The hub's country code and party id from its credentials, as this platform's version carries them. */
    private Target hubParty(JsonNode credentials, String body) {
        if (version.equals("2.2.1")) {
            JsonNode hubRole = findRole(credentials.path("roles"), Role.HUB.name())
                    .orElseThrow(() -> new AssertionError("the hub's credentials carry no HUB role: " + body));
            return Target.party(hubRole.path("country_code").asText(), hubRole.path("party_id").asText());
        }
        // OCPI 2.3.0 §credentials "hub_party_id": country code and party id, concatenated
        String hubPartyId = credentials.path("hub_party_id").asText("");
        if (hubPartyId.length() != 5) {
            throw new AssertionError("the hub's credentials carry no hub_party_id: " + body);
        }
        return Target.party(hubPartyId.substring(0, 2), hubPartyId.substring(2));
    }

    /**
     * The URL the hub's version details list for {@code module} in interface role {@code hubRole}
     * ({@code SENDER} or {@code RECEIVER}); fails the test when the hub lists none.
     */
    public String hubUrl(String module, String hubRole) {
        if (tokenC == null) {
            throw new IllegalStateException("not connected to a hub");
        }
        String url = hubEndpoints.get(module + "/" + hubRole.toUpperCase(Locale.ROOT));
        if (url == null) {
            throw new AssertionError("the hub lists no " + module + " " + hubRole + " endpoint; it lists "
                    + hubEndpoints);
        }
        return url;
    }

    /** {@link #call(String, String, String, String, Object, Target, Map)} without extra headers. */
    public Answer call(String method, String module, String hubRole, String pathSuffix, Object body, Target to) {
        return call(method, module, hubRole, pathSuffix, body, to, Map.of());
    }

    /**
     * Calls the hub's endpoint for {@code module} and {@code hubRole}, extended by {@code pathSuffix} ({@code ""},
     * a path such as {@code /NL/CP1/LOC1} or a query such as {@code ?offset=0}), with token C, fresh
     * {@code X-Request-ID} and {@code X-Correlation-ID}, this platform as OCPI-from and {@code to} as OCPI-to.
     * <p>
     * A PUT of an object this platform owns ({@code /{country_code}/{party_id}/{id}} on a hub RECEIVER endpoint of
     * a module this platform sends) that the hub accepts is also remembered as {@linkplain #holds held}, so the
     * platform answers later pulls and authorizations with what it pushed.
     *
     * @param body    null, a String sent as is, or an object serialised with {@link OcpiJson#mapper()}
     * @param headers headers to add or override (case-insensitive), e.g. a spoofed {@code OCPI-from-party-id};
     *                a null value removes the header
     */
    public Answer call(String method, String module, String hubRole, String pathSuffix, Object body, Target to,
                       Map<String, String> headers) {
        String url = join(hubUrl(module, hubRole), pathSuffix);
        Map<String, String> all = functionalHeaders(to);
        headers.forEach((name, value) -> {
            if (value == null) {
                all.remove(name);
            } else {
                all.put(name, value);
            }
        });
        Answer answer = exchange(method, url, body, all);
        rememberPush(method, module, hubRole, pathSuffix, body, answer);
        return answer;
    }

    /** GETs an absolute hub URL, e.g. a paginated list's {@code Link}, with token C and no OCPI-to headers. */
    public Answer get(String absoluteUrl) {
        return get(absoluteUrl, Target.none());
    }

    /** GETs an absolute hub URL, e.g. a paginated list's {@code Link}, with token C, addressed to {@code to}. */
    public Answer get(String absoluteUrl, Target to) {
        return exchange("GET", absoluteUrl, null, functionalHeaders(to));
    }

    private Map<String, String> discover(String versionsUrl, String token) {
        Answer versions = exchange("GET", versionsUrl, null, configurationHeaders(token));
        requireSuccess(versions, "GET " + versionsUrl);
        String detailsUrl = null;
        for (JsonNode version : versions.data()) {
            if (this.version.equals(version.path("version").asText())) {
                detailsUrl = version.path("url").asText();
            }
        }
        if (detailsUrl == null) {
            throw new AssertionError("the hub offers no version " + version + ": " + versions.body());
        }
        Answer details = exchange("GET", detailsUrl, null, configurationHeaders(token));
        requireSuccess(details, "GET " + detailsUrl);
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (JsonNode endpoint : details.data().path("endpoints")) {
            endpoints.put(endpoint.path("identifier").asText() + "/"
                    + endpoint.path("role").asText().toUpperCase(Locale.ROOT), endpoint.path("url").asText());
        }
        return endpoints;
    }

    private void rememberPush(String method, String module, String hubRole, String pathSuffix, Object body,
                              Answer answer) {
        if (!"PUT".equalsIgnoreCase(method) || !RECEIVER.equalsIgnoreCase(hubRole) || body == null
                || pathSuffix == null || !SENDER.equals(ownRole(module)) || answer.statusCode() != 1000) {
            return;
        }
        String path = pathSuffix.split("\\?", 2)[0];
        List<String> segments = segments(path);
        if (segments.size() == 3) {
            holds(module, segments.get(2), body);
        }
    }

    private Map<String, String> configurationHeaders(String token) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", authorization(token));
        headers.put("X-Request-ID", UUID.randomUUID().toString());
        headers.put("X-Correlation-ID", UUID.randomUUID().toString());
        return headers;
    }

    private Map<String, String> functionalHeaders(Target to) {
        if (tokenC == null) {
            throw new IllegalStateException("not connected to a hub");
        }
        Map<String, String> headers = configurationHeaders(tokenC);
        headers.put("OCPI-from-country-code", countryCode);
        headers.put("OCPI-from-party-id", partyId);
        if (to.isHub()) {
            headers.put("OCPI-to-country-code", hubCountryCode);
            headers.put("OCPI-to-party-id", hubPartyId);
        } else if (!to.isNone()) {
            headers.put("OCPI-to-country-code", to.countryCode());
            headers.put("OCPI-to-party-id", to.partyId());
        }
        return headers;
    }

    private Answer exchange(String method, String url, Object body, Map<String, String> headers) {
        String payload = body == null ? null : body instanceof String ? (String) body : write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(CLIENT_TIMEOUT);
        if (payload != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, payload == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        }
    }

    private static void requireSuccess(Answer answer, String what) {
        if (answer.statusCode() != 1000) {
            throw new AssertionError(what + " answered HTTP " + answer.http() + ": " + answer.body());
        }
    }

    /** Appends a path or query suffix so that exactly one {@code /} separates the URL and a path segment. */
    static String join(String url, String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            return url;
        }
        if (suffix.startsWith("?")) {
            return url + suffix;
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base + "/" + (suffix.startsWith("/") ? suffix.substring(1) : suffix);
    }

    // ---------------------------------------------------------------------------------------------------------
    // server side

    private void handle(HttpExchange exchange) {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    lowerCase(exchange.getRequestHeaders()), body, online, Instant.now(), null);
            received.add(request);
            if (!request.online()) {
                answered(request, new Received.Answered(503, -1, "offline"));
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Reply reply;
            try {
                reply = route(request);
            } catch (RuntimeException e) {
                reply = Reply.error(500, 3000, "partner platform failed: " + e);
            }
            answered(request, new Received.Answered(reply.http(), reply.statusCode(), reply.message()));
            respond(exchange, request, reply);
        } catch (IOException e) {
            // the caller hung up before the answer was written, e.g. the hub gave up waiting for an authorization
        } finally {
            exchange.close();
        }
    }

    /**
     * Records the answer to {@code request} in its place in {@link #received}, before the answer is written, so a
     * caller that has the answer finds it recorded. By identity: an equal request may have arrived twice.
     */
    private void answered(Received request, Received.Answered answer) {
        received.replaceAll(each -> each == request ? request.answered(answer) : each);
    }

    private Reply route(Received request) {
        if (!authorization(tokenB).equals(request.header("authorization"))) {
            return Reply.error(401, 2000, "unknown or missing token");
        }
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        if (path.equals(VERSIONS_PATH)) {
            return Reply.ok(versions());
        }
        if (path.equals(detailsPath)) {
            return Reply.ok(details());
        }
        if (path.equals(endpointPath(CREDENTIALS))) {
            return request.method().equals("GET") ? Reply.ok(ownCredentials()) : notAllowed(request);
        }
        for (String module : modules()) {
            String prefix = endpointPath(module);
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                String subPath = path.substring(prefix.length());
                return SENDER.equals(ownRole(module))
                        ? serveSender(module, subPath, request)
                        : serveReceiver(module, subPath, request);
            }
        }
        return Reply.error(404, 2000, "no endpoint at " + request.path());
    }

    private Reply serveSender(String module, String subPath, Received request) {
        List<String> segments = segments(subPath);
        String method = request.method();
        if (module.equals("tokens") && method.equals("POST") && segments.size() == 2
                && segments.get(1).equals("authorize")) {
            return authorize(segments.get(0), queryParameter(request.query(), "type"));
        }
        if (module.equals("commands") || module.equals("chargingprofiles")) {
            return method.equals("POST") || method.equals("PUT") ? Reply.ok(null) : notAllowed(request);
        }
        if (module.equals("payments") && !method.equals("GET")) {
            // a CPO's change of a terminal, an activation or a deactivation: taken as sent
            return request.body() == null || request.body().isBlank() ? Reply.ok(null)
                    : store(module, subPath, request, method.equals("PATCH"));
        }
        return method.equals("GET") ? heldObjects(module, segments) : notAllowed(request);
    }

    private Reply serveReceiver(String module, String subPath, Received request) {
        List<String> segments = segments(subPath);
        String method = request.method();
        if (module.equals("commands")) {
            return method.equals("POST") && segments.size() == 1
                    ? asyncResult(request, bodyField(request, "response_url"), commandResult)
                    : notAllowed(request);
        }
        if (module.equals("chargingprofiles")) {
            if (segments.size() != 1) {
                return notAllowed(request);
            }
            switch (method) {
                case "PUT":
                    return asyncResult(request, bodyField(request, "response_url"), chargingProfileResult);
                case "GET":
                case "DELETE":
                    return asyncResult(request, queryParameter(request.query(), "response_url"),
                            chargingProfileResult);
                default:
                    return notAllowed(request);
            }
        }
        if (module.equals("cdrs") && method.equals("POST") && segments.isEmpty()) {
            return postCdr(request);
        }
        if (module.equals("payments") && method.equals("POST")) {
            return postPayment(subPath, request);
        }
        if (segments.isEmpty()) {
            return notAllowed(request);
        }
        switch (method) {
            case "GET":
                return stored(module, subPath).map(Reply::ok)
                        .orElseGet(() -> Reply.error(200, 2001, "unknown object " + subPath));
            case "PUT":
            case "POST":
                return store(module, subPath, request, false);
            case "PATCH":
                return store(module, subPath, request, true);
            case "DELETE":
                synchronized (stored) {
                    stored.getOrDefault(module, new HashMap<>()).remove(subPath);
                }
                return Reply.ok(null);
            default:
                return notAllowed(request);
        }
    }

    private Reply store(String module, String subPath, Received request, boolean merge) {
        Optional<JsonNode> body = Json.parse(request.body()).filter(JsonNode::isObject);
        if (body.isEmpty()) {
            return Reply.error(200, 2001, "the body is not a JSON object");
        }
        synchronized (stored) {
            Map<String, JsonNode> objects = stored.computeIfAbsent(module, key -> new LinkedHashMap<>());
            JsonNode existing = objects.get(subPath);
            if (merge && existing instanceof ObjectNode) {
                ObjectNode merged = ((ObjectNode) existing).deepCopy();
                merged.setAll((ObjectNode) body.get());
                objects.put(subPath, merged);
            } else {
                objects.put(subPath, body.get());
            }
        }
        return Reply.ok(null);
    }

    /** A terminal or confirmation posted to a CPO, kept under its sub-path and id, e.g. {@code /terminals/T1}. */
    private Reply postPayment(String subPath, Received request) {
        Optional<JsonNode> body = Json.parse(request.body()).filter(JsonNode::isObject);
        if (body.isEmpty()) {
            return Reply.error(200, 2001, "the body is not a JSON object");
        }
        String id = body.get().path("terminal_id").asText(body.get().path("id").asText(""));
        String key = segments(subPath).size() == 1 ? subPath + "/" + id : subPath;
        synchronized (stored) {
            stored.computeIfAbsent("payments", k -> new LinkedHashMap<>()).put(key, body.get());
        }
        return Reply.ok(null);
    }

    private Reply postCdr(Received request) {
        Optional<JsonNode> cdr = Json.parse(request.body()).filter(json -> json.path("id").isTextual());
        if (cdr.isEmpty()) {
            return Reply.error(200, 2001, "the body is not a CDR with an id");
        }
        String subPath = "/" + cdr.get().path("id").asText();
        synchronized (stored) {
            stored.computeIfAbsent("cdrs", key -> new LinkedHashMap<>()).put(subPath, cdr.get());
        }
        return Reply.ok(null).withHeader("Location", endpointUrl("cdrs") + subPath);
    }

    private Reply heldObjects(String module, List<String> segments) {
        Map<String, JsonNode> objects;
        synchronized (held) {
            objects = new LinkedHashMap<>(held.getOrDefault(module, Map.of()));
        }
        if (segments.isEmpty()) {
            ArrayNode list = mapper.createArrayNode();
            objects.values().forEach(list::add);
            return Reply.ok(list)
                    .withHeader("X-Total-Count", String.valueOf(objects.size()))
                    .withHeader("X-Limit", String.valueOf(Math.max(objects.size(), 1)));
        }
        JsonNode object = objects.get(segments.get(0));
        if (module.equals("locations") && object != null && segments.size() > 1) {
            object = element(object.path("evses"), "uid", segments.get(1));
            if (object != null && segments.size() > 2) {
                object = element(object.path("connectors"), "id", segments.get(2));
            }
        } else if (segments.size() > 1) {
            object = null;
        }
        return object == null
                ? Reply.error(200, 2001, "unknown object " + String.join("/", segments))
                : Reply.ok(object);
    }

    private Reply authorize(String uid, String type) {
        sleep(authorizationDelay);
        String allowed = authorizations.get(uid);
        if (allowed == null) {
            return Reply.error(404, 2004, "unknown token " + uid);
        }
        JsonNode token;
        synchronized (held) {
            token = held.getOrDefault("tokens", Map.of()).get(uid);
        }
        ObjectNode data = mapper.createObjectNode();
        data.put("allowed", allowed);
        data.set("token", token != null ? token : minimalToken(uid, type == null ? "RFID" : type));
        data.put("authorization_reference", UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        return Reply.ok(data);
    }

    private ObjectNode minimalToken(String uid, String type) {
        String contractId = countryCode + "-" + partyId + "-C" + uid;
        ObjectNode token = mapper.createObjectNode();
        token.put("country_code", countryCode);
        token.put("party_id", partyId);
        token.put("uid", uid);
        token.put("type", type);
        token.put("contract_id", contractId.length() > 36 ? contractId.substring(0, 36) : contractId);
        token.put("issuer", businessName());
        token.put("valid", true);
        token.put("whitelist", "ALLOWED");
        token.put("last_updated", timestamp());
        return token;
    }

    /** Answers a command or charging profile request and posts {@code result} to its response URL later. */
    private Reply asyncResult(Received request, String responseUrl, String result) {
        if (responseUrl == null) {
            return Reply.error(200, 2001, "response_url missing");
        }
        if (result != null) {
            String correlationId = Optional.ofNullable(request.header("x-correlation-id"))
                    .orElseGet(() -> UUID.randomUUID().toString());
            Target to = request.header("ocpi-from-country-code") == null
                    ? Target.none()
                    : Target.party(request.header("ocpi-from-country-code"), request.header("ocpi-from-party-id"));
            resultThreads.schedule(() -> postResult(responseUrl, result, to, correlationId),
                    resultDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        ObjectNode response = mapper.createObjectNode();
        response.put("result", "ACCEPTED");
        response.put("timeout", 30);
        return Reply.ok(response);
    }

    private void postResult(String url, String result, Target to, String correlationId) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (tokenC != null) {
            headers.put("Authorization", authorization(tokenC));
        }
        headers.put("X-Request-ID", UUID.randomUUID().toString());
        headers.put("X-Correlation-ID", correlationId);
        headers.put("OCPI-from-country-code", countryCode);
        headers.put("OCPI-from-party-id", partyId);
        if (!to.isNone()) {
            headers.put("OCPI-to-country-code", to.countryCode());
            headers.put("OCPI-to-party-id", to.partyId());
        }
        String body = write(mapper.createObjectNode().put("result", result));
        try {
            Answer answer = exchange("POST", url, body, headers);
            sent.add(new Sent("POST", url, body, answer.http(), answer.body()));
        } catch (RuntimeException e) {
            sent.add(new Sent("POST", url, body, -1, e.toString()));
        }
    }

    private void respond(HttpExchange exchange, Received request, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        for (String name : List.of("X-Request-ID", "X-Correlation-ID")) {
            String value = request.header(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        if (isFunctional(request.path())) {
            headers.set("OCPI-from-country-code", countryCode);
            headers.set("OCPI-from-party-id", partyId);
            if (request.header("ocpi-from-country-code") != null) {
                headers.set("OCPI-to-country-code", request.header("ocpi-from-country-code"));
                headers.set("OCPI-to-party-id", request.header("ocpi-from-party-id"));
            }
        }
        reply.headers().forEach(headers::set);
        ObjectNode envelope = mapper.createObjectNode();
        if (reply.data() != null) {
            envelope.set("data", reply.data());
        }
        envelope.put("status_code", reply.statusCode());
        envelope.put("status_message", reply.message());
        envelope.put("timestamp", timestamp());
        byte[] bytes = mapper.writeValueAsBytes(envelope);
        exchange.sendResponseHeaders(reply.http(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply notAllowed(Received request) {
        return Reply.error(405, 2000, request.method() + " is not supported on " + request.path());
    }

    private ArrayNode versions() {
        ArrayNode versions = mapper.createArrayNode();
        versions.addObject().put("version", version).put("url", baseUrl() + detailsPath);
        return versions;
    }

    private ObjectNode details() {
        ObjectNode details = mapper.createObjectNode().put("version", version);
        ArrayNode endpoints = details.putArray("endpoints");
        endpoints.addObject().put("identifier", CREDENTIALS).put("role", SENDER).put("url", endpointUrl(CREDENTIALS));
        for (String module : modules()) {
            endpoints.addObject()
                    .put("identifier", module)
                    .put("role", ownRole(module))
                    .put("url", endpointUrl(module));
        }
        return details;
    }

    private ObjectNode ownCredentials() {
        ObjectNode credentials = mapper.createObjectNode().put("token", tokenB).put("url", versionsUrl());
        ObjectNode ownRole = credentials.putArray("roles").addObject()
                .put("role", role.name())
                .put("party_id", partyId)
                .put("country_code", countryCode);
        ownRole.putObject("business_details").put("name", businessName());
        return credentials;
    }

    private String businessName() {
        return "ChargeClear test " + role.name() + " " + countryCode + "-" + partyId;
    }

    /** The functional modules this platform serves: payments and invoice reconciliation only on OCPI 2.3.0. */
    private List<String> modules() {
        if (!"2.3.0".equals(version)) {
            return MODULES;
        }
        List<String> modules = new ArrayList<>(MODULES);
        modules.add("payments");
        modules.add("invoicereconciliation");
        return modules;
    }

    private String ownRole(String module) {
        if (module.equals(CREDENTIALS)) {
            return SENDER;
        }
        if (module.equals("invoicereconciliation")) {
            // records come to both sides: to eMSPs with direct billing, to CPOs with reverse billing
            return RECEIVER;
        }
        if (module.equals("hubclientinfo")) {
            // every client of a hub takes the hub's ClientInfo pushes (OCPI 2.2.1 §mod_hub_client_info)
            return RECEIVER;
        }
        return (role == Role.CPO) != EMSP_OWNED.contains(module) ? SENDER : RECEIVER;
    }

    private String endpointPath(String module) {
        return module.equals(CREDENTIALS)
                ? detailsPath + "/" + CREDENTIALS
                : detailsPath + "/" + module + "/" + ownRole(module).toLowerCase(Locale.ROOT);
    }

    private boolean isFunctional(String path) {
        return modules().stream().anyMatch(module -> path.startsWith(endpointPath(module)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // small helpers

    private JsonNode toTree(Object object) {
        if (object instanceof JsonNode) {
            return ((JsonNode) object).deepCopy();
        }
        if (object instanceof String) {
            return Json.require((String) object, "held object");
        }
        return mapper.valueToTree(object);
    }

    private String write(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body, e);
        }
    }

    private static String bodyField(Received request, String field) {
        return Json.parse(request.body()).map(json -> json.path(field).asText(null)).orElse(null);
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            if (URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
                return parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    private static JsonNode element(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asText())) {
                return element;
            }
        }
        return null;
    }

    private static Optional<JsonNode> findRole(JsonNode roles, String role) {
        for (JsonNode candidate : roles) {
            if (role.equals(candidate.path("role").asText())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static Map<String, String> lowerCase(Headers headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return lowerCase;
    }

    private static String authorization(String token) {
        return "Token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String timestamp() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static Predicate<Received> matching(String method, String pathContains) {
        return request -> request.online()
                && (method == null || method.equalsIgnoreCase(request.method()))
                && request.path().contains(pathContains);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What a served endpoint answers: HTTP status, envelope fields and extra response headers. */
    private record Reply(int http, int statusCode, String message, JsonNode data, Map<String, String> headers) {

        static Reply ok(JsonNode data) {
            return new Reply(200, 1000, "Success", data, Map.of());
        }

        static Reply error(int http, int statusCode, String message) {
            return new Reply(http, statusCode, message, null, Map.of());
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(http, statusCode, message, data, more);
        }
    }
}
