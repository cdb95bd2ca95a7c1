package io.chargeclear.settlement.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostingsTest {

    @Test
    void aRatedCdrBooksThroughTheHubsClearingAccount() {
        List<Postings.Line> lines = Postings.forRating("DE*MSP", "NL*CP1", 399, 381, 18);

        assertThat(lines).containsExactly(
                new Postings.Line("DE*MSP:receivable", "DE*MSP", Postings.DEBIT, 399),
                new Postings.Line(Postings.HUB_CLEARING, null, Postings.CREDIT, 399),
                new Postings.Line(Postings.HUB_CLEARING, null, Postings.DEBIT, 399),
                new Postings.Line("NL*CP1:payable", "NL*CP1", Postings.CREDIT, 381),
                new Postings.Line(Postings.HUB_FEE_REVENUE, null, Postings.CREDIT, 18));
        assertThat(Postings.net(lines)).isZero();
    }

    @Test
    void aCreditCdrBooksOnTheOppositeSidesAndZeroBooksNothing() {
        List<Postings.Line> credit = Postings.forRating("DE*MSP", "NL*CP1", -399, -381, -18);
        assertThat(credit).containsExactlyElementsOf(Postings.reversal(Postings.forRating("DE*MSP", "NL*CP1", 399, 381, 18)));
        assertThat(Postings.forRating("DE*MSP", "NL*CP1", 0, 0, 0)).isEmpty();
        assertThat(Postings.forRating("DE*MSP", "NL*CP1", 50, 50, 0)).hasSize(4);
    }

    @Test
    void aRatingThatDoesNotBalanceIsRefused() {
        assertThatThrownBy(() -> Postings.forRating("DE*MSP", "NL*CP1", 399, 380, 18))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must balance");
        assertThatThrownBy(() -> new Postings.Line("a", null, Postings.DEBIT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void everyEntryBalancesAndItsReversalCancelsIt(@ForAll @LongRange(min = -10_000_000, max = 10_000_000) long receivable,
                                                  @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long fee) {
        List<Postings.Line> lines = Postings.forRating("DE*MSP", "NL*CP1", receivable + fee, receivable, fee);

        assertThat(Postings.net(lines)).isZero();
        assertThat(lines).allSatisfy(l -> assertThat(l.amountMinor()).isPositive());
        assertThat(Postings.net(Postings.reversal(lines))).isZero();
        assertThat(lines.stream().filter(l -> l.account().equals(Postings.HUB_CLEARING))
                .mapToLong(l -> Postings.DEBIT.equals(l.side()) ? l.amountMinor() : -l.amountMinor()).sum())
                .as("the hub's clearing account passes money through").isZero();
    }
}
