package io.chargeclear.console.security;

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
 * Stops the console at start when it would run with a publicly known secret, as the services' kit does
 * (docs/adr/0013-security-on-quarkus-security.md): outside the profiles {@code local}, {@code dev} and {@code test}
 * the admin token must be set and not the shipped development value, and the key encrypting the session cookie
 * must be set (without it each start would pick a random key, and a second replica could not read the first's
 * cookies). The message names the setting, never its value.
 */
@ApplicationScoped
public class SecretsGuard {

    static final Set<String> DEVELOPMENT_PROFILES = Set.of("local", "dev", "test");
    static final String ADMIN_TOKEN = "chargeclear.admin.token";
    static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    static final String SHIPPED_ADMIN_TOKEN = "chargeclear-dev-admin";
    static final String SHIPPED_SESSION_KEY = "chargeclear-dev-console-session-key";

    void check(@Observes StartupEvent start, Config config) {
        List<String> problems = problems(ConfigUtils.getProfiles(), config.getOptionalValue(ADMIN_TOKEN, String.class),
                config.getOptionalValue(SESSION_KEY, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with publicly known or missing secrets: "
                    + String.join("; ", problems) + " (the development values are accepted only in the profiles "
                    + DEVELOPMENT_PROFILES + ", e.g. QUARKUS_PROFILE=local)");
        }
    }

    /** @return what is wrong, by setting name; empty when the secrets are fine for the active profiles */
    static List<String> problems(List<String> profiles, Optional<String> adminToken, Optional<String> sessionKey) {
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
        String key = sessionKey.map(String::trim).orElse("");
        if (key.length() < 16) {
            problems.add(SESSION_KEY + " (env CHARGECLEAR_CONSOLE_SESSION_KEY) is not set or shorter than 16 characters");
        } else if (key.equals(SHIPPED_SESSION_KEY)) {
            problems.add(SESSION_KEY + " (env CHARGECLEAR_CONSOLE_SESSION_KEY) is the shipped development key");
        }
        return problems;
    }
}
