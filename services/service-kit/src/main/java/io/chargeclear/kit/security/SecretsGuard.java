package io.chargeclear.kit.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stops a service at start when it would run with a publicly known secret: outside the profiles of local runs
 * and tests ({@code local}, {@code dev}, {@code test}), the operator's token must be set and not the shipped
 * development value, and the key sealing partners' tokens (in the services that have one) must not be the shipped
 * development key; a missing key already stops those services (their configuration requires it). The check names
 * the setting, never its value.
 */
@ApplicationScoped
public class SecretsGuard {

    /** The profiles in which the shipped development secrets are allowed. */
    static final Set<String> DEVELOPMENT_PROFILES = Set.of("local", "dev", "test");
    static final String ADMIN_TOKEN = "chargeclear.admin.token";
    /** The services that seal partners' tokens B, each under its own setting. */
    static final List<String> ENCRYPTION_KEYS = List.of("chargeclear.gateway.token-encryption-key",
            "chargeclear.registry.token-encryption-key");
    static final String SHIPPED_ADMIN_TOKEN = "chargeclear-dev-admin";
    /** Base64 of "chargeclear-dev-only-token-key!!". */
    static final String SHIPPED_ENCRYPTION_KEY = "Y2hhcmdlY2xlYXItZGV2LW9ubHktdG9rZW4ta2V5ISE=";

    void check(@Observes StartupEvent start, Config config) {
        List<String> problems = problems(ConfigUtils.getProfiles(), config.getOptionalValue(ADMIN_TOKEN, String.class),
                ENCRYPTION_KEYS.stream().map(name -> new Key(name, config.getOptionalValue(name, String.class)))
                        .filter(key -> key.value().isPresent()).toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with publicly known or missing secrets: "
                    + String.join("; ", problems)
                    + " (the shipped development values are accepted only in the profiles " + DEVELOPMENT_PROFILES
                    + ", e.g. QUARKUS_PROFILE=local)");
        }
    }

    /** One encryption key setting the service has, and its value. */
    record Key(String name, Optional<String> value) {
    }

    /** @return what is wrong, by setting name; empty when the secrets are fine for the active profiles */
    static List<String> problems(List<String> profiles, Optional<String> adminToken, List<Key> keys) {
        if (profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String token = adminToken.map(String::trim).orElse("");
        if (token.isEmpty()) {
            problems.add(ADMIN_TOKEN + " (env CHARGECLEAR_ADMIN_TOKEN) is not set");
        } else if (token.equals(SHIPPED_ADMIN_TOKEN)) {
            problems.add(ADMIN_TOKEN + " (env CHARGECLEAR_ADMIN_TOKEN) is the shipped development token");
        }
        for (Key key : keys) {
            String value = key.value().map(String::trim).orElse("");
            if (value.isEmpty()) {
                problems.add(key.name() + " (env CHARGECLEAR_TOKEN_ENCRYPTION_KEY) is empty");
            } else if (value.equals(SHIPPED_ENCRYPTION_KEY)) {
                problems.add(key.name() + " (env CHARGECLEAR_TOKEN_ENCRYPTION_KEY) is the shipped development key");
            }
        }
        return problems;
    }
}
