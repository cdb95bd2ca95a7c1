package io.chargeclear.rating.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.CdrFlagged;
import io.chargeclear.model.event.CdrFlagged.Reason;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.rating.domain.CdrPricer;
import io.chargeclear.rating.domain.Cost;
import io.chargeclear.rating.domain.CostBreakdown;
import io.chargeclear.rating.persistence.CdrRating;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Rates CDRs and keeps their ratings current (docs/adr/0009): a new CDR is rated once; a replayed one changes
 * nothing; another CDR under an id already rated is flagged DUPLICATE without touching the first; a credit CDR
 * reverses the CDR it refers to; a flagged CDR is rated again when what it waited for arrives or an operator
 * acts. Every revision goes out as {@code rating.cdr-rated.v1} or {@code rating.cdr-flagged.v1} through the
 * outbox. Runs in the caller's transaction.
 */
@ApplicationScoped
public class RatingService {

    private static final Logger LOG = Logger.getLogger(RatingService.class);
    /** Reasons that go away when an event arrives, so a flagged CDR is worth rating again. */
    private static final java.util.Set<Reason> WAITING = java.util.EnumSet.of(Reason.UNKNOWN_TARIFF,
            Reason.UNKNOWN_LOCATION, Reason.NO_AGREEMENT, Reason.UNKNOWN_CREDIT_REFERENCE);

    private final RatingLookups lookups;
    private final Outbox outbox;
    private final ObjectMapper json = OcpiJson.mapper();
    private final CdrPricer pricer;

    public RatingService(RatingLookups lookups, Outbox outbox,
                         @ConfigProperty(name = "chargeclear.rating.cost-tolerance") BigDecimal tolerance) {
        this.lookups = lookups;
        this.outbox = outbox;
        this.pricer = new CdrPricer(tolerance);
    }

    /** A CDR the gateway routed (the object of an {@code ocpi.cdr.received.v1} event). */
    public Uni<Void> received(JsonNode object) {
        CDR cdr;
        try {
            cdr = read(object);
        } catch (IllegalArgumentException e) {
            // the gateway validated it; a CDR that still cannot be read must not stop the others behind it
            LOG.errorf(e, "skipping a CDR event whose object is not a readable CDR: %s", object);
            return Uni.createFrom().voidItem();
        }
        return CdrRating.<CdrRating>findById(new CdrRating.Key(cdr.countryCode(), cdr.partyId(), cdr.id()))
                .flatMap(known -> {
                    if (known != null) {
                        if (read(known.cdr).equals(cdr)) {
                            return Uni.createFrom().voidItem();
                        }
                        LOG.warnf("CDR %s*%s*%s arrived again with different content; the first rating stands",
                                cdr.countryCode(), cdr.partyId(), cdr.id());
                        return flagDuplicate(known, cdr);
                    }
                    CdrRating rating = new CdrRating();
                    rating.countryCode = cdr.countryCode();
                    rating.partyId = cdr.partyId();
                    rating.cdrId = cdr.id();
                    rating.emspCountryCode = cdr.cdrToken().countryCode();
                    rating.emspPartyId = cdr.cdrToken().partyId();
                    rating.cdr = object.toString();
                    rating.currency = cdr.currency();
                    rating.cpoTotalExclVat = cdr.totalCost().exclVat();
                    rating.cpoTotalInclVat = cdr.totalCost().inclVat();
                    rating.revision = 0;
                    return evaluate(rating, cdr).flatMap(done -> rating.persist()).replaceWithVoid();
                });
    }

    /** Rates again a CDR that is known; {@code null} rating is a no-op. */
    public Uni<CdrRating> rerate(CdrRating rating) {
        if (rating == null) {
            return Uni.createFrom().nullItem();
        }
        return evaluate(rating, read(rating.cdr)).replaceWith(rating);
    }

    /** Re-rates every flagged CDR of this CPO that waits for {@code reason}'s cause (a tariff, a location, …). */
    public Uni<Void> rerateWaiting(OcpiParty cpo, Reason reason) {
        return CdrRating.<CdrRating>list("countryCode = ?1 and partyId = ?2 and status = 'FLAGGED'",
                        cpo.countryCode(), cpo.partyId())
                .flatMap(flagged -> Multi.createFrom().iterable(flagged.stream()
                                .filter(r -> reasons(r).contains(reason)).toList())
                        .onItem().transformToUniAndConcatenate(this::rerate)
                        .collect().last())
                .replaceWithVoid();
    }

    /** Re-rates every flagged CDR that waits for something that may have arrived since (tariff, location, agreement). */
    public Uni<Void> rerateAllWaiting() {
        return CdrRating.<CdrRating>list("status = 'FLAGGED'")
                .flatMap(flagged -> Multi.createFrom().iterable(flagged.stream()
                                .filter(r -> reasons(r).stream().anyMatch(WAITING::contains)).toList())
                        .onItem().transformToUniAndConcatenate(this::rerate)
                        .collect().last())
                .replaceWithVoid();
    }

    /** Re-rates every flagged CDR waiting for an agreement. */
    public Uni<Void> rerateWaitingForAgreement() {
        return CdrRating.<CdrRating>list("status = 'FLAGGED'")
                .flatMap(flagged -> Multi.createFrom().iterable(flagged.stream()
                                .filter(r -> reasons(r).contains(Reason.NO_AGREEMENT)).toList())
                        .onItem().transformToUniAndConcatenate(this::rerate)
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * An operator accepts a flagged CDR at the CPO's total. The fee still follows the agreement (or open-market
     * terms); without either there is nothing to settle under, and the CDR stays flagged.
     *
     * @return the rating, or null when no fee terms apply
     */
    public Uni<CdrRating> accept(CdrRating rating) {
        CDR cdr = read(rating.cdr);
        return lookups.fee(cdr).flatMap(fee -> {
            if (fee == null) {
                return Uni.createFrom().nullItem();
            }
            CdrPricer.Priced priced = pricer.accept(cdr, fee);
            rating.status = CdrRating.RATED;
            rating.reasons = "";
            rating.details = "[]";
            rating.tariffId = null;
            rating.tariffVersion = null;
            rating.agreementId = fee.agreementId();
            rating.totalExclVat = cdr.totalCost().exclVat();
            rating.totalInclVat = cdr.totalCost().inclVat();
            rating.breakdown = null;
            rating.operatorOverride = true;
            amounts(rating, priced);
            return emit(rating, cdr, null).replaceWith(rating);
        });
    }

    private Uni<Void> evaluate(CdrRating rating, CDR cdr) {
        if (Boolean.TRUE.equals(cdr.credit()) && cdr.creditReferenceId() != null) {
            return reversal(rating, cdr);
        }
        return lookups.tariff(cdr).flatMap(tariff -> lookups.timeZone(cdr).flatMap(zone -> lookups.fee(cdr)
                .flatMap(fee -> {
                    CdrPricer.Priced priced = pricer.price(cdr, tariff == null ? null : tariff.tariff(), zone, fee);
                    String reasons = String.join(",", priced.reasons().stream().map(Enum::name).toList());
                    if (rating.revision > 0 && CdrRating.FLAGGED.equals(rating.status) && !priced.rated()
                            && reasons.equals(rating.reasons)) {
                        // still waiting for the same things: nothing new to say
                        return Uni.createFrom().voidItem();
                    }
                    rating.status = priced.rated() ? CdrRating.RATED : CdrRating.FLAGGED;
                    rating.reasons = reasons;
                    rating.details = write(priced.details());
                    rating.tariffId = tariff == null ? null : tariff.tariff().id();
                    rating.tariffVersion = tariff == null ? null : tariff.version();
                    rating.agreementId = fee == null ? null : fee.agreementId();
                    CostBreakdown breakdown = priced.breakdown();
                    rating.totalExclVat = breakdown == null ? null : breakdown.roundedTotal().exclVat().amount();
                    rating.totalInclVat = breakdown == null ? null : breakdown.roundedTotal().inclVat().amount();
                    rating.breakdown = breakdown == null ? null : write(breakdown(breakdown));
                    rating.operatorOverride = false;
                    rating.reverses = null;
                    amounts(rating, priced);
                    return emit(rating, cdr, breakdown == null ? null : breakdown(breakdown));
                })));
    }

    /** A credit CDR: the CDR it refers to, reversed (every amount negated), once that one is rated. */
    private Uni<Void> reversal(CdrRating rating, CDR credit) {
        return CdrRating.<CdrRating>findById(new CdrRating.Key(credit.countryCode(), credit.partyId(),
                        credit.creditReferenceId()))
                .flatMap(original -> {
                    rating.reverses = credit.creditReferenceId();
                    rating.operatorOverride = false;
                    if (original == null || !CdrRating.RATED.equals(original.status)) {
                        if (rating.revision > 0 && CdrRating.FLAGGED.equals(rating.status)) {
                            return Uni.createFrom().voidItem();
                        }
                        rating.status = CdrRating.FLAGGED;
                        rating.reasons = Reason.UNKNOWN_CREDIT_REFERENCE.name();
                        rating.details = write(List.of("credit_reference_id " + credit.creditReferenceId()
                                + " names no CDR of " + credit.countryCode() + "*" + credit.partyId()
                                + " the hub has rated"));
                        return emit(rating, credit, null);
                    }
                    rating.status = CdrRating.RATED;
                    rating.reasons = "";
                    rating.details = "[]";
                    rating.tariffId = original.tariffId;
                    rating.tariffVersion = original.tariffVersion;
                    rating.agreementId = original.agreementId;
                    rating.totalExclVat = negate(original.totalExclVat);
                    rating.totalInclVat = negate(original.totalInclVat);
                    rating.hubFee = negate(original.hubFee);
                    rating.emspPayable = negate(original.emspPayable);
                    rating.cpoReceivable = negate(original.cpoReceivable);
                    rating.breakdown = null;
                    return emit(rating, credit, null);
                });
    }

    private Uni<Void> flagDuplicate(CdrRating known, CDR duplicate) {
        // carries the revision of the rating it duplicates, so a consumer applying by revision keeps the first
        CdrFlagged event = new CdrFlagged(duplicate.id(), new OcpiParty(known.countryCode, known.partyId),
                new OcpiParty(duplicate.cdrToken().countryCode(), duplicate.cdrToken().partyId()), duplicate.currency(),
                List.of(Reason.DUPLICATE), List.of("CDR " + duplicate.id() + " was already rated with other content;"
                + " a correction is a credit CDR and a new CDR with new ids"), null,
                new CdrRated.Amount(duplicate.totalCost().exclVat(), duplicate.totalCost().inclVat()), known.revision,
                now());
        return outbox.append(EventType.CDR_FLAGGED, event.key(), duplicate.id(), event).replaceWithVoid();
    }

    private Uni<Void> emit(CdrRating rating, CDR cdr, CdrRated.Breakdown breakdown) {
        rating.revision = rating.revision + 1;
        rating.ratedAt = now();
        OcpiParty cpo = new OcpiParty(rating.countryCode, rating.partyId);
        OcpiParty emsp = new OcpiParty(rating.emspCountryCode, rating.emspPartyId);
        CdrRated.Amount cpoTotal = new CdrRated.Amount(rating.cpoTotalExclVat, rating.cpoTotalInclVat);
        CdrRated.Amount total = rating.totalExclVat == null ? null
                : new CdrRated.Amount(rating.totalExclVat, rating.totalInclVat);
        if (CdrRating.FLAGGED.equals(rating.status)) {
            CdrFlagged event = new CdrFlagged(rating.cdrId, cpo, emsp, rating.currency, reasons(rating),
                    readDetails(rating.details), total, cpoTotal, rating.revision, rating.ratedAt);
            return outbox.append(EventType.CDR_FLAGGED, event.key(), rating.cdrId, event).replaceWithVoid();
        }
        CdrRated event = new CdrRated(rating.cdrId, cpo, emsp, cdr.sessionId(), cdr.startDateTime(),
                cdr.endDateTime(), rating.currency, total, cpoTotal, money(rating.hubFee, rating.currency),
                money(rating.emspPayable, rating.currency), money(rating.cpoReceivable, rating.currency),
                rating.tariffId, rating.tariffVersion, rating.agreementId, breakdown, rating.reverses,
                rating.operatorOverride, rating.revision, rating.ratedAt);
        return outbox.append(EventType.CDR_RATED, event.key(), rating.cdrId, event).replaceWithVoid();
    }

    private static void amounts(CdrRating rating, CdrPricer.Priced priced) {
        rating.hubFee = priced.hubFee() == null ? null : priced.hubFee().amount();
        rating.emspPayable = priced.emspPayable() == null ? null : priced.emspPayable().amount();
        rating.cpoReceivable = priced.cpoReceivable() == null ? null : priced.cpoReceivable().amount();
    }

    static CdrRated.Breakdown breakdown(CostBreakdown b) {
        return new CdrRated.Breakdown(amount(b.fixed()), amount(b.energy()), amount(b.time()), amount(b.parking()),
                amount(b.reservation()), amount(b.priceBoundAdjustment()), amount(b.total()),
                b.volumes().totalEnergyKwh(), b.volumes().chargingTimeHours(), b.volumes().parkingTimeHours());
    }

    private static CdrRated.Amount amount(Cost cost) {
        return new CdrRated.Amount(cost.exclVat().amount(), cost.inclVat().amount());
    }

    static List<Reason> reasons(CdrRating rating) {
        return rating.reasons.isEmpty() ? List.of()
                : Arrays.stream(rating.reasons.split(",")).map(Reason::valueOf).toList();
    }

    private List<String> readDetails(String details) {
        try {
            return Arrays.asList(json.readValue(details, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("stored rating details are not readable", e);
        }
    }

    private static Money money(BigDecimal amount, String currency) {
        return amount == null ? null : Money.of(amount, currency);
    }

    private static BigDecimal negate(BigDecimal amount) {
        return amount == null ? null : amount.negate();
    }

    private CDR read(JsonNode object) {
        try {
            return json.treeToValue(object, CDR.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the CDR is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private CDR read(String stored) {
        try {
            return json.readValue(stored, CDR.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored CDR is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
