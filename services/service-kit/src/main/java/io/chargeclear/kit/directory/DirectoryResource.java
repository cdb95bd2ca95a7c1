package io.chargeclear.kit.directory;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Operator view of this service's party directory, to check it follows the registry. */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/directory/parties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "directory")
@IfBuildProperty(name = "chargeclear.party-directory.enabled", stringValue = "true", enableIfMissing = true)
public class DirectoryResource {

    private final PartyDirectory directory;

    public DirectoryResource(PartyDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(summary = "Every party this service knows, with its platform and status")
    public Uni<List<DirectoryPartyView>> list() {
        return Panache.withSession(() -> directory.all())
                .map(parties -> parties.stream().map(DirectoryPartyView::of).toList());
    }
}
