package io.chargeclear.kit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The operator: a bearer token equal to {@code chargeclear.admin.token} (env {@code CHARGECLEAR_ADMIN_TOKEN}),
 * compared in constant time, gives role {@link Roles#OPERATOR}. Without a configured token nobody is the operator
 * (and outside the local profiles the service does not start: {@link SecretsGuard}).
 */
@ApplicationScoped
public class OperatorIdentityProvider implements IdentityProvider<OperatorTokenRequest> {

    private final byte[] expected;

    public OperatorIdentityProvider(@ConfigProperty(name = "chargeclear.admin.token") Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public Class<OperatorTokenRequest> getRequestType() {
        return OperatorTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(OperatorTokenRequest request, AuthenticationRequestContext context) {
        byte[] presented = request.token().getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, presented)) {
            return Uni.createFrom().failure(CredentialRefused.because("admin token not accepted"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Roles.OPERATOR))
                .addRole(Roles.OPERATOR)
                .build());
    }
}
