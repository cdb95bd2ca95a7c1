package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Payload of the agreement events on {@code hub.agreement.v1}: the full current state of one bilateral
 * roaming agreement between a CPO and an eMSP, keyed by agreement id on a compacted topic. Carrying the
 * whole snapshot (not a delta) lets the gateway, rating, settlement and tracking rebuild their view from
 * the compacted topic alone; {@code revision} increases with every change so a consumer can ignore a stale
 * or replayed snapshot. The hub's standard terms, which apply where no agreement exists, travel on the
 * same topic as {@link StandardTermsChanged} under the fixed key {@value #STANDARD_TERMS_KEY}.
 *
 * @param agreementId       also the Kafka key and the CloudEvents subject
 * @param status            {@code ACTIVE} until the operator ends it; an ended agreement never returns
 * @param revision          1 at creation, one more with every change
 * @param cpo               the charge point operator party
 * @param emsp              the e-mobility service provider party
 * @param validFrom         start of the agreement's window (inclusive)
 * @param validUntil        end of the window (exclusive); null means open-ended
 * @param modules           OCPI module ids the agreement covers (lower case, as in OCPI version details)
 * @param hubFee            what the hub charges for sessions under this agreement
 * @param sla               service levels the parties owe each other
 * @param disputeWindowDays days after a statement during which a party may dispute it
 * @param endedAt           when the operator ended the agreement; null while active
 * @param changedAt         when this revision was committed
 */
public record AgreementChanged(
        @JsonProperty("agreement_id") String agreementId,
        @JsonProperty("status") Status status,
        @JsonProperty("revision") long revision,
        @JsonProperty("cpo") Party cpo,
        @JsonProperty("emsp") Party emsp,
        @JsonProperty("valid_from") Instant validFrom,
        @JsonProperty("valid_until") Instant validUntil,
        @JsonProperty("modules") List<String> modules,
        @JsonProperty("hub_fee") HubFee hubFee,
        @JsonProperty("sla") Sla sla,
        @JsonProperty("dispute_window_days") int disputeWindowDays,
        @JsonProperty("ended_at") Instant endedAt,
        @JsonProperty("changed_at") Instant changedAt) {

    /** The Kafka key (and CloudEvents subject) of the standard-terms snapshots on {@code hub.agreement.v1}. */
    public static final String STANDARD_TERMS_KEY = "standard-terms";

    /** Lifecycle of an agreement: ending is final. */
    public enum Status { ACTIVE, ENDED }

    /** How the hub treats a CPO–eMSP pair that has no bilateral agreement. */
    public enum Mode {
        /** No agreement, no roaming: the pair neither sees nor reaches each other. */
        AGREEMENT_REQUIRED,
        /** Everyone may roam with everyone on the standard terms. */
        OPEN_MARKET
    }

    /** One party of the agreement (OCPI CredentialsRole identity; the role follows from cpo / emsp). */
    public record Party(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId) {
    }

    /**
     * The hub's fee: a percentage of the session's cost, a fixed amount per session, or both; an absent
     * percentage is null (not charged). The fixed amount is a list, at most one per currency
     * (docs/adr/0027-hub-fee-in-every-currency.md): a session pays the entry in its own currency and, when the
     * list has none in that currency, the percentage alone, because the hub's own fee must never hold up the
     * partners' money nor be converted at a rate nobody agreed to.
     * <p>
     * Events written before the list carried {@code per_session} as one object or null; both still read (one
     * object as a list of one, null as an empty list), so the compacted topic never needs rewriting.
     *
     * @param percent    0 to 100, a decimal string in JSON (e.g. {@code "2.5"})
     * @param perSession exact money per session, one per currency,
     *                   {@code [{"amount": "0.10", "currency": "EUR"}, {"amount": "0.15", "currency": "CAD"}]};
     *                   empty when there is none
     */
    public record HubFee(
            @JsonProperty("percent") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal percent,
            @JsonProperty("per_session") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<Money> perSession) {

        public HubFee {
            perSession = perSession == null ? List.of() : List.copyOf(perSession);
            Set<Currency> currencies = new HashSet<>();
            for (Money money : perSession) {
                if (!currencies.add(money.currency())) {
                    throw new IllegalArgumentException("two per-session fees in " + money.currency().getCurrencyCode()
                            + ": at most one per currency");
                }
            }
        }

        /** A fee with at most one per-session amount, as most agreements have. */
        public static HubFee of(BigDecimal percent, Money perSession) {
            return new HubFee(percent, perSession == null ? List.of() : List.of(perSession));
        }

        /** The per-session amount in {@code currency}, if the fee has one in it. */
        public Optional<Money> perSessionIn(String currency) {
            return perSession.stream().filter(m -> m.currency().getCurrencyCode().equals(currency)).findFirst();
        }
    }

    /**
     * Service levels: the CPO sends a session's CDR within {@code cdrWithinHours}; the eMSP answers a
     * real-time authorization within {@code authorizationAnswerWithinMs}.
     */
    public record Sla(
            @JsonProperty("cdr_within_hours") int cdrWithinHours,
            @JsonProperty("authorization_answer_within_ms") int authorizationAnswerWithinMs) {
    }

    /**
     * Payload of {@code hub.agreement.standard-terms-changed.v1}: the hub's standard terms in full, keyed
     * {@value AgreementChanged#STANDARD_TERMS_KEY}. In {@code OPEN_MARKET} mode they govern every CPO–eMSP
     * pair without an agreement in effect; in {@code AGREEMENT_REQUIRED} mode such a pair may not roam at
     * all, and the fee, SLA and dispute window wait for a switch to open market.
     *
     * @param mode              whether pairs without an agreement may roam
     * @param revision          1 for the seeded terms, one more with every change
     * @param modules           OCPI module ids covered where no agreement exists
     * @param hubFee            the hub's fee where no agreement exists
     * @param sla               service levels where no agreement exists
     * @param disputeWindowDays dispute window where no agreement exists
     * @param changedAt         when this revision was committed
     */
    public record StandardTermsChanged(
            @JsonProperty("mode") Mode mode,
            @JsonProperty("revision") long revision,
            @JsonProperty("modules") List<String> modules,
            @JsonProperty("hub_fee") HubFee hubFee,
            @JsonProperty("sla") Sla sla,
            @JsonProperty("dispute_window_days") int disputeWindowDays,
            @JsonProperty("changed_at") Instant changedAt) {
    }
}
