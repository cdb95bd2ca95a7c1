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
import io.chargeclear.rating.domain.ReferenceWait;
import io.chargeclear.rating.domain.TaxLine;
import io.chargeclear.rating.persistence.CdrRating;
import io.chargeclear.rating.persistence.RatingWaits;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Rates CDRs and keeps their ratings current (docs/adr/0009): a new CDR is rated once; a replayed one changes
 * nothing; another CDR under an id already rated is flagged DUPLICATE without touching the first; a credit CDR
 * reverses the CDR it refers to. A CDR that misses only what a later event can bring (its location, tariff,
 * agreement, or the CDR it credits) waits PENDING, publishing nothing, for at most {@code chargeclear.rating.pending-grace}
 * and is rated as soon as that arrives; once the grace is over it is flagged (docs/adr/0022). A flagged CDR is rated
 * again when what it waited for arrives or an operator acts. Every revision goes out as {@code rating.cdr-rated.v1} or
 * {@code rating.cdr-flagged.v1} through the outbox. Runs in the caller's transaction.
 */
@ApplicationScoped
public class RatingService {

    private static final Logger LOG = Logger.getLogger(RatingService.class);

    private final RatingLookups lookups;
    private final RatingWaits waits;
    private final Outbox outbox;
    private final RatingMetrics metrics;
    private final ObjectMapper json = OcpiJson.mapper();
    private final CdrPricer pricer;
    private final Duration grace;
    private final int rerateChunk;

    public RatingService(RatingLookups lookups, RatingWaits waits, Outbox outbox, RatingMetrics metrics,
                         @ConfigProperty(name = "chargeclear.rating.cost-tolerance") BigDecimal tolerance,
                         @ConfigProperty(name = "chargeclear.rating.pending-grace") Duration grace,
                         @ConfigProperty(name = "chargeclear.rating.rerate-chunk") int rerateChunk) {
        this.lookups = lookups;
        this.waits = waits;
        this.outbox = outbox;
        this.metrics = metrics;
        this.pricer = new CdrPricer(tolerance);
        this.grace = grace;
        this.rerateChunk = rerateChunk;
    }

    /**
     * A CDR the gateway routed (the object of an {@code ocpi.cdr.received.v1} event) and when the gateway accepted it
     * (null if the event does not say).
     */
    public Uni<Void> received(JsonNode object, Instant receivedAt) {
        OcpiShapes.ReadCdr read;
        try {
            read = OcpiShapes.cdr(object);
        } catch (IllegalArgumentException e) {
            // the gateway validated it; a CDR that still cannot be read must not stop the others behind it
            LOG.errorf(e, "skipping a CDR event whose object is not a readable CDR: %s", object);
            return Uni.createFrom().voidItem();
        }
        CDR cdr = read.cdr();
        return CdrRating.<CdrRating>findById(new CdrRating.Key(cdr.countryCode(), cdr.partyId(), cdr.id()))
                .flatMap(known -> {
                    if (known != null) {
                        if (OcpiShapes.cdr(known.cdr).equals(read)) {
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
                    rating.receivedAt = receivedAt;
                    rating.currency = cdr.currency();
                    rating.cpoTotalExclVat = cdr.totalCost().exclVat();
                    rating.cpoTotalInclVat = cdr.totalCost().inclVat();
                    rating.revision = 0;
                    return evaluate(rating, read).flatMap(awaited -> rating.persist()
                            .flatMap(persisted -> settle(rating, awaited)));
                });
    }

    /**
     * Rates again a CDR that is known; {@code null} rating is a no-op. A PENDING CDR whose grace is over is flagged
     * if it still misses something.
     */
    public Uni<CdrRating> rerate(CdrRating rating) {
        if (rating == null) {
            return Uni.createFrom().nullItem();
        }
        return evaluate(rating, OcpiShapes.cdr(rating.cdr)).flatMap(awaited -> settle(rating, awaited))
                .replaceWith(rating);
    }

    /**
     * A reference object of {@code cpo} arrived (a location, a tariff, an agreement's eMSP): rates the CDRs that
     * waited for it, PENDING or flagged, and only those. At most {@code chargeclear.rating.rerate-chunk} of them are
     * rated in this transaction; the others are left due for the sweep ({@code RatingSweep}), so one event never
     * holds its consumer for an unbounded time.
     */
    public Uni<Void> arrived(ReferenceWait.Kind kind, OcpiParty cpo, String refId) {
        return waits.arrived(kind, cpo.countryCode(), cpo.partyId(), refId, rerateChunk).flatMap(this::rerateAll)
                .replaceWithVoid();
    }

    /** An agreement between {@code cpo} and {@code emsp} arrived or changed: rates the CDRs that waited for one. */
    public Uni<Void> agreementArrived(OcpiParty cpo, OcpiParty emsp) {
        return arrived(ReferenceWait.Kind.AGREEMENT, cpo, party(emsp.countryCode(), emsp.partyId()));
    }

    /** New standard terms may serve any pair without an agreement: rates the CDRs waiting for an agreement. */
    public Uni<Void> standardTermsChanged() {
        return waits.arrivedAll(ReferenceWait.Kind.AGREEMENT, rerateChunk).flatMap(this::rerateAll).replaceWithVoid();
    }

    /** Sweep: rates at most {@code limit} CDRs whose awaited object arrived but no event's transaction rated them. */
    public Uni<Integer> rateDue(int limit) {
        return waits.lockDue(limit).flatMap(this::rerateAll);
    }

    /**
     * Sweep: at most {@code limit} PENDING CDRs whose grace is over are evaluated once more: rated if what they
     * waited for is there after all, else flagged with the reasons a CDR was always flagged for.
     */
    public Uni<Integer> giveUpExpired(int limit) {
        return waits.lockExpiredPending(grace, limit).flatMap(this::rerateAll);
    }

    /** Sweep: evaluates again at most {@code limit} flagged, waiting CDRs nothing re-rated for {@code age}. */
    public Uni<Integer> recheckFlagged(Duration age, int limit) {
        return waits.lockUncheckedFlagged(age, limit).flatMap(this::rerateAll);
    }

    private Uni<Integer> rerateAll(List<CdrRating> ratings) {
        return Multi.createFrom().iterable(ratings)
                .onItem().transformToUniAndConcatenate(this::rerate)
                .collect().last()
                .replaceWith(ratings.size());
    }

    /**
     * An operator accepts a flagged CDR at the CPO's total. The fee still follows the agreement (or open-market
     * terms); without either there is nothing to settle under, and the CDR stays flagged.
     *
     * @return the rating, or null when no fee terms apply
     */
    public Uni<CdrRating> accept(CdrRating rating) {
        OcpiShapes.ReadCdr read = OcpiShapes.cdr(rating.cdr);
        CDR cdr = read.cdr();
        return lookups.fee(cdr).flatMap(fee -> {
            if (fee == null) {
                return Uni.createFrom().nullItem();
            }
            CdrPricer.Priced priced = pricer.accept(cdr, read.cpoTaxes(), fee);
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
            rating.taxes = write(taxLines(priced.taxes()));
            amounts(rating, priced);
            rating.pendingSince = null;
            return emit(rating, cdr, null).flatMap(emitted -> settle(rating, List.of())).replaceWith(rating);
        });
    }

    /**
     * Rates, keeps PENDING or flags the CDR from what the hub knows now.
     *
     * @return what the CDR waits for afterwards (none once it is rated)
     */
    private Uni<List<ReferenceWait>> evaluate(CdrRating rating, OcpiShapes.ReadCdr read) {
        CDR cdr = read.cdr();
        if (Boolean.TRUE.equals(cdr.credit()) && cdr.creditReferenceId() != null) {
            return reversal(rating, cdr);
        }
        return lookups.tariff(cdr).flatMap(lookup -> lookups.timeZone(cdr).flatMap(zone -> lookups.fee(cdr)
                .flatMap(fee -> {
                    RatingLookups.ChosenTariff tariff = lookup.chosen();
                    CdrPricer.Priced priced = pricer.price(cdr, read.cpoTaxes(), tariff == null ? null : tariff.tariff(),
                            tariff == null ? null : tariff.taxIncluded(), zone, fee);
                    List<ReferenceWait> awaited = ReferenceWait.of(priced.reasons(), cdr.cdrLocation().id(),
                            lookup.tariffId(), party(rating.emspCountryCode, rating.emspPartyId), null);
                    if (mayWait(rating, priced.reasons())) {
                        pending(rating, priced.reasons(), priced.details());
                        return Uni.createFrom().item(awaited);
                    }
                    String reasons = String.join(",", priced.reasons().stream().map(Enum::name).toList());
                    if (rating.revision > 0 && CdrRating.FLAGGED.equals(rating.status) && !priced.rated()
                            && reasons.equals(rating.reasons)) {
                        // still waiting for the same things: nothing new to say
                        return Uni.createFrom().item(awaited);
                    }
                    rating.status = priced.rated() ? CdrRating.RATED : CdrRating.FLAGGED;
                    rating.pendingSince = null;
                    rating.reasons = reasons;
                    rating.details = write(priced.details());
                    rating.tariffId = tariff == null ? null : tariff.tariff().id();
                    rating.tariffVersion = tariff == null ? null : tariff.version();
                    rating.agreementId = fee == null ? null : fee.agreementId();
                    CostBreakdown breakdown = priced.breakdown();
                    rating.totalExclVat = priced.total() == null ? null : priced.total().exclVat().amount();
                    rating.totalInclVat = priced.total() == null ? null : priced.total().inclVat().amount();
                    rating.taxes = priced.taxes() == null ? null : write(taxLines(priced.taxes()));
                    rating.breakdown = breakdown == null ? null : write(breakdown(breakdown));
                    rating.operatorOverride = false;
                    rating.reverses = null;
                    amounts(rating, priced);
                    return emit(rating, cdr, breakdown == null ? null : breakdown(breakdown)).replaceWith(awaited);
                })));
    }

    /**
     * A CDR may wait (stay or become PENDING) while nothing about it was published yet, every reason it has can go
     * away with a later event, and its grace has not run out.
     */
    private boolean mayWait(CdrRating rating, List<Reason> reasons) {
        if (rating.revision > 0 || !ReferenceWait.allCanArriveLater(reasons)) {
            return false;
        }
        Instant now = now();
        Instant since = rating.pendingSince != null ? rating.pendingSince : now;
        return since.plus(grace).isAfter(now);
    }

    /** Keeps the CDR PENDING with what it misses, for the operator to see; nothing is published. */
    private void pending(CdrRating rating, List<Reason> reasons, List<String> details) {
        if (rating.pendingSince == null) {
            rating.pendingSince = now();
        }
        rating.status = CdrRating.PENDING;
        rating.reasons = String.join(",", reasons.stream().map(Enum::name).toList());
        rating.details = write(details);
        rating.ratedAt = rating.pendingSince;
    }

    /**
     * Records what the CDR waits for now (replacing what it waited for before) and, once a CDR is rated, rates the
     * credit CDRs that waited for it.
     */
    private Uni<Void> settle(CdrRating rating, List<ReferenceWait> awaited) {
        return waits.replace(rating, awaited).flatMap(recorded -> CdrRating.RATED.equals(rating.status)
                && rating.reverses == null
                ? arrived(ReferenceWait.Kind.CREDIT_REFERENCE, new OcpiParty(rating.countryCode, rating.partyId),
                rating.cdrId)
                : Uni.createFrom().voidItem());
    }

    /** A credit CDR: the CDR it refers to, reversed (every amount negated), once that one is rated. */
    private Uni<List<ReferenceWait>> reversal(CdrRating rating, CDR credit) {
        return CdrRating.<CdrRating>findById(new CdrRating.Key(credit.countryCode(), credit.partyId(),
                        credit.creditReferenceId()))
                .flatMap(original -> {
                    rating.reverses = credit.creditReferenceId();
                    rating.operatorOverride = false;
                    if (original == null || !CdrRating.RATED.equals(original.status)) {
                        List<ReferenceWait> awaited = List.of(new ReferenceWait(
                                ReferenceWait.Kind.CREDIT_REFERENCE, credit.creditReferenceId()));
                        List<Reason> reasons = List.of(Reason.UNKNOWN_CREDIT_REFERENCE);
                        List<String> details = List.of("credit_reference_id " + credit.creditReferenceId()
                                + " names no CDR of " + credit.countryCode() + "*" + credit.partyId()
                                + " the hub has rated");
                        if (mayWait(rating, reasons)) {
                            pending(rating, reasons, details);
                            return Uni.createFrom().item(awaited);
                        }
                        if (rating.revision > 0 && CdrRating.FLAGGED.equals(rating.status)) {
                            return Uni.createFrom().item(awaited);
                        }
                        rating.status = CdrRating.FLAGGED;
                        rating.pendingSince = null;
                        rating.reasons = Reason.UNKNOWN_CREDIT_REFERENCE.name();
                        rating.details = write(details);
                        return emit(rating, credit, null).replaceWith(awaited);
                    }
                    rating.status = CdrRating.RATED;
                    rating.pendingSince = null;
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
                    rating.hubFeeNote = original.hubFeeNote;
                    rating.taxes = original.taxes == null ? null : write(readTaxes(original.taxes).stream()
                            .map(t -> new CdrRated.TaxLine(t.name(), t.percentage(), t.amount().negate())).toList());
                    rating.breakdown = null;
                    return emit(rating, credit, null).replaceWith(List.<ReferenceWait>of());
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
        if (rating.revision == 1) {
            metrics.firstOutcome(rating.countryCode + "*" + rating.partyId, CdrRating.FLAGGED.equals(rating.status),
                    rating.receivedAt, rating.ratedAt);
        }
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
                rating.operatorOverride, rating.revision, rating.ratedAt,
                rating.taxes == null ? null : readTaxes(rating.taxes),
                rating.hubFeeNote == null ? null : CdrRated.HubFeeNote.valueOf(rating.hubFeeNote),
                cdr.authorizationReference(), cdr.invoiceReferenceId(), rating.receivedAt);
        return outbox.append(EventType.CDR_RATED, event.key(), rating.cdrId, event).replaceWithVoid();
    }

    private static void amounts(CdrRating rating, CdrPricer.Priced priced) {
        rating.hubFee = priced.hubFee() == null ? null : priced.hubFee().amount();
        rating.emspPayable = priced.emspPayable() == null ? null : priced.emspPayable().amount();
        rating.cpoReceivable = priced.cpoReceivable() == null ? null : priced.cpoReceivable().amount();
        rating.hubFeeNote = priced.hubFeeNote() == null ? null : priced.hubFeeNote().name();
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

    /** The lines as {@code rating.cdr-rated.v1} carries them (and the rating stores them). */
    private static List<CdrRated.TaxLine> taxLines(List<TaxLine> lines) {
        return lines.stream().map(t -> new CdrRated.TaxLine(t.name(), t.percentage(), t.amount().amount())).toList();
    }

    /** The stored lines of a rating (JSON of {@link CdrRated.TaxLine}s). */
    public static List<CdrRated.TaxLine> readTaxes(String stored) {
        try {
            return Arrays.asList(OcpiJson.mapper().readValue(stored, CdrRated.TaxLine[].class));
        } catch (IOException e) {
            throw new IllegalStateException("stored tax lines are not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String party(String countryCode, String partyId) {
        return countryCode + "*" + partyId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
