package io.chargeclear.console.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsGuardTest {

    static final Optional<String> KEY = Optional.of("a-real-session-key-of-32-chars!!");

    @Test
    void developmentProfilesRunWithTheShippedValues() {
        assertThat(SecretsGuard.problems(List.of("local"), Optional.of("chargeclear-dev-admin"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void productionRefusesAMissingOrShippedAdminToken() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.empty(), KEY))
                .containsExactly("chargeclear.admin.token (env CHARGECLEAR_ADMIN_TOKEN) is not set");
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("chargeclear-dev-admin"), KEY))
                .containsExactly("chargeclear.admin.token (env CHARGECLEAR_ADMIN_TOKEN) is the shipped development token");
    }

    @Test
    void productionRefusesAMissingOrShortSessionKey() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("real-token"), Optional.of("short")))
                .singleElement().asString().startsWith("quarkus.http.auth.session.encryption-key");
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("real-token"),
                Optional.of("chargeclear-dev-console-session-key"))).singleElement().asString()
                .endsWith("is the shipped development key");
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("real-token"), KEY)).isEmpty();
    }
}
