package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code rating.cdr-rated.v1}: the hub re-rated a CDR and it stands; what it costs and who owes whom.
 * The eMSP pays the CDR's total including VAT ({@code emsp_payable}); the hub keeps its fee ({@code hub_fee}: the
 * agreement's percentage of the total excluding VAT plus its per-session amount in the CDR's currency, if it has one
 * in it ({@code hub_fee_note} says when not), rounded once, HALF_UP); the CPO
 * receives the rest ({@code cpo_receivable}), so {@code emsp_payable = cpo_receivable + hub_fee} to the cent.
 * A credit CDR rates as the reversal of the CDR it refers to: every amount negated, {@code reverses} set.
 * A CDR is rated again when an operator overrides it or its tariff arrives late: {@code revision} grows, and the
 * newest revision replaces the earlier one.
 *
 * @param cdrId          the CDR's id
 * @param cpo            the CPO that owns the CDR
 * @param emsp           the eMSP of the CDR's token
 * @param sessionId      the session the CDR closes, if given
 * @param startDateTime  session start (the tariff and agreement in effect then apply)
 * @param endDateTime    session end
 * @param currency       ISO 4217 currency of every amount
 * @param totalCost      the hub's rating of the session, rounded to minor units
 * @param cpoTotalCost   what the CPO's CDR says
 * @param hubFee         the hub's fee for this CDR
 * @param emspPayable    what the eMSP owes for this CDR
 * @param cpoReceivable  what the CPO receives for this CDR
 * @param tariffId       the tariff the hub rated with; null when an operator accepted the CPO's total
 * @param tariffVersion  that tariff's {@code last_updated}
 * @param agreementId    the agreement whose fee applied; null for the hub's standard terms
 * @param breakdown      the hub's exact cost per bucket (before rounding the total)
 * @param reverses       credit CDRs: the id of the CDR this one reverses; null otherwise
 * @param operatorOverride true when an operator accepted the CPO's total instead of the hub's rating
 * @param revision       1 for the first rating, one more with every re-rating
 * @param ratedAt        when this revision was made
 * @param taxes          the taxes in {@code total_cost}, one line per tax as the rating found them, in the CDR's
 *                       currency, ordered by name then percentage; {@code incl_vat - excl_vat} is exactly their sum;
 *                       empty when there is no tax. Null (absent) in events written before taxes were carried: read
 *                       such an event as one line {@code VAT} of {@code incl_vat - excl_vat}, none when that is zero
 * @param hubFeeNote     why {@code hub_fee} is not what the fee terms say in full; null (or absent, in events written
 *                       before it was carried) when it is. The hub's own fee never keeps a CDR from being rated
 *                       (docs/adr/0027-hub-fee-in-every-currency.md)
 * @param authorizationReference the CDR's {@code authorization_reference}: the key a payment terminal provider's
 *                       {@code START_SESSION} gave the session, which its FinancialAdviceConfirmation names again
 *                       (OCPI 2.3.0 payments); null when the CDR has none or the event was written before it was carried
 * @param invoiceReferenceId the CDR's {@code invoice_reference_id}: set when the CPO invoices the driver, so a
 *                       terminal-paid CDR with one expects a FinancialAdviceConfirmation; null when the CDR has none
 *                       or the event was written before it was carried
 * @param cdrReceivedAt  when the gateway accepted the CDR ({@code received_at} of its {@code ocpi.cdr.v1} event), so
 *                       settlement can measure receipt to posting; null when the rating does not know it or the
 *                       event was written before it was carried
 */
public record CdrRated(
        @JsonProperty("cdr_id") String cdrId,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("start_date_time") Instant startDateTime,
        @JsonProperty("end_date_time") Instant endDateTime,
        @JsonProperty("currency") String currency,
        @JsonProperty("total_cost") Amount totalCost,
        @JsonProperty("cpo_total_cost") Amount cpoTotalCost,
        @JsonProperty("hub_fee") Money hubFee,
        @JsonProperty("emsp_payable") Money emspPayable,
        @JsonProperty("cpo_receivable") Money cpoReceivable,
        @JsonProperty("tariff_id") String tariffId,
        @JsonProperty("tariff_version") Instant tariffVersion,
        @JsonProperty("agreement_id") String agreementId,
        @JsonProperty("breakdown") Breakdown breakdown,
        @JsonProperty("reverses") String reverses,
        @JsonProperty("operator_override") boolean operatorOverride,
        @JsonProperty("revision") int revision,
        @JsonProperty("rated_at") Instant ratedAt,
        @JsonProperty("taxes") List<TaxLine> taxes,
        @JsonProperty("hub_fee_note") HubFeeNote hubFeeNote,
        @JsonProperty("authorization_reference") String authorizationReference,
        @JsonProperty("invoice_reference_id") String invoiceReferenceId,
        @JsonProperty("cdr_received_at") Instant cdrReceivedAt) {

    /** A rating that does not say when the gateway accepted the CDR. */
    public CdrRated(String cdrId, OcpiParty cpo, OcpiParty emsp, String sessionId, Instant startDateTime,
                    Instant endDateTime, String currency, Amount totalCost, Amount cpoTotalCost, Money hubFee,
                    Money emspPayable, Money cpoReceivable, String tariffId, Instant tariffVersion, String agreementId,
                    Breakdown breakdown, String reverses, boolean operatorOverride, int revision, Instant ratedAt,
                    List<TaxLine> taxes, HubFeeNote hubFeeNote, String authorizationReference,
                    String invoiceReferenceId) {
        this(cdrId, cpo, emsp, sessionId, startDateTime, endDateTime, currency, totalCost, cpoTotalCost, hubFee,
                emspPayable, cpoReceivable, tariffId, tariffVersion, agreementId, breakdown, reverses, operatorOverride,
                revision, ratedAt, taxes, hubFeeNote, authorizationReference, invoiceReferenceId, null);
    }

    /** A rating without the CDR's payment keys ({@code authorization_reference}, {@code invoice_reference_id}). */
    public CdrRated(String cdrId, OcpiParty cpo, OcpiParty emsp, String sessionId, Instant startDateTime,
                    Instant endDateTime, String currency, Amount totalCost, Amount cpoTotalCost, Money hubFee,
                    Money emspPayable, Money cpoReceivable, String tariffId, Instant tariffVersion, String agreementId,
                    Breakdown breakdown, String reverses, boolean operatorOverride, int revision, Instant ratedAt,
                    List<TaxLine> taxes, HubFeeNote hubFeeNote) {
        this(cdrId, cpo, emsp, sessionId, startDateTime, endDateTime, currency, totalCost, cpoTotalCost, hubFee,
                emspPayable, cpoReceivable, tariffId, tariffVersion, agreementId, breakdown, reverses, operatorOverride,
                revision, ratedAt, taxes, hubFeeNote, null, null, null);
    }

    /** A rating whose fee is what the terms say in full (no {@code hub_fee_note}). */
    public CdrRated(String cdrId, OcpiParty cpo, OcpiParty emsp, String sessionId, Instant startDateTime,
                    Instant endDateTime, String currency, Amount totalCost, Amount cpoTotalCost, Money hubFee,
                    Money emspPayable, Money cpoReceivable, String tariffId, Instant tariffVersion, String agreementId,
                    Breakdown breakdown, String reverses, boolean operatorOverride, int revision, Instant ratedAt,
                    List<TaxLine> taxes) {
        this(cdrId, cpo, emsp, sessionId, startDateTime, endDateTime, currency, totalCost, cpoTotalCost, hubFee,
                emspPayable, cpoReceivable, tariffId, tariffVersion, agreementId, breakdown, reverses, operatorOverride,
                revision, ratedAt, taxes, null, null, null, null);
    }

    /** A rating written without its tax lines (read as one {@code VAT} line, see {@code taxes}). */
    public CdrRated(String cdrId, OcpiParty cpo, OcpiParty emsp, String sessionId, Instant startDateTime,
                    Instant endDateTime, String currency, Amount totalCost, Amount cpoTotalCost, Money hubFee,
                    Money emspPayable, Money cpoReceivable, String tariffId, Instant tariffVersion, String agreementId,
                    Breakdown breakdown, String reverses, boolean operatorOverride, int revision, Instant ratedAt) {
        this(cdrId, cpo, emsp, sessionId, startDateTime, endDateTime, currency, totalCost, cpoTotalCost, hubFee,
                emspPayable, cpoReceivable, tariffId, tariffVersion, agreementId, breakdown, reverses, operatorOverride,
                revision, ratedAt, null, null, null, null, null);
    }

    /**
     * Why the hub's fee on a rated CDR is less than its terms in full. Only ever informs: the CDR is rated and
     * settled all the same.
     */
    public enum HubFeeNote {
        /**
         * The terms set a fee per session, but none in the CDR's currency: the hub charged the percentage alone
         * (nothing when the terms have no percentage) rather than convert a fee from another currency.
         */
        NO_PER_SESSION_FEE_IN_CURRENCY
    }

    /** The Kafka key: the CDR's owner and id ({@code NL*CP1*CDR1}), so one CDR's ratings stay in order. */
    public String key() {
        return cpo + "*" + cdrId;
    }

    /** An amount excluding and including VAT, as decimal strings ({@code "3.30"}). */
    public record Amount(
            @JsonProperty("excl_vat") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exclVat,
            @JsonProperty("incl_vat") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal inclVat) {
    }

    /**
     * The hub's cost per OCPI CDR bucket, exact; {@code total = fixed + energy + time + parking + reservation +
     * price_bound_adjustment} (what min_price added or max_price removed).
     */
    public record Breakdown(
            @JsonProperty("fixed") Amount fixed,
            @JsonProperty("energy") Amount energy,
            @JsonProperty("time") Amount time,
            @JsonProperty("parking") Amount parking,
            @JsonProperty("reservation") Amount reservation,
            @JsonProperty("price_bound_adjustment") Amount priceBoundAdjustment,
            @JsonProperty("total") Amount total,
            @JsonProperty("total_energy_kwh") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalEnergyKwh,
            @JsonProperty("charging_time_hours") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal chargingTimeHours,
            @JsonProperty("parking_time_hours") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal parkingTimeHours) {
    }

    /**
     * One tax of a rated CDR (OCPI 2.3.0 {@code TaxAmount}), in the CDR's currency, as decimal strings
     * ({@code {"name": "GST", "percentage": "5", "amount": "0.50"}}).
     *
     * @param name       the tax's name as the tariff or CDR gives it ({@code VAT}, {@code GST}, {@code QST})
     * @param percentage its rate in percent; null when unknown (US taxes often come without one)
     * @param amount     the tax amount, rounded once HALF_UP to the currency's minor units; negative on a credit CDR
     */
    public record TaxLine(
            @JsonProperty("name") String name,
            @JsonProperty("percentage") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percentage,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
