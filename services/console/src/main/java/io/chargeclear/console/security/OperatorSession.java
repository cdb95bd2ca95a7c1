package io.chargeclear.console.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request with a valid session cookie: the form mechanism decrypted it and vouches for the principal it holds.
 * Only the operator ever logs in, so any other name is refused.
 */
@ApplicationScoped
public class OperatorSession implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (!OperatorLogin.ROLE.equals(request.getPrincipal())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not the operator's session"));
        }
        return Uni.createFrom().item(OperatorLogin.operator());
    }
}
