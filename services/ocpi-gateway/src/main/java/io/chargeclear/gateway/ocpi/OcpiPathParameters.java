package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.strict.OcpiInputRules;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Every id in an OCPI URL path, as decoded, obeys the same rules as the body field of that name (ADR 0015):
 * {@code country_code} two upper-case letters, {@code party_id} three letters or digits, any other id printable
 * ASCII without spaces and without {@code / ? # %}. Refused with HTTP 400 and OCPI 2001 naming the parameter,
 * before any resource, store or database sees it (a NUL would otherwise reach PostgreSQL). Runs after
 * authentication and routing, for every module at once.
 */
public class OcpiPathParameters {

    @ServerRequestFilter(priority = Priorities.USER)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/ocpi/")) {
            return null;
        }
        MultivaluedMap<String, String> parameters = request.getUriInfo().getPathParameters(true);
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = OcpiInputRules.checkPathParameter(parameter.getKey(), value);
                if (problem != null) {
                    return OcpiResponses.error(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                            "path parameter '" + parameter.getKey() + "' " + problem);
                }
            }
        }
        return null;
    }
}
