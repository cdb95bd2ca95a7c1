package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code rating.cdr-flagged.v1}: the hub could not let a CDR stand as it came. It is kept, not dropped:
 * it is rated again when what it missed arrives (its tariff) or when an operator overrides it, and then a
 * {@link CdrRated} with a higher revision follows under the same key.
 *
 * @param cdrId        the CDR's id
 * @param cpo          the CPO that owns the CDR
 * @param emsp         the eMSP of the CDR's token
 * @param currency     the CDR's currency
 * @param reasons      machine-readable reasons, see {@link Reason}
 * @param details      one human-readable sentence per reason, in the same order
 * @param totalCost    the hub's rating when it could rate at all (e.g. on a cost mismatch); null otherwise
 * @param cpoTotalCost what the CPO's CDR says
 * @param revision     1 for the first rating, one more with every re-rating
 * @param flaggedAt    when this revision was made
 */
public record CdrFlagged(
        @JsonProperty("cdr_id") String cdrId,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("currency") String currency,
        @JsonProperty("reasons") List<Reason> reasons,
        @JsonProperty("details") List<String> details,
        @JsonProperty("total_cost") CdrRated.Amount totalCost,
        @JsonProperty("cpo_total_cost") CdrRated.Amount cpoTotalCost,
        @JsonProperty("revision") int revision,
        @JsonProperty("flagged_at") Instant flaggedAt) {

    /** The Kafka key: the CDR's owner and id, the same as its {@link CdrRated}. */
    public String key() {
        return cpo + "*" + cdrId;
    }

    /** Why a CDR was flagged. */
    public enum Reason {
        /** No version of the CDR's tariff valid at session start is known to the hub. */
        UNKNOWN_TARIFF,
        /** The hub's total differs from the CPO's by more than the tolerance. */
        COST_MISMATCH,
        /** The CDR's total_energy differs from the sum of its ENERGY periods. */
        ENERGY_MISMATCH,
        /** The CDR has no charging periods to rate. */
        MISSING_PERIODS,
        /** A CDR with this owner and id was rated before, with different content. */
        DUPLICATE,
        /** No agreement (or open-market standard terms) between the CPO and the eMSP at session start. */
        NO_AGREEMENT,
        /** The tariff, the CDR or the per-session fee are in different currencies. */
        CURRENCY_MISMATCH,
        /** The hub does not know the CDR's location, so not its time zone for the tariff restrictions. */
        UNKNOWN_LOCATION,
        /** A credit CDR whose credit_reference_id names no CDR the hub rated. */
        UNKNOWN_CREDIT_REFERENCE
    }
}
