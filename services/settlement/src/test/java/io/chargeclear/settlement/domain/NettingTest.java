package io.chargeclear.settlement.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Netting over random sets of rated CDRs, credit CDRs and reversals across parties (some both CPO and eMSP) and
 * currencies: the entries booked balance, statements equal the sum of their entries, net positions and fee revenue
 * sum to zero per currency, and settling the same entries again, in any order, gives the same result.
 */
class NettingTest {

    private static final List<String> PARTIES = List.of("NL*CP1", "NL*CP2", "DE*MSP", "BE*MIX", "FR*MIX");
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "GBP", "JPY");

    @Test
    void aPartyOnBothSidesNetsItsReceivablesAgainstItsPayables() {
        // BE*MIX charges DE*MSP's drivers (receives 381) and its own drivers charge at NL*CP1 (pays 520)
        List<Netting.Item> items = List.of(
                item("NL*CP1", "DE*MSP", "EUR", 399, 18, false),
                item("BE*MIX", "DE*MSP", "EUR", 399, 18, false),
                item("NL*CP1", "BE*MIX", "EUR", 520, 20, true));

        Netting.Result result = Netting.settle(items);

        assertThat(result.statements()).extracting(Netting.Statement::cpo, Netting.Statement::emsp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BE*MIX", "DE*MSP"),
                        org.assertj.core.groups.Tuple.tuple("NL*CP1", "BE*MIX"),
                        org.assertj.core.groups.Tuple.tuple("NL*CP1", "DE*MSP"));
        assertThat(result.netPositions()).containsExactly(
                new Netting.NetPosition("BE*MIX", "EUR", 381, 520, -139),
                new Netting.NetPosition("DE*MSP", "EUR", 0, 798, -798),
                new Netting.NetPosition("NL*CP1", "EUR", 381 + 500, 0, 881));
        assertThat(result.netPositions().get(0).direction()).isEqualTo(Netting.Direction.PARTY_PAYS_HUB);
        assertThat(result.netPositions().get(2).direction()).isEqualTo(Netting.Direction.HUB_PAYS_PARTY);
        assertThat(result.hubFeeRevenue()).containsEntry("EUR", 56L);
        assertThat(result.statements().get(1).lateEntryCount()).isEqualTo(1);
    }

    @Test
    void aCreditCdrCancelsTheCdrItCredits() {
        Netting.Item cdr = item("NL*CP1", "DE*MSP", "EUR", 399, 18, false);
        Netting.Item credit = new Netting.Item(UUID.randomUUID(), cdr.cdrId() + "-CREDIT", "NL*CP1", "DE*MSP", "EUR",
                -399, -381, -18, new BigDecimal("-10.5"), false);

        Netting.Result result = Netting.settle(List.of(cdr, credit));

        assertThat(result.statements()).singleElement().satisfies(s -> {
            assertThat(s.cdrCount()).isEqualTo(2);
            assertThat(s.emspPayable()).isZero();
            assertThat(s.energyKwh()).isZero();
        });
        assertThat(result.netPositions()).allSatisfy(p -> assertThat(p.direction()).isEqualTo(Netting.Direction.NONE));
    }

    @Test
    void anEntryThatDoesNotBalanceIsRefused() {
        assertThatThrownBy(() -> new Netting.Item(UUID.randomUUID(), "C1", "NL*CP1", "DE*MSP", "EUR", 399, 380, 18,
                BigDecimal.ONE, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("balance");
        assertThatThrownBy(() -> Netting.assertZeroSum(List.of(new Netting.NetPosition("NL*CP1", "EUR", 10, 0, 10)),
                Map.of("EUR", -9L))).isInstanceOf(IllegalStateException.class).hasMessageContaining("EUR sum to 1");
    }

    @Property(tries = 300)
    void nettingSumsToZeroAndStatementsAreTheSumOfTheirEntries(@ForAll("entries") @Size(max = 60) List<Netting.Item> items) {
        Netting.Result result = Netting.settle(items);

        Map<String, Long> sums = new HashMap<>(result.hubFeeRevenue());
        result.netPositions().forEach(p -> sums.merge(p.currency(), p.net(), Long::sum));
        assertThat(sums).allSatisfy((currency, sum) -> assertThat(sum).as(currency).isZero());

        Map<UUID, Netting.Item> byId = items.stream().collect(Collectors.toMap(Netting.Item::entryId, i -> i));
        long statementEntries = 0;
        for (Netting.Statement s : result.statements()) {
            List<Netting.Item> own = s.entryIds().stream().map(byId::get).toList();
            assertThat(own).allSatisfy(i -> {
                assertThat(i.cpo()).isEqualTo(s.cpo());
                assertThat(i.emsp()).isEqualTo(s.emsp());
                assertThat(i.currency()).isEqualTo(s.currency());
            });
            assertThat(s.emspPayable()).isEqualTo(own.stream().mapToLong(Netting.Item::payable).sum());
            assertThat(s.cpoReceivable()).isEqualTo(own.stream().mapToLong(Netting.Item::receivable).sum());
            assertThat(s.hubFee()).isEqualTo(own.stream().mapToLong(Netting.Item::fee).sum());
            assertThat(s.energyKwh()).isEqualByComparingTo(own.stream().map(Netting.Item::energyKwh)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(s.emspPayable()).isEqualTo(s.cpoReceivable() + s.hubFee());
            statementEntries += s.entryCount();
        }
        assertThat(statementEntries).as("every entry is in exactly one statement").isEqualTo(items.size());

        // every entry's journal lines balance, and reading them back gives the entry's amounts
        for (Netting.Item i : items) {
            List<Postings.Line> lines = Postings.forRating(i.emsp(), i.cpo(), i.payable(), i.receivable(), i.fee());
            assertThat(Postings.net(lines)).isZero();
            assertThat(Postings.amounts(lines, i.emsp(), i.cpo()))
                    .isEqualTo(new Postings.Amounts(i.payable(), i.receivable(), i.fee()));
        }
    }

    @Property(tries = 200)
    void settlingAgainInAnyOrderChangesNothing(@ForAll("entries") @Size(max = 40) List<Netting.Item> items,
                                               @ForAll long seed) {
        List<Netting.Item> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(Netting.settle(shuffled)).isEqualTo(Netting.settle(items));
    }

    @Provide
    Arbitrary<List<Netting.Item>> entries() {
        Arbitrary<Netting.Item> cdr = Combinators.combine(
                Arbitraries.of(PARTIES), Arbitraries.of(PARTIES), Arbitraries.of(CURRENCIES),
                Arbitraries.longs().between(0, 500_000), Arbitraries.longs().between(0, 5_000),
                Arbitraries.of(1, 1, 1, -1), Arbitraries.of(true, false),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("150")).ofScale(3))
                .as((cpo, emsp, currency, receivable, fee, sign, late, energy) -> new Netting.Item(UUID.randomUUID(),
                        "CDR" + UUID.randomUUID(), cpo, emsp, currency, sign * (receivable + fee), sign * receivable,
                        sign * fee, energy.multiply(BigDecimal.valueOf(sign)), late));
        return cdr.list();
    }

    private static Netting.Item item(String cpo, String emsp, String currency, long payable, long fee, boolean late) {
        return new Netting.Item(UUID.randomUUID(), "CDR-" + UUID.randomUUID(), cpo, emsp, currency, payable,
                payable - fee, fee, new BigDecimal("10.5"), late);
    }
}
