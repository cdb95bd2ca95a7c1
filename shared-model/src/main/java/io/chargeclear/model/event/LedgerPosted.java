package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code settlement.posting.v1}: one balanced journal entry of the clearing house's ledger, as
 * committed (the journal is insert-only: a correction is a new, reversing entry). Per currency, the debits equal
 * the credits, to the minor unit. For a rated CDR the entry reads: the eMSP's receivable is debited with what it
 * owes, the hub's clearing account takes it and passes it on, the CPO's payable is credited with what it is owed
 * and the hub's fee revenue with the fee.
 *
 * @param entryId        the entry's id (also the CloudEvents id's subject)
 * @param idempotencyKey unique per CDR and purpose: a replayed rating posts nothing twice
 * @param cpo            the CDR's CPO
 * @param cdrId          the CDR the entry books
 * @param emsp           the CDR's eMSP
 * @param purpose        {@code CDR} (a rating booked; a credit CDR books its negative amounts as a CDR entry of its
 *                       own, every line on the opposite side), {@code REVERSAL} (an earlier entry taken back because
 *                       the CDR was re-rated with other amounts)
 * @param ratingRevision the rating revision this entry books or reverses
 * @param currency       ISO 4217 currency of every line
 * @param lines          the debit and credit lines
 * @param sessionEnd     when the CDR's session ended (settlement periods are by session end)
 * @param postedAt       when the entry was committed
 */
public record LedgerPosted(
        @JsonProperty("entry_id") String entryId,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("cdr_id") String cdrId,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("rating_revision") int ratingRevision,
        @JsonProperty("currency") String currency,
        @JsonProperty("lines") List<Line> lines,
        @JsonProperty("session_end") Instant sessionEnd,
        @JsonProperty("posted_at") Instant postedAt) {

    /** The Kafka key: the CDR's owner and id, so a CDR's entries stay in order. */
    public String key() {
        return cpo + "*" + cdrId;
    }

    /**
     * One line: an account, debit or credit, a positive amount in minor units (and as a decimal for reading).
     *
     * @param account     {@code <party>:receivable}, {@code <party>:payable}, {@code hub:clearing}, {@code hub:fee-revenue}
     * @param party       the party whose account it is ({@code NL*CP1}); null for the hub's own accounts
     * @param side        {@code DEBIT} or {@code CREDIT}
     * @param amountMinor the amount in the currency's minor units, always positive
     * @param amount      the same amount as a decimal string
     */
    public record Line(
            @JsonProperty("account") String account,
            @JsonProperty("party") String party,
            @JsonProperty("side") String side,
            @JsonProperty("amount_minor") long amountMinor,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
