package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.ocpi.Pagination;
import io.chargeclear.gateway.service.HubClientInfoQuery;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.hubclientinfo.ClientInfo;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * OCPI 2.2.1 §mod_hub_client_info, Sender interface: the hub lists every party behind it as a ClientInfo, for
 * a client's start-up or resync, except the caller's own parties (as its pushes never announce a party to itself) (changes reach clients by PUT on their Receiver interface instead). Paginated
 * and date-filtered per §transport_and_format "Pagination". Only token C opens it (role {@code platform}); token A
 * opens versions and credentials only. No routing headers apply to this module.
 * <p>
 * The query parameters are taken as text so that a malformed one is an OCPI 2001 naming it, not a bare 404.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.2.1/hubclientinfo")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi hubclientinfo")
public class HubClientInfoResource {

    private final GatewayConfig config;
    private final HubClientInfoQuery query;
    private final int pageSizeMax;

    public HubClientInfoResource(GatewayConfig config, HubClientInfoQuery query) {
        this.config = config;
        this.query = query;
        this.pageSizeMax = config.pageSizeMax();
    }

    @GET
    @Operation(summary = "Every other party reachable through the hub with its connection status (token C; paginated)")
    public Uni<RestResponse<OcpiResponse<List<ClientInfo>>>> list(@RestQuery("offset") String offset,
                                                                 @RestQuery("limit") String limit,
                                                                 @RestQuery("date_from") String dateFrom,
                                                                 @RestQuery("date_to") String dateTo) {
        Pagination pagination = Pagination.parse(offset, limit, dateFrom, dateTo, pageSizeMax);
        String listUrl = config.baseUrl() + "/ocpi/2.2.1/hubclientinfo";
        return query.page(pagination, OcpiCaller.current().platformId()).map(page -> {
            RestResponse.ResponseBuilder<OcpiResponse<List<ClientInfo>>> response =
                    RestResponse.ResponseBuilder.ok(OcpiResponses.success(page.items()));
            pagination.headers(listUrl, page.total(), pageSizeMax).forEach(response::header);
            return response.build();
        });
    }
}
