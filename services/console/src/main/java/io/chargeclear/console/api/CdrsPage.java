package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.chargeclear.console.upstream.GatewayApi;
import io.chargeclear.console.upstream.GatewayApi.Receipt;
import io.chargeclear.console.upstream.RatingApi;
import io.chargeclear.console.upstream.RatingApi.Rating;
import io.chargeclear.console.upstream.SettlementApi;
import io.chargeclear.console.upstream.SettlementApi.CdrSettlement;
import io.chargeclear.console.upstream.Upstream;
import io.chargeclear.console.upstream.Upstream.Answer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CDRs: a search of cdr-rating's ratings by party (as CPO or eMSP), the day it was rated and status (cdr-rating
 * filters; the newest {@value #SEARCHED} it finds are shown), and one CDR's journey on one page, each step from the
 * service that knows it: received and delivered (ocpi-gateway), rated or flagged (cdr-rating), booked, settled, paid
 * at a terminal and disputed (settlement). A step that has not happened says so; a service that fails shows its
 * notice in its own steps only.
 */
@RolesAllowed(OperatorLogin.ROLE)
@Path("/cdrs")
public class CdrsPage {

    /** As many ratings as cdr-rating lists in one answer: a search shows the newest this many it finds. */
    static final int SEARCHED = 1000;
    static final Set<String> STATUSES = Set.of("RATED", "FLAGGED", "PENDING");
    private static final Pattern PARTY = Pattern.compile("[A-Z]{2}\\*[A-Z0-9]{3}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cdrs(Search search, List<Rating> found, String searchProblem,
                                            String ratingProblem, String notice, String problem);

        static native TemplateInstance journey(String countryCode, String partyId, String cdrId,
                                               Answer<Receipt> received, Answer<Rating> rating,
                                               Answer<CdrSettlement> settlement, String notice, String problem);
    }

    /** What the operator searched for, as typed (so the form shows it again). */
    public record Search(String party, String from, String to, String status) {
    }

    private final GatewayApi gateway;
    private final RatingApi rating;
    private final SettlementApi settlement;

    public CdrsPage(@RestClient GatewayApi gateway, @RestClient RatingApi rating,
                    @RestClient SettlementApi settlement) {
        this.gateway = gateway;
        this.rating = rating;
        this.settlement = settlement;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance search(@RestQuery String party, @RestQuery String from, @RestQuery String to,
                                   @RestQuery String status) {
        Search search = new Search(trim(party), trim(from), trim(to), trim(status));
        String who = search.party() == null ? null : search.party().toUpperCase(Locale.ROOT);
        if (who != null && !PARTY.matcher(who).matches()) {
            return Templates.cdrs(search, List.of(), "party must be a CPO or eMSP such as NL*CP1", null, null, null);
        }
        String wanted = search.status() == null ? null : search.status().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            return Templates.cdrs(search, List.of(), "status must be RATED, FLAGGED or PENDING", null, null, null);
        }
        Instant start;
        Instant end;
        try {
            start = search.from() == null ? null : day(search.from());
            end = search.to() == null ? null : day(search.to()).plusSeconds(86_400);
        } catch (DateTimeParseException e) {
            return Templates.cdrs(search, List.of(), "from and to must be dates such as 2026-01-31", null, null, null);
        }
        Answer<List<Rating>> ratings = Upstream.ask("cdr-rating", () -> rating.ratings(wanted, who,
                start == null ? null : start.toString(), end == null ? null : end.toString(), SEARCHED));
        List<Rating> found = ratings.failed() ? List.of() : ratings.value();
        return Templates.cdrs(search, found, null, ratings.problem(), null, null);
    }

    @GET
    @Path("/{country_code}/{party_id}/{cdr_id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance journey(@PathParam("country_code") String countryCode,
                                    @PathParam("party_id") String partyId, @PathParam("cdr_id") String cdrId,
                                    @RestQuery String notice, @RestQuery String problem) {
        String cc = countryCode.toUpperCase(Locale.ROOT);
        String pid = partyId.toUpperCase(Locale.ROOT);
        return Templates.journey(cc, pid, cdrId,
                Upstream.find("ocpi-gateway", () -> gateway.cdr(cc, pid, cdrId)),
                Upstream.find("cdr-rating", () -> rating.rating(cc, pid, cdrId)),
                Upstream.find("settlement", () -> settlement.cdr(cc, pid, cdrId)), notice, problem);
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
