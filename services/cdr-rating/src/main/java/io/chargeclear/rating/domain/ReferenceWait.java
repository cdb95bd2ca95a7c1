package io.chargeclear.rating.domain;

import io.chargeclear.model.event.CdrFlagged.Reason;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One object a CDR waits for before it can be rated (docs/adr/0022-rating-waits-for-reference-data.md): always an
 * object of the CDR's own CPO, named by its kind and {@code refId}. Topics carry no order between them, so a CDR may
 * arrive before its location, its tariff, its agreement or the CDR it credits; those reasons can go away when a
 * later event arrives, and the CDR waits for that event instead of being flagged at once. Every other reason
 * (a malformed CDR, a cost mismatch, …) no later event fixes.
 *
 * @param kind  what sort of object
 * @param refId the location id, the tariff id, the eMSP as {@code CC*PID}, or the credited CDR's id
 */
public record ReferenceWait(Kind kind, String refId) {

    /** The reasons a later reference event can take away. */
    private static final Set<Reason> FIXABLE = EnumSet.of(Reason.UNKNOWN_LOCATION, Reason.UNKNOWN_TARIFF,
            Reason.NO_AGREEMENT, Reason.UNKNOWN_CREDIT_REFERENCE);

    /** The kinds of objects a CDR can wait for; the names are stored. */
    public enum Kind { LOCATION, TARIFF, AGREEMENT, CREDIT_REFERENCE }

    public ReferenceWait {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(refId, "refId");
    }

    /** True when some later event can take {@code reason} away. */
    public static boolean canArriveLater(Reason reason) {
        return FIXABLE.contains(reason);
    }

    /** True when every reason can go away with a later event, so the CDR may wait instead of being flagged. */
    public static boolean allCanArriveLater(List<Reason> reasons) {
        return !reasons.isEmpty() && reasons.stream().allMatch(ReferenceWait::canArriveLater);
    }

    /**
     * What a CDR waits for, given why it could not be rated.
     *
     * @param locationId       the CDR's location id
     * @param tariffId         the id of the tariff rating looked for; null when neither the CDR nor the location
     *                         named one (then a location update is what can name it)
     * @param emsp             the eMSP as {@code CC*PID}
     * @param creditReference  the id of the CDR a credit CDR reverses; null for a plain CDR
     * @return one wait per reason that a later event can fix, none for the others
     */
    public static List<ReferenceWait> of(List<Reason> reasons, String locationId, String tariffId, String emsp,
                                         String creditReference) {
        List<ReferenceWait> waits = new ArrayList<>();
        for (Reason reason : reasons) {
            ReferenceWait wait = switch (reason) {
                case UNKNOWN_LOCATION -> new ReferenceWait(Kind.LOCATION, locationId);
                case UNKNOWN_TARIFF -> tariffId == null ? new ReferenceWait(Kind.LOCATION, locationId)
                        : new ReferenceWait(Kind.TARIFF, tariffId);
                case NO_AGREEMENT -> new ReferenceWait(Kind.AGREEMENT, emsp);
                case UNKNOWN_CREDIT_REFERENCE -> creditReference == null ? null
                        : new ReferenceWait(Kind.CREDIT_REFERENCE, creditReference);
                default -> null;
            };
            if (wait != null && !waits.contains(wait)) {
                waits.add(wait);
            }
        }
        return List.copyOf(waits);
    }
}
