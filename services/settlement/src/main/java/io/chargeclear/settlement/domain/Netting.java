package io.chargeclear.settlement.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns the journal entries a settlement run freezes into gross statements and net positions
 * (docs/adr/0011-settlement-runs.md). Amounts are integer minor units, signed as the entry books them: a CDR
 * counts positive, a credit CDR or a reversal negative.
 * <ul>
 *   <li>A gross statement sums, per CPO–eMSP pair and currency, every entry between the two: what the eMSP pays,
 *       what the CPO receives, the hub's fee, the energy, how many CDRs and entries (and late ones), and the taxes
 *       per tax name and percentage ({@link Taxes#totals}).</li>
 *   <li>A net position is, per party and currency, what the hub owes the party as a CPO minus what the party owes
 *       the hub as an eMSP: a party on both sides settles one amount. Positive: the hub pays the party; negative:
 *       the party pays the hub.</li>
 *   <li>The hub is the central counterparty: per currency, the net positions and the hub's fee revenue sum to
 *       zero. {@link #settle} checks it and refuses to produce a result that does not.</li>
 * </ul>
 * The result does not depend on the order of the entries: a run is reproducible.
 */
public final class Netting {

    /** Who pays whom a net position's amount. */
    public enum Direction { HUB_PAYS_PARTY, PARTY_PAYS_HUB, NONE }

    private Netting() {
    }

    /**
     * One journal entry as settlement sees it. The ledger guarantees {@code payable = receivable + fee}.
     *
     * @param entryId    the journal entry
     * @param cdrId      the CDR it books
     * @param cpo        the CPO party, {@code NL*CP1}
     * @param emsp       the eMSP party, {@code DE*MSP}
     * @param currency   ISO 4217 code
     * @param payable    what the eMSP owes for this entry (minor units, signed)
     * @param receivable what the CPO is owed (minor units, signed)
     * @param fee        the hub's fee (minor units, signed)
     * @param energyKwh  the energy this entry accounts for (signed like the amounts)
     * @param late       the CDR's session ended before the period being settled
     * @param taxes      the entry's tax lines, in {@code currency} (signed like the amounts)
     */
    public record Item(UUID entryId, String cdrId, String cpo, String emsp, String currency, long payable,
                       long receivable, long fee, BigDecimal energyKwh, boolean late, List<Taxes.Line> taxes) {

        /** An entry without tax lines. */
        public Item(UUID entryId, String cdrId, String cpo, String emsp, String currency, long payable,
                    long receivable, long fee, BigDecimal energyKwh, boolean late) {
            this(entryId, cdrId, cpo, emsp, currency, payable, receivable, fee, energyKwh, late, List.of());
        }

        public Item {
            Objects.requireNonNull(entryId, "entryId");
            taxes = taxes == null ? List.of() : List.copyOf(taxes);
            Objects.requireNonNull(cpo, "cpo");
            Objects.requireNonNull(emsp, "emsp");
            Objects.requireNonNull(currency, "currency");
            energyKwh = energyKwh == null ? BigDecimal.ZERO : energyKwh;
            if (payable != Math.addExact(receivable, fee)) {
                throw new IllegalArgumentException("entry " + entryId + " does not balance: payable " + payable
                        + " <> receivable " + receivable + " + fee " + fee);
            }
        }
    }

    /** The gross statement of one CPO–eMSP pair in one currency, with its taxes per tax name and percentage. */
    public record Statement(String cpo, String emsp, String currency, int cdrCount, int entryCount,
                            int lateEntryCount, BigDecimal energyKwh, long emspPayable, long cpoReceivable,
                            long hubFee, List<Taxes.Total> taxes, List<UUID> entryIds) {
    }

    /**
     * One party's net position in one currency.
     *
     * @param receivable what the hub owes the party as a CPO
     * @param payable    what the party owes the hub as an eMSP
     * @param net        receivable − payable: positive, the hub pays the party; negative, the party pays the hub
     */
    public record NetPosition(String party, String currency, long receivable, long payable, long net) {

        public Direction direction() {
            return net > 0 ? Direction.HUB_PAYS_PARTY : net < 0 ? Direction.PARTY_PAYS_HUB : Direction.NONE;
        }

        /** The amount the instruction moves, always ≥ 0. */
        public long instructedAmount() {
            return Math.abs(net);
        }
    }

    /** A run's figures: statements and net positions sorted by parties and currency, fee revenue per currency. */
    public record Result(List<Statement> statements, List<NetPosition> netPositions, Map<String, Long> hubFeeRevenue) {
    }

    public static Result settle(List<Item> items) {
        Map<List<String>, List<Item>> byPair = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Item item : items) {
            byPair.computeIfAbsent(List.of(item.cpo(), item.emsp(), item.currency()), k -> new ArrayList<>()).add(item);
        }
        List<Statement> statements = byPair.entrySet().stream()
                .map(e -> statement(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue())).toList();

        Map<List<String>, long[]> positions = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<String, Long> feeRevenue = new TreeMap<>();
        for (Statement s : statements) {
            positions.computeIfAbsent(List.of(s.cpo(), s.currency()), k -> new long[2])[0] += s.cpoReceivable();
            positions.computeIfAbsent(List.of(s.emsp(), s.currency()), k -> new long[2])[1] += s.emspPayable();
            feeRevenue.merge(s.currency(), s.hubFee(), Math::addExact);
        }
        List<NetPosition> netPositions = positions.entrySet().stream()
                .map(e -> new NetPosition(e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1],
                        Math.subtractExact(e.getValue()[0], e.getValue()[1])))
                .toList();
        assertZeroSum(netPositions, feeRevenue);
        return new Result(statements, netPositions, feeRevenue);
    }

    /**
     * The clearing house's invariant: per currency, the net positions plus the hub's fee revenue are zero.
     *
     * @throws IllegalStateException naming the currency and the difference when they are not
     */
    public static void assertZeroSum(List<NetPosition> netPositions, Map<String, Long> hubFeeRevenue) {
        Map<String, Long> sums = new TreeMap<>(hubFeeRevenue);
        for (NetPosition position : netPositions) {
            sums.merge(position.currency(), position.net(), Math::addExact);
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("net positions + hub fee revenue in " + currency + " sum to " + sum
                        + " minor units, not 0");
            }
        });
    }

    private static Statement statement(String cpo, String emsp, String currency, List<Item> items) {
        List<Item> sorted = items.stream().sorted(Comparator.comparing(Item::entryId)).toList();
        Set<String> cdrs = new LinkedHashSet<>();
        long payable = 0;
        long receivable = 0;
        long fee = 0;
        int late = 0;
        BigDecimal energy = BigDecimal.ZERO;
        List<Taxes.Line> taxes = new ArrayList<>();
        for (Item item : sorted) {
            taxes.addAll(item.taxes());
            cdrs.add(item.cdrId());
            payable = Math.addExact(payable, item.payable());
            receivable = Math.addExact(receivable, item.receivable());
            fee = Math.addExact(fee, item.fee());
            energy = energy.add(item.energyKwh());
            late += item.late() ? 1 : 0;
        }
        return new Statement(cpo, emsp, currency, cdrs.size(), sorted.size(), late, energy, payable, receivable, fee,
                Taxes.totals(taxes, currency), sorted.stream().map(Item::entryId).toList());
    }
}
