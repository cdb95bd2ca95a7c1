package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.money.Money;

import java.time.Instant;

/**
 * Payload of {@code settlement.net-position.v1}: one party's net position in one currency for one settlement
 * period, with the hub as central counterparty, and the payment it calls for. A party that is both CPO and eMSP
 * nets what it is owed against what it owes and settles one amount. Per run and currency the net positions plus
 * the hub's fee revenue (the sum of the run's statements' {@code hub_fee}) are zero, to the minor unit.
 *
 * @param runId       the settlement run
 * @param periodStart first instant of the period (inclusive)
 * @param periodEnd   end of the period (exclusive)
 * @param party       the party
 * @param currency    ISO 4217 code of every amount
 * @param receivable  what the hub owes the party as a CPO in this period
 * @param payable     what the party owes the hub as an eMSP
 * @param net         receivable − payable: positive, the hub pays the party; negative, the party pays the hub
 * @param payment     the payment instruction that settles {@code net}
 * @param determinedAt when the run committed
 */
public record NetPositionDetermined(
        @JsonProperty("run_id") String runId,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("period_end") Instant periodEnd,
        @JsonProperty("party") OcpiParty party,
        @JsonProperty("currency") String currency,
        @JsonProperty("receivable") Money receivable,
        @JsonProperty("payable") Money payable,
        @JsonProperty("net") Money net,
        @JsonProperty("payment") PaymentInstruction payment,
        @JsonProperty("determined_at") Instant determinedAt) {

    /** The Kafka key: party, period start and currency, {@code NL*CP1*2026-11-24T00:00:00Z*EUR}. */
    public String key() {
        return party + "*" + periodStart + "*" + currency;
    }

    /**
     * Who transfers what to whom.
     *
     * @param direction {@code HUB_PAYS_PARTY}, {@code PARTY_PAYS_HUB}, or {@code NONE} when the position is zero
     * @param payer     {@code hub} or the party ({@code NL*CP1}); null for {@code NONE}
     * @param payee     the party or {@code hub}; null for {@code NONE}
     * @param amount    the amount to transfer, never negative
     * @param reference the remittance reference to quote with the transfer
     */
    public record PaymentInstruction(
            @JsonProperty("direction") String direction,
            @JsonProperty("payer") String payer,
            @JsonProperty("payee") String payee,
            @JsonProperty("amount") Money amount,
            @JsonProperty("reference") String reference) {
    }
}
