package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.kit.security.Roles;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The module locations on the OCPI 2.3.0 tree: the same interfaces as on 2.2.1 ({@link LocationsResource}), with
 * bodies read and answered in 2.3.0 (ADR 0024).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi locations")
public class Locations230Resource extends LocationsResource {

    public Locations230Resource(ModuleSupport support, PushService pushes, VersionedObjects versions,
            ObjectStore store) {
        super(support, pushes, versions, store);
    }
}
