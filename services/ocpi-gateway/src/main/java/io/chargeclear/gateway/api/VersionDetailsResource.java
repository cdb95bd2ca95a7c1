package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.versions.Endpoint;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.model.ocpi.versions.ModuleID;
import io.chargeclear.model.ocpi.versions.VersionDetails;
import io.chargeclear.model.ocpi.versions.VersionNumber;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * OCPI 2.2.1 §version_information_endpoint, details of 2.2.1: every module endpoint the hub serves with its
 * interface role. The hub plays both roles of every functional module, at distinct URLs
 * ({@code /ocpi/2.2.1/sender/<module>}, {@code /ocpi/2.2.1/receiver/<module>}). It shares its class path with the
 * module resources.
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi/2.2.1")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi versions")
public class VersionDetailsResource {

    private final GatewayConfig config;

    public VersionDetailsResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "OCPI 2.2.1 module endpoints of the hub (token A or C)")
    public OcpiResponse<VersionDetails> details() {
        return OcpiResponses.success(new VersionDetails(VersionNumber.V2_2_1,
                endpoints(config.baseUrl() + "/ocpi/2.2.1", List.of())));
    }

    /**
     * The hub's endpoints on the tree at {@code base}: the same modules on 2.2.1 and 2.3.0 (ADR 0024), then the tree's
     * own {@code extra} modules (2.3.0: payments, invoice reconciliation).
     */
    static List<Endpoint> endpoints(String base, List<Endpoint> extra) {
        return java.util.stream.Stream.concat(shared(base).stream(), extra.stream()).toList();
    }

    /**
     * The 2.3.0 tree's own modules: payments (payment terminal providers push to the Receiver, CPOs to the Sender) and
     * invoice reconciliation (issuers push to the Receiver, counterparties read the Sender).
     */
    static List<Endpoint> only230(String base) {
        return List.of(new Endpoint(ModuleID.PAYMENTS, InterfaceRole.SENDER, base + "/sender/payments"),
                new Endpoint(ModuleID.PAYMENTS, InterfaceRole.RECEIVER, base + "/receiver/payments"),
                new Endpoint(ModuleID.INVOICERECONCILIATION, InterfaceRole.SENDER,
                        base + "/sender/invoicereconciliation"),
                new Endpoint(ModuleID.INVOICERECONCILIATION, InterfaceRole.RECEIVER,
                        base + "/receiver/invoicereconciliation"));
    }

    private static List<Endpoint> shared(String base) {
        return List.of(
                // OCPI 2.2.1 §credentials: the role means nothing for credentials; SENDER is the advice
                new Endpoint(ModuleID.CREDENTIALS, InterfaceRole.SENDER, base + "/credentials"),
                // OCPI 2.2.1 §mod_hub_client_info: the hub owns the ClientInfo objects, so it is their Sender
                new Endpoint(ModuleID.HUBCLIENTINFO, InterfaceRole.SENDER, base + "/hubclientinfo"),
                // a hub plays both interfaces of every functional module: partners push to its Receiver
                // interfaces and read (GET All via Hub, authorize, results) from its Sender interfaces
                new Endpoint(ModuleID.LOCATIONS, InterfaceRole.SENDER, base + "/sender/locations"),
                new Endpoint(ModuleID.LOCATIONS, InterfaceRole.RECEIVER, base + "/receiver/locations"),
                new Endpoint(ModuleID.TARIFFS, InterfaceRole.SENDER, base + "/sender/tariffs"),
                new Endpoint(ModuleID.TARIFFS, InterfaceRole.RECEIVER, base + "/receiver/tariffs"),
                new Endpoint(ModuleID.TOKENS, InterfaceRole.SENDER, base + "/sender/tokens"),
                new Endpoint(ModuleID.TOKENS, InterfaceRole.RECEIVER, base + "/receiver/tokens"),
                new Endpoint(ModuleID.SESSIONS, InterfaceRole.SENDER, base + "/sender/sessions"),
                new Endpoint(ModuleID.SESSIONS, InterfaceRole.RECEIVER, base + "/receiver/sessions"),
                new Endpoint(ModuleID.CDRS, InterfaceRole.SENDER, base + "/sender/cdrs"),
                new Endpoint(ModuleID.CDRS, InterfaceRole.RECEIVER, base + "/receiver/cdrs"),
                new Endpoint(ModuleID.COMMANDS, InterfaceRole.SENDER, base + "/sender/commands"),
                new Endpoint(ModuleID.COMMANDS, InterfaceRole.RECEIVER, base + "/receiver/commands"),
                new Endpoint(ModuleID.CHARGINGPROFILES, InterfaceRole.SENDER, base + "/sender/chargingprofiles"),
                new Endpoint(ModuleID.CHARGINGPROFILES, InterfaceRole.RECEIVER, base + "/receiver/chargingprofiles"));
    }
}
