package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.tariffs.ReservationRestrictionType;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import io.chargeclear.model.ocpi.tariffs.TariffElement;
import java.util.List;
import java.util.Optional;

/**
 * Finds, per dimension, the price component that applies to a period: the one of the first element in list order
 * that has a component of that dimension and whose restrictions all hold (OCPI 2.2.1 §mod_tariffs "TariffElement",
 * ocpi/ocpi#496). Dimensions are independent, so several elements may be active at once.
 */
final class ElementSelector {

    private final List<TariffElement> elements;

    ElementSelector(Tariff tariff) {
        this.elements = List.copyOf(tariff.elements());
    }

    /** The component that prices {@code dimension} in a period with this state, if any element matches. */
    Optional<Selected> select(TariffDimensionType dimension, PeriodState state) {
        return switch (state.phase()) {
            case SESSION -> firstMatch(dimension, state, null);
            case RESERVATION -> firstMatch(dimension, state, ReservationRestrictionType.RESERVATION);
            // OCPI 2.2.1 §mod_tariffs "ReservationRestrictionType": an expired reservation is priced by the
            // RESERVATION_EXPIRES elements, and by the RESERVATION elements for what those do not price (ADR 0004, D10).
            case EXPIRED_RESERVATION -> firstMatch(dimension, state, ReservationRestrictionType.RESERVATION_EXPIRES)
                    .or(() -> firstMatch(dimension, state, ReservationRestrictionType.RESERVATION));
        };
    }

    private Optional<Selected> firstMatch(TariffDimensionType dimension, PeriodState state,
                                          ReservationRestrictionType reservation) {
        for (int index = 0; index < elements.size(); index++) {
            TariffElement element = elements.get(index);
            Optional<PriceComponent> component = componentOf(element, dimension);
            if (component.isPresent() && RestrictionMatcher.matches(element.restrictions(), state, reservation)) {
                return Optional.of(new Selected(index, element, component.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<PriceComponent> componentOf(TariffElement element, TariffDimensionType dimension) {
        return element.priceComponents().stream().filter(c -> c.type() == dimension).findFirst();
    }

    /** A matched component with the element (and its position in the tariff) it came from. */
    record Selected(int elementIndex, TariffElement element, PriceComponent component) {
    }
}
