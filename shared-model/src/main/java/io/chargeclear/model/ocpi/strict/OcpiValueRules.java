package io.chargeclear.model.ocpi.strict;

import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.cdrs.CdrDimension;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.sessions.Session;
import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tariffs.TariffElement;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Values that parse but that the hub's services cannot apply, refused at the edge rather than stopping a
 * consumer later: negative quantities (rating prices volumes and totals and refuses negative ones: the hub does not
 * clear energy fed back into the grid, OCPI 2.2.1 §mod_cdrs "CdrDimensionType" ENERGY), a reservation period that
 * also charges (§mod_cdrs "ChargingPeriod"), an end before the start, negative costs outside a credit CDR
 * (§mod_cdrs "Credit CDRs" negate them), negative tariff prices, and a location {@code time_zone} that is not an
 * IANA zone (rating reads local time in it).
 */
public final class OcpiValueRules {

    private OcpiValueRules() {
    }

    /** Every violation of {@code object} (a CDR, session, tariff or location; other types have none). */
    public static List<Violation> check(Object object) {
        List<Violation> out = new ArrayList<>();
        if (object instanceof CDR cdr) {
            cdr(cdr, out);
        } else if (object instanceof Session session) {
            session(session, out);
        } else if (object instanceof Tariff tariff) {
            tariff(tariff, "", out);
        } else if (object instanceof Location location) {
            location(location, out);
        }
        return out;
    }

    private static void cdr(CDR cdr, List<Violation> out) {
        order(cdr.startDateTime(), cdr.endDateTime(), out);
        periods(cdr.chargingPeriods(), out);
        notNegative("total_energy", cdr.totalEnergy(), out);
        notNegative("total_time", cdr.totalTime(), out);
        notNegative("total_parking_time", cdr.totalParkingTime(), out);
        if (!Boolean.TRUE.equals(cdr.credit())) {
            cost("total_cost", cdr.totalCost(), out);
            cost("total_fixed_cost", cdr.totalFixedCost(), out);
            cost("total_energy_cost", cdr.totalEnergyCost(), out);
            cost("total_time_cost", cdr.totalTimeCost(), out);
            cost("total_parking_cost", cdr.totalParkingCost(), out);
            cost("total_reservation_cost", cdr.totalReservationCost(), out);
        }
        if (cdr.tariffs() != null) {
            for (int i = 0; i < cdr.tariffs().size(); i++) {
                tariff(cdr.tariffs().get(i), "tariffs[" + i + "].", out);
            }
        }
    }

    private static void session(Session session, List<Violation> out) {
        if (session.endDateTime() != null) {
            order(session.startDateTime(), session.endDateTime(), out);
        }
        notNegative("kwh", session.kwh(), out);
        periods(session.chargingPeriods(), out);
        cost("total_cost", session.totalCost(), out);
    }

    private static void tariff(Tariff tariff, String prefix, List<Violation> out) {
        cost(prefix + "min_price", tariff.minPrice(), out);
        cost(prefix + "max_price", tariff.maxPrice(), out);
        if (tariff.startDateTime() != null && tariff.endDateTime() != null
                && tariff.endDateTime().isBefore(tariff.startDateTime())) {
            out.add(new Violation(prefix + "end_date_time", "is before start_date_time"));
        }
        List<TariffElement> elements = tariff.elements();
        for (int e = 0; elements != null && e < elements.size(); e++) {
            List<PriceComponent> components = elements.get(e).priceComponents();
            for (int c = 0; components != null && c < components.size(); c++) {
                String at = prefix + "elements[" + e + "].price_components[" + c + "].";
                notNegative(at + "price", components.get(c).price(), out);
                notNegative(at + "vat", components.get(c).vat(), out);
            }
        }
    }

    private static void location(Location location, List<Violation> out) {
        if (location.timeZone() == null) {
            return;
        }
        try {
            ZoneId.of(location.timeZone());
        } catch (DateTimeException e) {
            out.add(new Violation("time_zone", "'" + location.timeZone() + "' is not an IANA time zone"
                    + " (e.g. Europe/Oslo)"));
        }
    }

    private static void periods(List<ChargingPeriod> periods, List<Violation> out) {
        for (int p = 0; periods != null && p < periods.size(); p++) {
            List<CdrDimension> dimensions = periods.get(p).dimensions();
            boolean reservation = false;
            boolean charging = false;
            for (int d = 0; dimensions != null && d < dimensions.size(); d++) {
                CdrDimension dimension = dimensions.get(d);
                if (dimension.volume() == null || dimension.type() == null) {
                    continue;
                }
                notNegative("charging_periods[" + p + "].dimensions[" + d + "].volume", dimension.volume(), out);
                reservation |= dimension.type() == CdrDimensionType.RESERVATION_TIME;
                charging |= dimension.volume().signum() > 0 && (dimension.type() == CdrDimensionType.ENERGY
                        || dimension.type() == CdrDimensionType.TIME || dimension.type() == CdrDimensionType.PARKING_TIME);
            }
            if (reservation && charging) {
                out.add(new Violation("charging_periods[" + p + "].dimensions", "mix RESERVATION_TIME with charging"
                        + " or parking; a new charging period starts when charging starts"));
            }
        }
    }

    private static void order(Instant start, Instant end, List<Violation> out) {
        if (start != null && end != null && end.isBefore(start)) {
            out.add(new Violation("end_date_time", "(" + end + ") is before start_date_time (" + start + ")"));
        }
    }

    private static void cost(String field, Price price, List<Violation> out) {
        if (price != null) {
            notNegative(field + ".excl_vat", price.exclVat(), out);
            notNegative(field + ".incl_vat", price.inclVat(), out);
        }
    }

    private static void notNegative(String field, BigDecimal value, List<Violation> out) {
        if (value != null && value.signum() < 0) {
            out.add(new Violation(field, "is negative (" + value.toPlainString() + "); it must be 0 or more"));
        }
    }
}
