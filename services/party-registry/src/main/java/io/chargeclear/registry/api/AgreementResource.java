package io.chargeclear.registry.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.registry.service.AgreementService;
import io.chargeclear.registry.service.StandardTermsService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Operator API for roaming agreements (bilateral terms between a CPO and an eMSP party) and the hub's
 * standard terms that apply where no agreement exists (ADR 0005).
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agreements")
@SecurityRequirement(name = "admin")
public class AgreementResource {

    private final AgreementService agreements;
    private final StandardTermsService standardTerms;

    public AgreementResource(AgreementService agreements, StandardTermsService standardTerms) {
        this.agreements = agreements;
        this.standardTerms = standardTerms;
    }

    @POST
    @Operation(summary = "Create an agreement between a live CPO party and a live eMSP party; windows of one pair may not overlap")
    public Uni<Response> create(@Valid @NotNull CreateAgreementRequest request) {
        return agreements.create(request).map(view -> Response.created(URI.create("/admin/agreements/" + view.id()))
                .entity(view).build());
    }

    @GET
    @Operation(summary = "List agreements, oldest first, optionally of one party (as CPO or eMSP) and in one status")
    public Uni<List<AgreementView>> list(
            @Parameter(description = "a party as COUNTRY_CODE/PARTY_ID, e.g. NL/CPO") @QueryParam("party") String party,
            @Parameter(description = "ACTIVE or ENDED") @QueryParam("status") String status) {
        return agreements.list(party, status);
    }

    @GET
    @Path("/standard-terms")
    @Operation(summary = "Show the hub's standard terms: the mode (AGREEMENT_REQUIRED or OPEN_MARKET) and the terms where no agreement exists")
    public Uni<StandardTermsView> getStandardTerms() {
        return standardTerms.get();
    }

    @PUT
    @Path("/standard-terms")
    @Operation(summary = "Replace the hub's standard terms; omitted optional parts take their defaults")
    public Uni<StandardTermsView> putStandardTerms(@Valid @NotNull StandardTermsRequest request) {
        return standardTerms.replace(request);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show one agreement")
    public Uni<AgreementView> get(@PathParam("id") String id) {
        return agreements.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End an agreement now (its window closes now, or never opens if it had not started); final")
    public Uni<AgreementView> end(@PathParam("id") String id) {
        return agreements.end(id);
    }
}
