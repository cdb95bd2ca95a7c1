package io.chargeclear.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A partner platform as lean as OCPI allows, on Vert.x: it serves what the hub reads during the credentials
 * handshake (versions, version details, credentials), takes every push with status 1000, and, as an eMSP, answers
 * every real-time authorization {@code ALLOWED} from a prebuilt token and tells a listener the id of every CDR the hub
 * posts to it. It does no work per request besides writing the answer, so the direct path measures the loopback round
 * trip plus the eMSP's own minimal cost, and the hub path adds exactly what the hub does.
 */
final class FakePlatform implements AutoCloseable {

    static final String VERSION = "2.2.1";
    private static final List<String> MODULES = List.of("locations", "tariffs", "sessions", "cdrs", "tokens",
            "commands", "chargingprofiles", "hubclientinfo");
    /** Modules an eMSP implements as SENDER (a CPO as RECEIVER); hubclientinfo is RECEIVER for both. */
    private static final Set<String> EMSP_SENDS = Set.of("tokens", "commands", "chargingprofiles");

    private final ObjectMapper mapper = OcpiJson.mapper();
    private final String role;
    private final String countryCode;
    private final String partyId;
    private final String tokenB;
    private final String expectedAuthorization;
    private final LongAdder authorizations = new LongAdder();
    private final LongAdder pushes = new LongAdder();
    private final LongAdder cdrs = new LongAdder();
    private volatile Consumer<String> cdrListener = id -> { };
    private HttpServer server;

    private FakePlatform(String role, String countryCode, String partyId, String tokenB) {
        this.role = role;
        this.countryCode = countryCode;
        this.partyId = partyId;
        this.tokenB = tokenB;
        this.expectedAuthorization = "Token " + io.chargeclear.partners.AdminApi.base64(tokenB);
    }

    static FakePlatform cpo(String countryCode, String partyId, String tokenB) {
        return new FakePlatform("CPO", countryCode, partyId, tokenB);
    }

    static FakePlatform emsp(String countryCode, String partyId, String tokenB) {
        return new FakePlatform("EMSP", countryCode, partyId, tokenB);
    }

    /** Starts serving on an ephemeral loopback port, on an event loop of its own, and waits until it listens. */
    FakePlatform start(Vertx vertx) {
        server = EventLoops.on(EventLoops.next(vertx), () -> vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1").setPort(0).setTcpNoDelay(true).setIdleTimeout(0))
                .requestHandler(this::handle)
                .listen());
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    String versionsUrl() {
        return baseUrl() + "/ocpi/versions";
    }

    /** This platform's endpoint of {@code module} in the interface role it implements. */
    String endpointUrl(String module) {
        return baseUrl() + endpointPath(module);
    }

    String tokenB() {
        return tokenB;
    }

    String countryCode() {
        return countryCode;
    }

    String partyId() {
        return partyId;
    }

    String role() {
        return role;
    }

    /** {@code NL*HC1}. */
    String label() {
        return countryCode + "*" + partyId;
    }

    /** Real-time authorizations answered so far, through the hub and direct alike. */
    long authorizations() {
        return authorizations.sum();
    }

    /** Objects pushed to this platform so far (e.g. the hub forwarding an eMSP's token to a CPO). */
    long pushes() {
        return pushes.sum();
    }

    /** CDRs the hub posted to this eMSP so far. */
    long cdrs() {
        return cdrs.sum();
    }

    /** Told the id of every CDR the hub posts to this eMSP, on the event loop that received it. */
    FakePlatform onCdr(Consumer<String> listener) {
        this.cdrListener = listener;
        return this;
    }

    /** The credentials object this platform sends in the handshake and serves at its credentials endpoint. */
    ObjectNode credentials() {
        ObjectNode credentials = mapper.createObjectNode().put("token", tokenB).put("url", versionsUrl());
        credentials.putArray("roles").addObject()
                .put("role", role)
                .put("party_id", partyId)
                .put("country_code", countryCode)
                .putObject("business_details").put("name", "Benchmark " + role + " " + label());
        return credentials;
    }

    /** An RFID token of this eMSP, as pushed to the hub and returned in every authorization answer. */
    ObjectNode token(String uid) {
        return mapper.createObjectNode()
                .put("country_code", countryCode)
                .put("party_id", partyId)
                .put("uid", uid)
                .put("type", "RFID")
                .put("contract_id", countryCode + "-" + partyId + "-C" + uid)
                .put("issuer", "Benchmark eMSP " + label())
                .put("valid", true)
                .put("whitelist", "ALLOWED")
                .put("last_updated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private void handle(HttpServerRequest request) {
        if (!expectedAuthorization.equals(request.getHeader("Authorization"))) {
            answer(request, 401, envelope(null, 2000, "unknown or missing token"));
            return;
        }
        String raw = request.path();
        String path = raw.endsWith("/") && raw.length() > 1 ? raw.substring(0, raw.length() - 1) : raw;
        if (path.equals("/ocpi/versions")) {
            ArrayNode versions = mapper.createArrayNode();
            versions.addObject().put("version", VERSION).put("url", baseUrl() + "/ocpi/" + VERSION);
            answer(request, 200, envelope(versions, 1000, "Success"));
        } else if (path.equals("/ocpi/" + VERSION)) {
            answer(request, 200, envelope(details(), 1000, "Success"));
        } else if (path.equals(endpointPath("credentials"))) {
            answer(request, 200, envelope(credentials(), 1000, "Success"));
        } else if ("EMSP".equals(role) && request.method().name().equals("POST")
                && path.startsWith(endpointPath("tokens") + "/") && path.endsWith("/authorize")) {
            String uid = path.substring(endpointPath("tokens").length() + 1, path.length() - "/authorize".length());
            authorizations.increment();
            // the body (LocationReferences) is read, as a real eMSP must, before the answer goes out
            request.body().onComplete(read -> answer(request, 200, authorizationInfo(uid)));
        } else if ("EMSP".equals(role) && request.method().name().equals("POST")
                && path.equals(endpointPath("cdrs"))) {
            // OCPI 2.2.1 §cdrs "POST Method": the eMSP answers with the Location of its copy
            request.body().onComplete(read -> {
                String id = read.succeeded() ? cdrId(read.result()) : null;
                cdrs.increment();
                if (id != null) {
                    cdrListener.accept(id);
                }
                request.response().putHeader("Location", endpointUrl("cdrs") + "/" + id);
                answer(request, 200, envelope(null, 1000, "Success"));
            });
        } else if (MODULES.stream().anyMatch(module -> path.startsWith(endpointPath(module)))) {
            pushes.increment();
            request.body().onComplete(read -> answer(request, 200, envelope(null, 1000, "Success")));
        } else {
            answer(request, 404, envelope(null, 2000, "no endpoint at " + path));
        }
    }

    private String cdrId(Buffer body) {
        try {
            return mapper.readTree(body.getBytes()).path("id").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private String authorizationInfo(String uid) {
        ObjectNode info = mapper.createObjectNode().put("allowed", "ALLOWED");
        info.set("token", token(uid));
        info.put("authorization_reference", Long.toHexString(ThreadLocalRandom.current().nextLong()));
        return envelope(info, 1000, "Success");
    }

    private ObjectNode details() {
        ObjectNode details = mapper.createObjectNode().put("version", VERSION);
        ArrayNode endpoints = details.putArray("endpoints");
        endpoints.addObject().put("identifier", "credentials").put("role", "SENDER")
                .put("url", endpointUrl("credentials"));
        for (String module : MODULES) {
            endpoints.addObject().put("identifier", module).put("role", interfaceRole(module))
                    .put("url", endpointUrl(module));
        }
        return details;
    }

    private String interfaceRole(String module) {
        if (module.equals("hubclientinfo")) {
            return "RECEIVER";
        }
        return "CPO".equals(role) != EMSP_SENDS.contains(module) ? "SENDER" : "RECEIVER";
    }

    private String endpointPath(String module) {
        return module.equals("credentials")
                ? "/ocpi/" + VERSION + "/credentials"
                : "/ocpi/" + VERSION + "/" + module + "/" + interfaceRole(module).toLowerCase(java.util.Locale.ROOT);
    }

    private String envelope(JsonNode data, int statusCode, String message) {
        ObjectNode envelope = mapper.createObjectNode();
        if (data != null) {
            envelope.set("data", data);
        }
        envelope.put("status_code", statusCode).put("status_message", message)
                .put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return envelope.toString();
    }

    private void answer(HttpServerRequest request, int status, String body) {
        var response = request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        String requestId = request.getHeader("X-Request-ID");
        if (requestId != null) {
            response.putHeader("X-Request-ID", requestId);
        }
        String correlationId = request.getHeader("X-Correlation-ID");
        if (correlationId != null) {
            response.putHeader("X-Correlation-ID", correlationId);
        }
        String fromCountry = request.getHeader("OCPI-from-country-code");
        if (fromCountry != null && request.path().startsWith("/ocpi/" + VERSION + "/")
                && !request.path().startsWith(endpointPath("credentials"))) {
            response.putHeader("OCPI-from-country-code", countryCode).putHeader("OCPI-from-party-id", partyId)
                    .putHeader("OCPI-to-country-code", fromCountry)
                    .putHeader("OCPI-to-party-id", String.valueOf(request.getHeader("OCPI-from-party-id")));
        }
        response.end(Buffer.buffer(body));
    }
}
