package io.chargeclear.settlement.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The double-entry lines of the clearing house's ledger (docs/adr/0010-settlement-ledger.md), in integer minor
 * units. A rated CDR books: the eMSP's receivable debited with what it pays, the hub's clearing account credited
 * and debited with the same (the hub stands between the parties), the CPO's payable credited with what it
 * receives and the hub's fee revenue with the fee. Negative amounts (credit CDRs) book on the opposite side;
 * zero amounts book nothing. Because payable = receivable + fee, every entry balances.
 */
public final class Postings {

    public static final String DEBIT = "DEBIT";
    public static final String CREDIT = "CREDIT";
    public static final String HUB_CLEARING = "hub:clearing";
    public static final String HUB_FEE_REVENUE = "hub:fee-revenue";

    private Postings() {
    }

    /** One line of an entry; {@code amountMinor} always positive. */
    public record Line(String account, String party, String side, long amountMinor) {

        public Line {
            if (amountMinor <= 0) {
                throw new IllegalArgumentException("a journal line carries a positive amount, not " + amountMinor);
            }
            if (!DEBIT.equals(side) && !CREDIT.equals(side)) {
                throw new IllegalArgumentException("side must be DEBIT or CREDIT, not " + side);
            }
        }

        Line reversed() {
            return new Line(account, party, DEBIT.equals(side) ? CREDIT : DEBIT, amountMinor);
        }
    }

    /**
     * The lines booking one rated CDR.
     *
     * @throws IllegalArgumentException when payable ≠ receivable + fee: such a rating cannot balance
     */
    public static List<Line> forRating(String emsp, String cpo, long payable, long receivable, long fee) {
        if (payable != Math.addExact(receivable, fee)) {
            throw new IllegalArgumentException("a rating must balance: payable " + payable + " <> receivable "
                    + receivable + " + fee " + fee);
        }
        List<Line> lines = new ArrayList<>();
        add(lines, receivable(emsp), emsp, DEBIT, payable);
        add(lines, HUB_CLEARING, null, CREDIT, payable);
        add(lines, HUB_CLEARING, null, DEBIT, payable);
        add(lines, payable(cpo), cpo, CREDIT, receivable);
        add(lines, HUB_FEE_REVENUE, null, CREDIT, fee);
        return List.copyOf(lines);
    }

    /** The entry that takes {@code lines} back: every line on the opposite side. */
    public static List<Line> reversal(List<Line> lines) {
        return lines.stream().map(Line::reversed).toList();
    }

    /** Debits minus credits. */
    public static long net(List<Line> lines) {
        return lines.stream().mapToLong(l -> DEBIT.equals(l.side()) ? l.amountMinor() : -l.amountMinor()).sum();
    }

    /**
     * What one entry books for its CDR, signed: what the eMSP pays, what the CPO receives, the hub's fee. A CDR
     * entry reads positive, a credit CDR or a reversal negative; {@code payable = receivable + fee} holds for any
     * entry this class built.
     */
    public record Amounts(long payable, long receivable, long fee) {
    }

    /** Reads an entry's lines back into the amounts it books between {@code emsp} and {@code cpo}. */
    public static Amounts amounts(List<Line> lines, String emsp, String cpo) {
        long payable = 0;
        long receivable = 0;
        long fee = 0;
        for (Line line : lines) {
            long debit = DEBIT.equals(line.side()) ? line.amountMinor() : -line.amountMinor();
            if (line.account().equals(receivable(emsp))) {
                payable += debit;
            } else if (line.account().equals(payable(cpo))) {
                receivable -= debit;
            } else if (line.account().equals(HUB_FEE_REVENUE)) {
                fee -= debit;
            }
        }
        return new Amounts(payable, receivable, fee);
    }

    /** What the eMSP {@code party} owes the hub. */
    public static String receivable(String party) {
        return party + ":receivable";
    }

    /** What the hub owes the CPO {@code party}. */
    public static String payable(String party) {
        return party + ":payable";
    }

    private static void add(List<Line> lines, String account, String party, String side, long amount) {
        if (amount == 0) {
            return;
        }
        boolean flipped = amount < 0;
        String actual = flipped ? (DEBIT.equals(side) ? CREDIT : DEBIT) : side;
        lines.add(new Line(account, party, actual, Math.abs(amount)));
    }
}
