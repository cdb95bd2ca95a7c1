package io.chargeclear.gateway.api;

import io.chargeclear.gateway.store.ReconciliationChecks;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.event.OcpiParty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's report of invoice reconciliation records (docs/adr/0032-invoice-reconciliation.md): for each record
 * the hub forwarded, the CDRs it found unknown, not delivered to the counterparty, on another record, credited, or paid
 * at a terminal.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation")
public class ReconciliationResource {

    private static final Pattern PARTY = Pattern.compile("([A-Za-z]{2})\\*([A-Za-z0-9]{3})");
    private static final int MAX_LIMIT = 1000;

    private final ReconciliationChecks checks;

    public ReconciliationResource(ReconciliationChecks checks) {
        this.checks = checks;
    }

    @GET
    @Path("/discrepancies")
    @Operation(summary = "What the hub found wrong with the invoice reconciliation records it forwarded, newest first;"
            + " ?issuer=CC*PID for one issuer")
    public Uni<List<ReconciliationChecks.Reported>> discrepancies(@QueryParam("issuer") String issuer,
                                                                  @QueryParam("limit") Integer limit) {
        OcpiParty party = null;
        if (issuer != null && !issuer.isBlank()) {
            Matcher m = PARTY.matcher(issuer.trim());
            if (!m.matches()) {
                throw ApiException.badRequest("issuer must be COUNTRY_CODE*PARTY_ID, e.g. NL*DC1 (got '" + issuer
                        + "')");
            }
            party = new OcpiParty(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT));
        }
        int rows = limit == null ? 100 : limit;
        if (rows < 1 || rows > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + " (got " + rows + ")");
        }
        return checks.report(party, rows);
    }
}
