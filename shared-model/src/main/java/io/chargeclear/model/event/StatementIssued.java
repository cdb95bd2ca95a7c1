package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code settlement.statement.v1}: the gross statement of one CPO–eMSP pair in one currency for one
 * settlement period, as a settlement run froze it. It sums every journal entry between the two that the run
 * settled: CDRs of the period, late CDRs of earlier periods (counted in {@code late_entry_count}), credit CDRs and
 * re-rating corrections (negative). {@code emsp_payable = cpo_receivable + hub_fee}. A statement never changes:
 * a correction after the run settles in a later period. {@code taxes} shows the taxes the CDRs carried, one line per
 * tax name and percentage as the ratings gave them (GST and QST stay two lines, never one "VAT").
 *
 * @param statementId    stable id of the statement (the same when the run is asked for again)
 * @param runId          the settlement run that produced it
 * @param periodStart    first instant of the period (inclusive)
 * @param periodEnd      end of the period (exclusive)
 * @param timeZone       the hub time zone the period's days are cut in
 * @param currency       ISO 4217 code of every amount
 * @param cpo            the CPO, who is owed {@code cpo_receivable}
 * @param emsp           the eMSP, who owes {@code emsp_payable}
 * @param cdrCount       distinct CDRs in the statement
 * @param entryCount     journal entries in the statement (a re-rated CDR has more than one)
 * @param lateEntryCount entries whose session ended before the period (they arrived after an earlier run)
 * @param energyKwh      energy charged, kWh (credits negative)
 * @param emspPayable    what the eMSP owes for these CDRs
 * @param cpoReceivable  what the CPO is owed for them
 * @param hubFee         the hub's fee on them
 * @param taxes          the taxes in {@code emsp_payable}, per tax name and percentage, ordered by name then
 *                       percentage (unknown first); empty when the CDRs carried none
 * @param issuedAt       when the run committed
 */
public record StatementIssued(
        @JsonProperty("statement_id") String statementId,
        @JsonProperty("run_id") String runId,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("period_end") Instant periodEnd,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("currency") String currency,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("cdr_count") int cdrCount,
        @JsonProperty("entry_count") int entryCount,
        @JsonProperty("late_entry_count") int lateEntryCount,
        @JsonProperty("energy_kwh") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal energyKwh,
        @JsonProperty("emsp_payable") Money emspPayable,
        @JsonProperty("cpo_receivable") Money cpoReceivable,
        @JsonProperty("hub_fee") Money hubFee,
        @JsonProperty("taxes") List<TaxLine> taxes,
        @JsonProperty("issued_at") Instant issuedAt) {

    public StatementIssued {
        taxes = taxes == null ? List.of() : List.copyOf(taxes);
    }

    /** The Kafka key: the statement id. */
    public String key() {
        return statementId;
    }

    /**
     * The sum of one tax over a statement's entries, rounded once, HALF_UP, to the currency's minor units.
     *
     * @param name       the tax's name as the ratings gave it ({@code VAT}, {@code GST}, {@code QST})
     * @param percentage its rate in percent; null when the ratings did not give one
     * @param amount     the sum, in the statement's currency (negative when credits outweigh)
     */
    public record TaxLine(
            @JsonProperty("name") String name,
            @JsonProperty("percentage") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percentage,
            @JsonProperty("amount") Money amount) {
    }
}
