package io.chargeclear.gateway.security;

import com.sun.net.httpserver.HttpServer;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token the gateway has not received over {@code hub.party.v1} yet (a token A the registry has just returned) is
 * asked of the registry and accepted on the partner's first call (ADR 0018); a token the registry does not know is
 * refused, and asking again with it within the unknown-token window costs the registry nothing. The registry is a
 * real HTTP server on loopback answering {@code GET /admin/platforms/by-token}.
 */
@QuarkusTest
@TestProfile(TokenFromRegistryTest.WithRegistry.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class TokenFromRegistryTest {

    /** The registry on loopback: the snapshots it holds by token hash, and every hash it was asked about. */
    static final class Registry {
        static final Map<String, String> SNAPSHOTS = new ConcurrentHashMap<>();
        static final List<String> ASKED = new CopyOnWriteArrayList<>();
        static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/admin/platforms/by-token", exchange -> {
                    String query = exchange.getRequestURI().getQuery();
                    List<String> hashes = query == null ? List.of() : Arrays.stream(query.split("&"))
                            .filter(p -> p.startsWith("token_hash=")).map(p -> p.substring(11)).toList();
                    ASKED.addAll(hashes);
                    boolean authorized = ("Bearer chargeclear-dev-admin")
                            .equals(exchange.getRequestHeaders().getFirst("Authorization"));
                    String body = !authorized ? null : hashes.stream().map(SNAPSHOTS::get).filter(s -> s != null)
                            .findFirst().orElse(null);
                    byte[] bytes = (body == null ? "{\"message\": \"not found\"}" : body)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(body == null ? (authorized ? 404 : 401) : 200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static class WithRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.registry-url",
                    "http://127.0.0.1:" + Registry.SERVER.getAddress().getPort());
        }
    }

    @Test
    void aTokenAJustIssuedByTheRegistryIsAcceptedOnTheFirstCall() {
        String tokenA = "fresh-a-" + UUID.randomUUID();
        String hash = TokenHeader.sha256(tokenA);
        Registry.SNAPSHOTS.put(hash, """
                {"platform_id": "%s", "name": "Fresh", "status": "ACTIVE", "revision": 1, "plain_tokens": false,
                 "parties": [{"country_code": "NL", "party_id": "FRA", "role": "CPO", "name": "Fresh"}],
                 "credentials": [{"token_hash": "%s", "kind": "A"}], "changed_at": "%s"}"""
                .formatted(UUID.randomUUID(), hash, Instant.now()));

        Response first = versions(tokenA);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(Registry.ASKED).contains(hash);

        // applied here: later calls no longer ask
        int asked = Registry.ASKED.size();
        assertThat(versions(tokenA).statusCode()).isEqualTo(200);
        assertThat(Registry.ASKED).hasSize(asked);
    }

    @Test
    void anUnknownTokenIsRefusedAndRepeatingItDoesNotAskTheRegistryAgain() {
        String forged = "forged-" + UUID.randomUUID();
        String hash = TokenHeader.sha256(forged);

        assertThat(versions(forged).statusCode()).isEqualTo(401);
        long askedOnce = Registry.ASKED.stream().filter(hash::equals).count();
        assertThat(askedOnce).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(versions(forged).statusCode()).isEqualTo(401);
        }
        assertThat(Registry.ASKED.stream().filter(hash::equals).count()).isEqualTo(askedOnce);
    }

    private static Response versions(String token) {
        return given().header("Authorization", TokenHeader.encode(token)).get("/ocpi/versions");
    }
}
