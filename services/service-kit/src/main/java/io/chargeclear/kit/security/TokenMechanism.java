package io.chargeclear.kit.security;

import io.chargeclear.model.ocpi.TokenHeader;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the one header every ChargeClear caller authenticates with, {@code Authorization}: scheme {@code Bearer}
 * carries the operator's token, scheme {@code Token} a partner platform's OCPI token (OCPI 2.2.1
 * §transport_and_format "Authorization header": Base64, or plain for platforms set up for it). No header, or
 * another scheme, leaves the caller anonymous; the roles on the resource then decide (401). Which identity provider
 * checks the credential, and so which credentials a service accepts at all, is up to the providers it has.
 */
@ApplicationScoped
public class TokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer";
    private static final String TOKEN = "token";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        AuthenticationRequest request;
        switch (scheme) {
            case BEARER -> {
                String token = space < 0 ? "" : trimmed.substring(space + 1).trim();
                if (token.isEmpty()) {
                    return Uni.createFrom().failure(CredentialRefused.because("empty bearer token"));
                }
                request = new OperatorTokenRequest(token);
            }
            case TOKEN -> {
                TokenHeader.Presented presented = TokenHeader.read(trimmed).orElse(null);
                if (presented == null) {
                    return Uni.createFrom().failure(CredentialRefused.because(
                            "token not accepted: not an OCPI token (printable ASCII, at most 64 characters)"));
                }
                request = new PlatformTokenRequest(presented);
            }
            default -> {
                return Uni.createFrom().nullItem();
            }
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaders.WWW_AUTHENTICATE, "Token"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(OperatorTokenRequest.class, PlatformTokenRequest.class);
    }
}
