package io.chargeclear.kit.security;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** In a service that keeps no platform credentials (the registry, rating), an OCPI token opens nothing: 401. */
@ApplicationScoped
@UnlessBuildProperty(name = "chargeclear.security.platform-tokens", stringValue = "true", enableIfMissing = true)
public class NoPlatformTokens implements IdentityProvider<PlatformTokenRequest> {

    @Override
    public Class<PlatformTokenRequest> getRequestType() {
        return PlatformTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(PlatformTokenRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().failure(CredentialRefused.because("this service takes no partner tokens; operator APIs"
                + " take 'Authorization: Bearer <admin token>'"));
    }
}
