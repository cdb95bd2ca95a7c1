package io.chargeclear.rating.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CdrDimension;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builds sessions period by period in a location's local time, and loads tariff fixtures, for the engine tests. */
final class TestSession {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final TariffEngine ENGINE = new TariffEngine();

    private final ZoneId zone;
    private final Instant start;
    private final List<ChargingPeriod> periods = new ArrayList<>();
    private Instant cursor;

    private TestSession(ZoneId zone, Instant start) {
        this.zone = zone;
        this.start = start;
        this.cursor = start;
    }

    /** A session starting at a local date-time ("2024-06-15T09:30") of the zone. */
    static TestSession startingAt(String localDateTime, ZoneId zone) {
        return new TestSession(zone, LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    /** Adds a period starting where the previous one ended, lasting {@code minutes}. */
    TestSession period(long minutes, CdrDimension... dimensions) {
        periods.add(new ChargingPeriod(cursor, List.of(dimensions), null));
        cursor = cursor.plus(Duration.ofMinutes(minutes));
        return this;
    }

    RatingInput input(Tariff tariff) {
        return new RatingInput(tariff, periods, start, cursor, zone);
    }

    CostBreakdown rateWith(Tariff tariff) {
        return ENGINE.rate(input(tariff));
    }

    static CdrDimension energy(String kwh) {
        return new CdrDimension(CdrDimensionType.ENERGY, new BigDecimal(kwh));
    }

    static CdrDimension time(String hours) {
        return new CdrDimension(CdrDimensionType.TIME, new BigDecimal(hours));
    }

    static CdrDimension parking(String hours) {
        return new CdrDimension(CdrDimensionType.PARKING_TIME, new BigDecimal(hours));
    }

    static CdrDimension reservation(String hours) {
        return new CdrDimension(CdrDimensionType.RESERVATION_TIME, new BigDecimal(hours));
    }

    static CdrDimension minCurrent(String amperes) {
        return new CdrDimension(CdrDimensionType.MIN_CURRENT, new BigDecimal(amperes));
    }

    static CdrDimension maxCurrent(String amperes) {
        return new CdrDimension(CdrDimensionType.MAX_CURRENT, new BigDecimal(amperes));
    }

    static CdrDimension minPower(String kw) {
        return new CdrDimension(CdrDimensionType.MIN_POWER, new BigDecimal(kw));
    }

    static CdrDimension maxPower(String kw) {
        return new CdrDimension(CdrDimensionType.MAX_POWER, new BigDecimal(kw));
    }

    /** A tariff JSON from the test resources, parsed with the project's OCPI mapper. */
    static Tariff tariff(String resource) {
        try (InputStream in = TestSession.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return OcpiJson.mapper().readValue(in, Tariff.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tariff written inline as JSON; {@code '} stands for {@code "} to keep the Java readable. */
    static Tariff tariffJson(String json) {
        try {
            return OcpiJson.mapper().readValue(json.replace('\'', '"'), Tariff.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertCost(Cost actual, String exclVat, String inclVat) {
        assertThat(actual.exclVat().amount()).as("excl VAT of %s", actual).isEqualByComparingTo(exclVat);
        assertThat(actual.inclVat().amount()).as("incl VAT of %s", actual).isEqualByComparingTo(inclVat);
    }
}
