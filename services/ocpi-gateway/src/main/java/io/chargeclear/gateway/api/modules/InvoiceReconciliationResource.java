package io.chargeclear.gateway.api.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.gateway.routing.ModuleSupport;
import io.chargeclear.gateway.routing.Push;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.gateway.routing.Sender;
import io.chargeclear.gateway.store.ObjectMerge;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.store.ReconciliationChecks;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OCPI 2.3.0 (edition 2) invoice reconciliation through the hub (docs/adr/0032-invoice-reconciliation.md): a CPO
 * (direct billing) or an eMSP (reverse billing) says which CDRs one of its invoices covers, and the record goes to the
 * counterparty: the party in the TO headers, else the one the issuer exchanged the listed CDRs with. The hub forwards
 * every record as sent, and checks it against what it routed: a CDR it does not know, did not deliver to that
 * counterparty, has on another record of the issuer, saw credited, or delivered to a payment terminal provider is a
 * discrepancy in the operator's report ({@code GET /admin/reconciliation/discrepancies}) and in the issuer's answer,
 * never a refusal. On the 2.3.0 tree only.
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi invoicereconciliation")
public class InvoiceReconciliationResource {

    static final String MODULE = "invoicereconciliation";
    private static final Logger LOG = Logger.getLogger(InvoiceReconciliationResource.class);
    private static final Set<String> PARTIES = Set.of("CPO", "EMSP");
    private static final int CDR_ID_LENGTH = 39;

    private final ModuleSupport support;
    private final PushService pushes;
    private final OcpiBodies bodies;
    private final ReconciliationChecks checks;

    public InvoiceReconciliationResource(ModuleSupport support, PushService pushes, OcpiBodies bodies,
                                         ReconciliationChecks checks) {
        this.support = support;
        this.pushes = pushes;
        this.bodies = bodies;
        this.checks = checks;
    }

    @PUT
    @Path("/receiver/invoicereconciliation/{country_code}/{party_id}/{record_id}")
    @Operation(summary = "A CPO or eMSP issues or corrects a record; it goes to the counterparty, checked")
    public Uni<Response> put(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("record_id") String id, String body) {
        return issue(request, cc, pid, id, "PUT", body);
    }

    @POST
    @Path("/receiver/invoicereconciliation/{country_code}/{party_id}/{record_id}")
    @Operation(summary = "A CPO or eMSP issues a record; it goes to the counterparty, checked")
    public Uni<Response> post(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                              @PathParam("party_id") String pid, @PathParam("record_id") String id, String body) {
        return issue(request, cc, pid, id, "POST", body);
    }

    @DELETE
    @Path("/receiver/invoicereconciliation/{country_code}/{party_id}/{record_id}")
    @Operation(summary = "The issuer deletes a wrong record; the counterparty is told")
    public Uni<Response> delete(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                                @PathParam("party_id") String pid, @PathParam("record_id") String id) {
        RoutingHeaders headers = ModuleSupport.headers(request);
        return support.sender(request).flatMap(sender -> {
            OcpiParty issuer = ModuleSupport.requireOwner(sender, cc, pid);
            return pushes.accept(sender, headers, ModuleSupport.correlationId(request), MODULE, issuer, id, null,
                    current -> {
                        if (current == null || current.recipientCountryCode == null) {
                            throw ModuleSupport.unknown("invoice reconciliation record " + issuer + "*" + id);
                        }
                        return new Push(MODULE, "DELETE", issuer, id, null, path(issuer, id), null, null,
                                Instant.now().truncatedTo(ChronoUnit.SECONDS), EventType.INVOICE_RECONCILIATION_DELETED,
                                PARTIES, new OcpiParty(current.recipientCountryCode, current.recipientPartyId),
                                OcpiVersion.V2_3_0, OcpiVersion.V2_3_0);
                    })
                    .call(queued -> checks.forget(issuer, id))
                    .map(queued -> support.answer(sender, null));
        });
    }

    @GET
    @Path("/receiver/invoicereconciliation/{country_code}/{party_id}/{record_id}")
    @Operation(summary = "The hub's copy of one of the issuer's records")
    public Uni<Response> own(@Context ContainerRequestContext request, @PathParam("country_code") String cc,
                             @PathParam("party_id") String pid, @PathParam("record_id") String id) {
        return support.own(request, MODULE, "invoice reconciliation record", cc, pid, id, null);
    }

    @GET
    @Path("/sender/invoicereconciliation")
    @Operation(summary = "The records the caller issued and those sent to it (paginated)")
    public Uni<Response> list(@Context ContainerRequestContext request, @RestQuery("offset") String offset,
                              @RestQuery("limit") String limit, @RestQuery("date_from") String dateFrom,
                              @RestQuery("date_to") String dateTo, @RestQuery("after") String after) {
        return support.list(request, MODULE, true, offset, limit, dateFrom, dateTo, after, false);
    }

    private Uni<Response> issue(ContainerRequestContext request, String cc, String pid, String id, String method,
                                String body) {
        ObjectNode record = bodies.object(body);
        ModuleSupport.requireSame(record, "country_code", cc);
        ModuleSupport.requireSame(record, "party_id", pid);
        ModuleSupport.requireSame(record, "id", id);
        String invoiceId = requiredText(record, "invoice_id", 255);
        List<String> cdrIds = cdrIds(record);
        if (ObjectMerge.lastUpdated(record) == null) {
            throw OcpiBodies.invalid("field 'last_updated' is required: a UTC timestamp, e.g. 2026-11-24T10:00:00Z");
        }
        RoutingHeaders headers = ModuleSupport.headers(request);
        return support.sender(request).flatMap(sender -> {
            OcpiParty issuer = ModuleSupport.requireOwner(sender, cc, pid);
            if (!sender.is("CPO") && !sender.is("EMSP")) {
                ModuleSupport.requireRole(sender, "CPO", "or an eMSP issues invoice reconciliation records");
            }
            return counterparty(issuer, headers, cdrIds).flatMap(counterparty -> {
                // the CPO side decides which CDRs are meant: ids are unique per CPO only
                boolean issuerIsCpo = sender.is("CPO");
                ReconciliationChecks.Sides sides = issuerIsCpo
                        ? new ReconciliationChecks.Sides(issuer, counterparty)
                        : new ReconciliationChecks.Sides(counterparty, issuer);
                return checks.check(id, sides, cdrIds, support.router()::paymentTerminalProvider, issuer)
                        .flatMap(found -> pushes.accept(sender, headers, ModuleSupport.correlationId(request), MODULE,
                                        issuer, id, null, current -> new Push(MODULE, method, issuer, id, null,
                                                path(issuer, id), record.toString(), record,
                                                ObjectMerge.lastUpdated(record),
                                                EventType.INVOICE_RECONCILIATION_CHANGED, PARTIES, counterparty,
                                                OcpiVersion.V2_3_0, OcpiVersion.V2_3_0))
                                .call(queued -> checks.replace(issuer, id, counterparty, invoiceId, found))
                                .map(queued -> answer(sender, issuer, id, found)));
            });
        });
    }

    private Uni<OcpiParty> counterparty(OcpiParty issuer, RoutingHeaders headers, List<String> cdrIds) {
        if (headers.to() != null && !support.router().addressesHub(headers)) {
            return Uni.createFrom().item(headers.to());
        }
        return checks.counterparty(issuer, cdrIds).map(found -> found.orElseThrow(() -> new OcpiException(
                Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION, "cannot tell the counterparty of the record"
                + " from its CDRs (none, or several parties): send the OCPI-to headers of the party you invoice")));
    }

    private Response answer(Sender sender, OcpiParty issuer, String id, List<ReconciliationChecks.Discrepancy> found) {
        if (found.isEmpty()) {
            return support.answer(sender, null);
        }
        LOG.warnf("invoice reconciliation record %s*%s: %d discrepancies: %s", issuer, id, found.size(),
                found.stream().map(ReconciliationChecks.Discrepancy::kind).toList());
        return support.noted(sender, "forwarded; the hub found: " + String.join(", ",
                found.stream().map(d -> d.kind() + " " + d.cdrId()).toList()));
    }

    private static String path(OcpiParty issuer, String id) {
        return OutgoingUrls.path(issuer.countryCode(), issuer.partyId(), id);
    }

    private static List<String> cdrIds(ObjectNode record) {
        JsonNode cdrs = record.get("cdrs");
        if (cdrs == null || !cdrs.isArray() || cdrs.isEmpty()) {
            throw OcpiBodies.invalid("field 'cdrs' is required: the ids of the CDRs the invoice covers, at least one");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cdrs.size(); i++) {
            JsonNode cdr = cdrs.get(i);
            if (!cdr.isTextual() || cdr.asText().isEmpty() || cdr.asText().length() > CDR_ID_LENGTH) {
                throw OcpiBodies.invalid("field 'cdrs[" + i + "]' must be a CDR id of 1 to " + CDR_ID_LENGTH
                        + " characters");
            }
            ids.add(cdr.asText());
        }
        return ids;
    }

    private static String requiredText(ObjectNode record, String field, int maxLength) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw OcpiBodies.invalid("field '" + field + "' is required (a string)");
        }
        if (value.asText().length() > maxLength) {
            throw OcpiBodies.invalid("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return value.asText();
    }
}
