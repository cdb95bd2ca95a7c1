package io.chargeclear.kit.agreement;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The hub's one rule for "the agreement in effect" (docs/adr/0017-one-agreement-book.md), shared by routing,
 * rating, tracking and settlement so they can never disagree about which terms governed a moment.
 * <p>
 * An agreement is in effect at {@code at} iff {@code valid_from <= at}, ({@code valid_until} is null or
 * {@code at < valid_until}) and ({@code ended_at} is null or {@code at < ended_at}). The status is not consulted:
 * an ended agreement still governs what happened before it ended, and governs nothing from its end on.
 * When several agreements of a pair are in effect at once, the one with the latest {@code valid_from} wins (the
 * newer arrangement supersedes the older), and of those the greatest agreement id, so the choice is deterministic.
 */
public final class InEffect {

    /** Latest {@code valid_from} first, then the greatest agreement id. */
    public static final Comparator<Agreement> PRECEDENCE = Comparator.comparing(Agreement::validFrom)
            .thenComparing(Agreement::agreementId).reversed();

    private InEffect() {
    }

    /** Whether a window {@code [validFrom, validUntil)} cut short at {@code endedAt} contains {@code at}. */
    public static boolean at(Instant validFrom, Instant validUntil, Instant endedAt, Instant at) {
        return !at.isBefore(validFrom)
                && (validUntil == null || at.isBefore(validUntil))
                && (endedAt == null || at.isBefore(endedAt));
    }

    public static boolean at(Agreement agreement, Instant at) {
        return at(agreement.validFrom(), agreement.validUntil(), agreement.endedAt(), at);
    }

    /** Of {@code agreements}, the one that governs {@code at}: in effect then, and first by {@link #PRECEDENCE}. */
    public static Optional<Agreement> choose(Collection<Agreement> agreements, Instant at) {
        return agreements.stream().filter(a -> at(a, at)).min(PRECEDENCE);
    }
}
