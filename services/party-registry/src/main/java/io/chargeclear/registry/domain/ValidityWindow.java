package io.chargeclear.registry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The half-open time window {@code [from, until)} an agreement is valid in; a null {@code until} means
 * open-ended. Half-open, so an agreement ending at midnight and its successor starting at that same
 * midnight do not overlap.
 */
public record ValidityWindow(Instant from, Instant until) {

    public ValidityWindow {
        Objects.requireNonNull(from, "from");
        if (until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " / " + until);
        }
    }

    /** True if some instant lies in both windows. An empty window ({@code from == until}) overlaps nothing. */
    public boolean overlaps(ValidityWindow other) {
        if (isEmpty() || other.isEmpty()) {
            return false;
        }
        return startsBefore(other.until) && other.startsBefore(until);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && (until == null || at.isBefore(until));
    }

    /**
     * The window cut at {@code at}: it ends there if it was open or ended later, and collapses to an empty
     * window at {@code from} if it had not started yet.
     */
    public ValidityWindow endedAt(Instant at) {
        if (at.isBefore(from)) {
            return new ValidityWindow(from, from);
        }
        return until == null || until.isAfter(at) ? new ValidityWindow(from, at) : this;
    }

    public boolean isEmpty() {
        return from.equals(until);
    }

    private boolean startsBefore(Instant end) {
        return end == null || from.isBefore(end);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + (until == null ? "open-ended" : until.toString()) + ")";
    }
}
