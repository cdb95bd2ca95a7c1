package io.chargeclear.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A roaming partner's OCPI platform for tests: a real HTTP server on a loopback port serving its versions
 * and 2.2.1 details endpoints, answering only to {@code Authorization: Token base64(tokenB)}, and recording
 * every request it received. What it offers can be changed to exercise the hub's handshake failures.
 */
public final class OcpiPartnerStub implements AutoCloseable {

    private final HttpServer server;
    private final String tokenB;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String offeredVersion = "2.2.1";
    private volatile boolean offersCredentials = true;

    private OcpiPartnerStub(String tokenB) throws IOException {
        this.tokenB = tokenB;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ocpi/versions", exchange -> answer(exchange, versions()));
        server.createContext("/ocpi/2.2.1", exchange -> answer(exchange, details()));
        server.start();
    }

    public static OcpiPartnerStub start(String tokenB) throws IOException {
        return new OcpiPartnerStub(tokenB);
    }

    public String versionsUrl() {
        return baseUrl() + "/ocpi/versions";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The version this partner offers (default 2.2.1). */
    public OcpiPartnerStub offeringVersion(String version) {
        this.offeredVersion = version;
        return this;
    }

    /** Whether its details list a credentials endpoint (default true). */
    public OcpiPartnerStub offeringCredentials(boolean offers) {
        this.offersCredentials = offers;
        return this;
    }

    /** "METHOD path Authorization" of every request received, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private String versions() {
        return "[{\"version\": \"" + offeredVersion + "\", \"url\": \"" + baseUrl() + "/ocpi/" + offeredVersion + "\"}]";
    }

    private String details() {
        String base = baseUrl() + "/ocpi/2.2.1";
        String credentials = offersCredentials
                ? "{\"identifier\": \"credentials\", \"role\": \"SENDER\", \"url\": \"" + base + "/credentials\"}, "
                : "";
        return "{\"version\": \"2.2.1\", \"endpoints\": [" + credentials
                + "{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"" + base + "/locations\"}, "
                + "{\"identifier\": \"nltnm-custom\", \"role\": \"SENDER\", \"url\": \"" + base + "/custom\"}]}";
    }

    private void answer(HttpExchange exchange, String data) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + authorization);
        String expected = "Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8));
        int http = expected.equals(authorization) ? 200 : 401;
        String body = http == 200
                ? "{\"data\": " + data + ", \"status_code\": 1000, \"timestamp\": \"" + Instant.now() + "\"}"
                : "{\"status_code\": 2000, \"status_message\": \"unknown token\", \"timestamp\": \"" + Instant.now() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(http, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
