package io.chargeclear.kit.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsGuardTest {

    private static final String REAL_KEY = "q7V0y1m3rB8pXk2d9Zt4L6w5Nc0aHs1uEo3iJf7gYbQ=";
    private static final List<SecretsGuard.Key> GATEWAY_KEY =
            List.of(new SecretsGuard.Key("chargeclear.gateway.token-encryption-key", Optional.of(REAL_KEY)));

    @Test
    void realSecretsStartInProduction() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("a-long-random-operator-token"), GATEWAY_KEY))
                .isEmpty();
    }

    @Test
    void theShippedAdminTokenIsRefusedOutsideTheLocalProfiles() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("chargeclear-dev-admin"), GATEWAY_KEY))
                .singleElement().asString().contains("chargeclear.admin.token").contains("shipped development token");
        assertThat(SecretsGuard.problems(List.of("staging"), Optional.of(" chargeclear-dev-admin "), List.of()))
                .hasSize(1);
    }

    @Test
    void aMissingAdminTokenIsRefusedOutsideTheLocalProfiles() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.empty(), List.of()))
                .singleElement().asString().contains("is not set");
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("  "), List.of())).hasSize(1);
    }

    @Test
    void theShippedEncryptionKeyIsRefusedOutsideTheLocalProfiles() {
        List<String> problems = SecretsGuard.problems(List.of("prod"), Optional.of("real-token"),
                List.of(new SecretsGuard.Key("chargeclear.registry.token-encryption-key",
                        Optional.of(SecretsGuard.SHIPPED_ENCRYPTION_KEY))));
        assertThat(problems).singleElement().asString()
                .contains("chargeclear.registry.token-encryption-key").contains("shipped development key")
                .doesNotContain(SecretsGuard.SHIPPED_ENCRYPTION_KEY);
    }

    @Test
    void bothProblemsAreNamedAtOnce() {
        assertThat(SecretsGuard.problems(List.of("prod"), Optional.of("chargeclear-dev-admin"),
                List.of(new SecretsGuard.Key("chargeclear.gateway.token-encryption-key",
                        Optional.of(SecretsGuard.SHIPPED_ENCRYPTION_KEY))))).hasSize(2);
    }

    @Test
    void theDevelopmentValuesAreAcceptedInLocalRunsAndTests() {
        List<SecretsGuard.Key> shippedKey = List.of(new SecretsGuard.Key("chargeclear.gateway.token-encryption-key",
                Optional.of(SecretsGuard.SHIPPED_ENCRYPTION_KEY)));
        for (String profile : List.of("local", "dev", "test")) {
            assertThat(SecretsGuard.problems(List.of(profile), Optional.of("chargeclear-dev-admin"), shippedKey))
                    .as(profile).isEmpty();
        }
        assertThat(SecretsGuard.problems(List.of("prod", "local"), Optional.empty(), shippedKey)).isEmpty();
    }
}
