package io.chargeclear.console.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import java.util.Optional;

/**
 * Every call to a service's operator API carries the console's own admin token, added here on the server: the
 * operator's browser holds only the session cookie, never the token.
 */
@ApplicationScoped
public class AdminToken implements ClientHeadersFactory {

    private final String bearer;

    public AdminToken(@ConfigProperty(name = "chargeclear.admin.token") Optional<String> token) {
        this.bearer = "Bearer " + token.orElse("");
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, bearer);
        return headers;
    }
}
