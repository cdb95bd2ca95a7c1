package io.chargeclear.gateway.metrics;

import io.chargeclear.model.ocpi.OcpiResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every answer under {@code /ocpi} as {@code chargeclear_ocpi_requests_total}, tagged with the requesting
 * party, the OCPI module, the hub's interface role, the method, the envelope's OCPI {@code status_code} and the HTTP
 * status. The party is the one the request proved to be (set by {@link #requester}); a request that proved none
 * (no or a wrong token, a party not its platform's, the versions and credentials endpoints) counts as
 * {@code unknown}, so an outsider cannot grow the number of series. Modules outside the OCPI catalogue count as
 * {@code other}, status codes OCPI does not define by their class ({@code 2xxx}), no status code as
 * {@code none} (docs/adr/0036-objectives-and-metrics.md).
 */
public class OcpiRequestMetrics {

    /** The request property carrying the proven requesting party, {@code NL*DC1}. */
    public static final String PARTY = "chargeclear.metrics.party";
    public static final String UNKNOWN = "unknown";

    static final Set<String> MODULES = Set.of("versions", "credentials", "hubclientinfo", "locations", "sessions",
            "cdrs", "tariffs", "tokens", "commands", "chargingprofiles", "payments", "invoicereconciliation");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry metrics;

    /** Marks the request as made by {@code party} (a party the caller's platform holds). */
    public static void requester(ContainerRequestContext request, Object party) {
        request.setProperty(PARTY, party.toString());
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.startsWith("/ocpi")) {
            return;
        }
        Object party = request.getProperty(PARTY);
        String[] route = route(path);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
        Key key = new Key(party instanceof String p ? p : UNKNOWN, route[0], route[1], method,
                statusCode(response.getEntity()), response.getStatus());
        counters.computeIfAbsent(key, k -> Counter.builder("chargeclear.ocpi.requests")
                .description("OCPI requests the hub answered, by requesting party, module, role and status")
                .tag("party", k.party).tag("module", k.module).tag("role", k.role).tag("method", k.method)
                .tag("status_code", k.statusCode).tag("http_status", Integer.toString(k.http))
                .register(metrics)).increment();
    }

    /** Module and role of an OCPI path: {@code /ocpi/2.2.1/sender/tokens/…} is tokens, sender. */
    static String[] route(String path) {
        String[] parts = path.split("/");
        // "", "ocpi", version or "versions", role or module, module
        if (parts.length < 3 || "versions".equals(parts[2])) {
            return new String[] {"versions", "none"};
        }
        if (parts.length == 3) {
            return new String[] {"versions", "none"};
        }
        String role = parts[3];
        if (("sender".equals(role) || "receiver".equals(role)) && parts.length > 4) {
            return new String[] {known(parts[4]), role};
        }
        return new String[] {known(role), "none"};
    }

    private static String known(String module) {
        return MODULES.contains(module) ? module : "other";
    }

    /** The envelope's status_code: the hub's own envelope, or a partner's answer passed back as it came. */
    static String statusCode(Object entity) {
        if (entity instanceof OcpiResponse<?> envelope) {
            return envelope.statusCode() == null ? "none" : bounded(envelope.statusCode());
        }
        if (entity instanceof String body) {
            int at = body.indexOf("\"status_code\"");
            if (at < 0) {
                return "none";
            }
            int i = body.indexOf(':', at) + 1;
            while (i > 0 && i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            int start = i;
            while (i > 0 && i < body.length() && i - start < 5 && Character.isDigit(body.charAt(i))) {
                i++;
            }
            if (i - start != 4) {
                return "none";
            }
            return bounded(Integer.parseInt(body.substring(start, i)));
        }
        return "none";
    }

    /** The codes OCPI defines and their like (x000..x009) as they are; any other as its class, {@code 2xxx}. */
    static String bounded(int code) {
        if (code < 1000 || code > 9999) {
            return "none";
        }
        return code % 1000 < 10 ? Integer.toString(code) : code / 1000 + "xxx";
    }

    private record Key(String party, String module, String role, String method, String statusCode, int http) {
    }
}
