package io.chargeclear.registry.api;

import io.chargeclear.registry.service.PlatformService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Operator API for platforms: register, inspect, suspend, reactivate, unregister. */
@Path("/admin/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "platforms")
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "admin")
public class PlatformResource {

    private final PlatformService platforms;

    public PlatformResource(PlatformService platforms) {
        this.platforms = platforms;
    }

    @POST
    @Operation(summary = "Register a platform with the parties it may claim; the answer holds token A, shown only once")
    public Uni<Response> register(@Valid @NotNull RegisterPlatformRequest request) {
        return platforms.register(request).map(view -> Response.created(URI.create("/admin/platforms/" + view.id()))
                .entity(view).build());
    }

    @GET
    @Operation(summary = "List every platform, oldest first")
    public Uni<List<PlatformView>> list() {
        return platforms.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show one platform")
    public Uni<PlatformView> get(@PathParam("id") String id) {
        return platforms.get(id);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend a platform: the hub stops routing to and from it until reactivated")
    public Uni<PlatformView> suspend(@PathParam("id") String id) {
        return platforms.suspend(id);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a suspended platform")
    public Uni<PlatformView> reactivate(@PathParam("id") String id) {
        return platforms.reactivate(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unregister a platform for good; its parties become free to claim")
    public Uni<PlatformView> unregister(@PathParam("id") String id) {
        return platforms.unregister(id);
    }
}
