package io.chargeclear.rating.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.rating.persistence.CdrRating;
import io.chargeclear.rating.persistence.CdrRatingWait;
import io.chargeclear.rating.persistence.RatingWaits;
import io.chargeclear.rating.service.RatingService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operator view of CDR ratings (DESIGN "Operator surface"): one CDR's rating with its amounts and reasons, the
 * flagged ones, the PENDING ones with what they wait for, and the two ways out of a flag: rate again now, or accept
 * the CPO's total.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/rating/cdrs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rating")
public class RatingResource {

    private static final Pattern PARTY = Pattern.compile("([A-Z]{2})\\*([A-Z0-9]{3})");

    private final RatingService ratings;
    private final RatingWaits waits;

    public RatingResource(RatingService ratings, RatingWaits waits) {
        this.ratings = ratings;
        this.waits = waits;
    }

    @GET
    @Operation(summary = "Ratings, newest first; status=FLAGGED lists what waits for an operator, status=PENDING the"
            + " CDRs still waiting for their location, tariff or agreement within the grace; party=NL*CP1 those of"
            + " one party as CPO or eMSP; rated_from (inclusive) and rated_to (exclusive), ISO-8601 instants, those"
            + " whose state was reached in that time")
    public Uni<List<RatingView>> list(@RestQuery("status") String status, @RestQuery("limit") Integer limit,
                                      @RestQuery("party") String party, @RestQuery("rated_from") String ratedFrom,
                                      @RestQuery("rated_to") String ratedTo) {
        if (status != null && !status.equals(CdrRating.RATED) && !status.equals(CdrRating.FLAGGED)
                && !status.equals(CdrRating.PENDING)) {
            throw new ApiException(Response.Status.BAD_REQUEST, "status must be PENDING, RATED or FLAGGED");
        }
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            conditions.add("status = :status");
            parameters.and("status", status);
        }
        if (party != null) {
            Matcher who = PARTY.matcher(party.trim().toUpperCase(Locale.ROOT));
            if (!who.matches()) {
                throw ApiException.badRequest("party must be a country code and party id such as NL*CP1, not '"
                        + party + "'");
            }
            conditions.add("((countryCode = :cc and partyId = :pid)"
                    + " or (emspCountryCode = :cc and emspPartyId = :pid))");
            parameters.and("cc", who.group(1)).and("pid", who.group(2));
        }
        Instant from = instant("rated_from", ratedFrom);
        Instant to = instant("rated_to", ratedTo);
        if (from != null) {
            conditions.add("ratedAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            conditions.add("ratedAt < :to");
            parameters.and("to", to);
        }
        String query = (conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ") + "order by ratedAt desc";
        return Panache.withSession(() -> CdrRating.<CdrRating>find(query, parameters).range(0, max - 1).list()
                .flatMap(this::views));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, not '"
                    + value + "'");
        }
    }

    @GET
    @Path("/{country_code}/{party_id}/{cdr_id}")
    @Operation(summary = "The rating of one CDR: status, reasons, the hub's and the CPO's totals, fee and amounts owed")
    public Uni<RatingView> get(@PathParam("country_code") String cc, @PathParam("party_id") String pid,
                               @PathParam("cdr_id") String cdrId) {
        return Panache.withSession(() -> find(cc, pid, cdrId).flatMap(this::view));
    }

    @POST
    @Path("/{country_code}/{party_id}/{cdr_id}/rerate")
    @Operation(summary = "Rate the CDR again now, with the tariff, location and agreement the hub knows now")
    public Uni<RatingView> rerate(@PathParam("country_code") String cc, @PathParam("party_id") String pid,
                                  @PathParam("cdr_id") String cdrId) {
        return Panache.withTransaction(() -> find(cc, pid, cdrId).flatMap(ratings::rerate).flatMap(this::view));
    }

    @POST
    @Path("/{country_code}/{party_id}/{cdr_id}/accept")
    @Operation(summary = "Accept a flagged CDR at the CPO's total (the agreement's fee still applies)")
    public Uni<RatingView> accept(@PathParam("country_code") String cc, @PathParam("party_id") String pid,
                                  @PathParam("cdr_id") String cdrId) {
        return Panache.withTransaction(() -> find(cc, pid, cdrId).flatMap(rating -> {
            if (!CdrRating.FLAGGED.equals(rating.status)) {
                throw new ApiException(Response.Status.CONFLICT, "CDR " + cdrId + " is " + rating.status
                        + "; only a flagged CDR can be accepted");
            }
            return ratings.accept(rating).map(accepted -> {
                if (accepted == null) {
                    throw new ApiException(Response.Status.CONFLICT, "no agreement (or open-market terms) between"
                            + " the CPO and the eMSP applies at the session's start: there is no fee to settle under");
                }
                return accepted;
            });
        }).flatMap(this::view));
    }

    private Uni<RatingView> view(CdrRating rating) {
        return views(List.of(rating)).map(list -> list.get(0));
    }

    private Uni<List<RatingView>> views(List<CdrRating> list) {
        return waits.of(list).map(waiting -> list.stream().map(r -> RatingView.of(r,
                waiting.getOrDefault(new CdrRating.Key(r.countryCode, r.partyId, r.cdrId), List.of()))).toList());
    }

    private static Uni<CdrRating> find(String cc, String pid, String cdrId) {
        return CdrRating.<CdrRating>findById(new CdrRating.Key(cc.toUpperCase(), pid.toUpperCase(), cdrId))
                .map(rating -> {
                    if (rating == null) {
                        throw new ApiException(Response.Status.NOT_FOUND, "no rating of CDR " + cc + "*" + pid + "*"
                                + cdrId);
                    }
                    return rating;
                });
    }

    /**
     * One CDR's rating as operators read it; decimals as strings. {@code hub_fee_note} says why the hub fee is less
     * than the fee terms in full ({@code NO_PER_SESSION_FEE_IN_CURRENCY}: none per session in the CDR's currency, the
     * percentage alone applied), null when they applied in full. A PENDING CDR has published nothing yet (revision
     * 0): {@code pending_since} says since when it waits, {@code waiting_for} for what; a flagged CDR that a later
     * event can still fix lists what it waits for too.
     */
    public record RatingView(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("status") String status,
            @JsonProperty("reasons") List<String> reasons,
            @JsonProperty("details") JsonNode details,
            @JsonProperty("revision") int revision,
            @JsonProperty("currency") String currency,
            @JsonProperty("total_cost") Amount totalCost,
            @JsonProperty("cpo_total_cost") Amount cpoTotalCost,
            @JsonProperty("hub_fee") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal hubFee,
            @JsonProperty("emsp_payable") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal emspPayable,
            @JsonProperty("cpo_receivable") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cpoReceivable,
            @JsonProperty("hub_fee_note") String hubFeeNote,
            @JsonProperty("tariff_id") String tariffId,
            @JsonProperty("tariff_version") Instant tariffVersion,
            @JsonProperty("agreement_id") String agreementId,
            @JsonProperty("reverses") String reverses,
            @JsonProperty("operator_override") boolean operatorOverride,
            @JsonProperty("breakdown") JsonNode breakdown,
            @JsonProperty("rated_at") Instant ratedAt,
            @JsonProperty("pending_since") Instant pendingSince,
            @JsonProperty("waiting_for") List<Awaited> waitingFor) {

        static RatingView of(CdrRating r, List<CdrRatingWait> waits) {
            String c = r.currency;
            return new RatingView(r.countryCode, r.partyId, r.cdrId, r.emspCountryCode + "*" + r.emspPartyId, r.status,
                    r.reasons.isEmpty() ? List.of() : Arrays.asList(r.reasons.split(",")), json(r.details), r.revision,
                    c, r.totalExclVat == null ? null : new Amount(plain(r.totalExclVat, c), plain(r.totalInclVat, c),
                            r.taxes == null ? null : RatingService.readTaxes(r.taxes).stream()
                                    .map(t -> new CdrRated.TaxLine(t.name(), t.percentage(), plain(t.amount(), c)))
                                    .toList()),
                    new Amount(plain(r.cpoTotalExclVat, c), plain(r.cpoTotalInclVat, c), null), plain(r.hubFee, c),
                    plain(r.emspPayable, c), plain(r.cpoReceivable, c), r.hubFeeNote,
                    r.tariffId, r.tariffVersion, r.agreementId, r.reverses, r.operatorOverride,
                    r.breakdown == null ? null : json(r.breakdown), r.ratedAt, r.pendingSince,
                    waits.stream().map(w -> new Awaited(w.kind, r.countryCode, r.partyId, w.refId, w.checkedAt))
                            .toList());
        }

        /** The stored amount without the database's trailing zeros, but never below the currency's minor units. */
        private static BigDecimal plain(BigDecimal amount, String currency) {
            if (amount == null) {
                return null;
            }
            return Money.of(amount, currency).withoutTrailingZeros().amount();
        }

        private static JsonNode json(String text) {
            try {
                return OcpiJson.mapper().readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("stored JSON is not readable", e);
            }
        }
    }

    /**
     * An object a CDR waits for: a LOCATION, TARIFF, AGREEMENT (id is the eMSP, {@code CC*PID}) or CREDIT_REFERENCE
     * (id is the credited CDR) of the CDR's CPO; {@code checked_at} is when the CDR was last evaluated.
     */
    public record Awaited(
            @JsonProperty("kind") String kind,
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("id") String id,
            @JsonProperty("checked_at") Instant checkedAt) {
    }

    /**
     * An amount excluding and including VAT (before and after taxes); the hub's {@code total_cost} lists its
     * {@code taxes} too, as {@code rating.cdr-rated.v1} carries them: {@code incl_vat = excl_vat + Σ amount}.
     */
    public record Amount(
            @JsonProperty("excl_vat") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exclVat,
            @JsonProperty("incl_vat") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal inclVat,
            @JsonProperty("taxes") @JsonInclude(JsonInclude.Include.NON_NULL) List<CdrRated.TaxLine> taxes) {
    }
}
