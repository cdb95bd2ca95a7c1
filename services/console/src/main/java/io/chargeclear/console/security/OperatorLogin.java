package io.chargeclear.console.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The login form's check: the password is the hub's admin token ({@code chargeclear.admin.token}), compared in
 * constant time; the user name is not asked for. A match is the operator, role {@link #ROLE}, which the form
 * mechanism then keeps in its encrypted session cookie (docs/adr/0034-operator-console.md).
 */
@ApplicationScoped
public class OperatorLogin implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The one role of the console, as the services name the operator's. */
    public static final String ROLE = "operator";

    private final byte[] expected;

    public OperatorLogin(@ConfigProperty(name = "chargeclear.admin.token") Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        char[] password = request.getPassword().getPassword();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] presented = Arrays.copyOf(encoded.array(), encoded.limit());
        if (expected == null || !MessageDigest.isEqual(expected, presented)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("admin token not accepted"));
        }
        return Uni.createFrom().item(operator());
    }

    /** The operator's identity: who logged in with the admin token. */
    static SecurityIdentity operator() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(ROLE))
                .addRole(ROLE)
                .build();
    }
}
