package io.chargeclear.gateway.api.modules;

import io.chargeclear.gateway.routing.AgreementGate;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Relay;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.kit.security.Roles;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The module commands on the OCPI 2.3.0 tree: the same interfaces as on 2.2.1 ({@link CommandsResource}), with
 * bodies read and answered in 2.3.0 (ADR 0024).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi commands")
public class Commands230Resource extends CommandsResource {

    public Commands230Resource(ModuleSupport support, OcpiBodies bodies, ObjectStore store, AgreementGate gate,
            Relay relay) {
        super(support, bodies, store, gate, relay);
    }
}
