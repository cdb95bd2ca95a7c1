package io.chargeclear.console.upstream;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link DeadLetterApi} client per service that parks records, at the URL the console's configuration gives that
 * service ({@code quarkus.rest-client.<service>.url}), with the admin token.
 */
@ApplicationScoped
public class DeadLetterClients {

    /** The services whose consumers park records; the registry has no consumer. */
    public static final List<String> SERVICES = List.of("ocpi-gateway", "session-tracking", "cdr-rating", "settlement");

    private final Map<String, DeadLetterApi> clients = new LinkedHashMap<>();

    public DeadLetterClients(Config config, AdminToken adminToken) {
        long connect = config.getOptionalValue("quarkus.rest-client.connect-timeout", Long.class).orElse(2000L);
        long read = config.getOptionalValue("quarkus.rest-client.read-timeout", Long.class).orElse(10000L);
        for (String service : SERVICES) {
            clients.put(service, QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(config.getValue("quarkus.rest-client." + service + ".url", String.class)))
                    .clientHeadersFactory(adminToken)
                    .connectTimeout(connect, TimeUnit.MILLISECONDS)
                    .readTimeout(read, TimeUnit.MILLISECONDS)
                    .build(DeadLetterApi.class));
        }
    }

    /** The client of one of {@link #SERVICES}; null for any other name. */
    public DeadLetterApi of(String service) {
        return clients.get(service);
    }
}
