package io.chargeclear.gateway.security;

import io.chargeclear.gateway.client.RegistryApi;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.kit.directory.PartyDirectory;
import io.chargeclear.kit.security.UnknownTokenResolver;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A token the gateway does not know is asked of the registry, which owns the tokens (ADR 0018): the registry answers
 * the platform's current snapshot, which is applied as {@code hub.party.v1} would apply it (same revision rule), so
 * a token A is accepted the moment {@code POST /admin/platforms} returned it rather than when the event arrives.
 * At most {@code registry-lookups-per-second} questions a second; beyond it the token is refused unasked.
 */
@ApplicationScoped
public class RegistryTokenResolver implements UnknownTokenResolver {

    private final RegistryApi registry;
    private final String bearer;
    private final PartyDirectory directory;
    private final double perSecond;
    private double allowance;
    private long refilledAt = System.nanoTime();

    public RegistryTokenResolver(GatewayConfig config, PartyDirectory directory,
                                 @ConfigProperty(name = "chargeclear.admin.token") String adminToken) {
        this.directory = directory;
        this.bearer = "Bearer " + adminToken;
        this.perSecond = Math.max(0, config.registryLookupsPerSecond());
        this.allowance = perSecond;
        this.registry = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.registryUrl()))
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS)
                .build(RegistryApi.class);
    }

    @Override
    public Uni<Optional<String>> resolve(List<String> tokenHashes) {
        if (!take()) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "more than " + perSecond + " unknown tokens a second; not asking the registry"));
        }
        return registry.platformHolding(bearer, tokenHashes)
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull()
                .flatMap(snapshot -> snapshot == null ? Uni.createFrom().item(Optional.<String>empty())
                        : Panache.withTransaction(() -> directory.apply(snapshot))
                        .replaceWith(Optional.of(snapshot.platformId())));
    }

    /** A token bucket of {@code perSecond} questions, refilled continuously. */
    private synchronized boolean take() {
        long now = System.nanoTime();
        allowance = Math.min(perSecond, allowance + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (allowance < 1) {
            return false;
        }
        allowance -= 1;
        return true;
    }
}
