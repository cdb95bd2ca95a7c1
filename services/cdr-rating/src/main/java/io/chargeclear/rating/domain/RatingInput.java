package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the tariff engine needs to price one CDR or session: the tariff valid at session start, the charging
 * periods as measured by the CPO, the session (or reservation) start and end, and the location's time zone in which
 * all time restrictions are evaluated (OCPI 2.2.1 §mod_tariffs "TariffRestrictions", §mod_locations "time_zone").
 * <p>
 * {@code taxIncluded} is the tariff's OCPI 2.3.0 {@code tax_included}, null for an OCPI 2.2.1 tariff.
 * <p>
 * Choosing the tariff (Connector.tariff_ids, TariffType, validity dates) is the caller's job; the engine prices with
 * the one it is given.
 */
public record RatingInput(
        Tariff tariff,
        List<ChargingPeriod> chargingPeriods,
        Instant sessionStart,
        Instant sessionEnd,
        ZoneId timeZone,
        TaxIncluded taxIncluded) {

    public RatingInput {
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(tariff.elements(), "tariff.elements");
        Objects.requireNonNull(tariff.currency(), "tariff.currency");
        chargingPeriods = List.copyOf(Objects.requireNonNull(chargingPeriods, "chargingPeriods"));
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(sessionEnd, "sessionEnd");
        Objects.requireNonNull(timeZone, "timeZone");
        if (sessionEnd.isBefore(sessionStart)) {
            throw new IllegalArgumentException("session ends (" + sessionEnd + ") before it starts (" + sessionStart + ")");
        }
    }

    /** An input with an OCPI 2.2.1 tariff (no {@code tax_included}). */
    public RatingInput(Tariff tariff, List<ChargingPeriod> chargingPeriods, Instant sessionStart, Instant sessionEnd,
                       ZoneId timeZone) {
        this(tariff, chargingPeriods, sessionStart, sessionEnd, timeZone, null);
    }

    /** The input for re-rating a CDR with the given OCPI 2.2.1 tariff, in the time zone of the CDR's location. */
    public static RatingInput of(CDR cdr, Tariff tariff, ZoneId locationTimeZone) {
        return of(cdr, tariff, null, locationTimeZone);
    }

    /** The same with the tariff's {@code tax_included}; null for an OCPI 2.2.1 tariff. */
    public static RatingInput of(CDR cdr, Tariff tariff, TaxIncluded taxIncluded, ZoneId locationTimeZone) {
        return new RatingInput(tariff, cdr.chargingPeriods(), cdr.startDateTime(), cdr.endDateTime(), locationTimeZone,
                taxIncluded);
    }
}
