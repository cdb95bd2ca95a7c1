package io.chargeclear.model.ocpi.strict;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.sessions.Session;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Values that parse but that rating and tracking cannot apply: each refused and named, from an official example. */
class OcpiValueRulesTest {

    private static ObjectNode example(String file) throws Exception {
        Path dir = Path.of(OcpiValueRulesTest.class.getClassLoader().getResource("ocpi/examples/2.2.1-d2").toURI());
        return (ObjectNode) StrictOcpiJson.treeReader().readTree(Files.readString(dir.resolve(file)));
    }

    private static List<Violation> check(ObjectNode node, Class<?> type) throws Exception {
        return OcpiValueRules.check(StrictOcpiJson.mapper().treeToValue(node, type));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aNegativeVolumeInACdrIsNamedByItsPath() throws Exception {
        ObjectNode cdr = example("cdr_example.json");
        ((ObjectNode) cdr.withArray("charging_periods").get(0).withArray("dimensions").get(0)).put("volume", -2);
        assertThat(fields(check(cdr, CDR.class))).containsExactly("charging_periods[0].dimensions[0].volume");
    }

    @Test
    void negativeTotalsAndCostsAreRefusedButACreditCdrNegatesItsCosts() throws Exception {
        ObjectNode cdr = example("cdr_example.json");
        cdr.put("total_energy", -1);
        ((ObjectNode) cdr.get("total_cost")).put("excl_vat", -4);
        assertThat(fields(check(cdr, CDR.class))).containsExactly("total_energy", "total_cost.excl_vat");
        cdr.put("total_energy", 1).put("credit", true).put("credit_reference_id", "12345");
        assertThat(check(cdr, CDR.class)).isEmpty();
    }

    @Test
    void anEndBeforeTheStartIsRefused() throws Exception {
        ObjectNode cdr = example("cdr_example.json");
        cdr.put("end_date_time", "2015-06-29T20:00:00Z");
        assertThat(fields(check(cdr, CDR.class))).containsExactly("end_date_time");
    }

    @Test
    void aReservationPeriodThatAlsoChargesIsRefused() throws Exception {
        ObjectNode cdr = example("cdr_example.json");
        ArrayNode dimensions = cdr.withArray("charging_periods").get(0).withArray("dimensions");
        dimensions.addObject().put("type", "RESERVATION_TIME").put("volume", 0.25);
        assertThat(fields(check(cdr, CDR.class))).containsExactly("charging_periods[0].dimensions");
    }

    @Test
    void sessionKwhAndPeriodsMustNotBeNegative() throws Exception {
        ObjectNode session = example("session_example_1_simple_start.json");
        session.put("kwh", -0.5);
        assertThat(fields(check(session, Session.class))).containsExactly("kwh");
    }

    @Test
    void aTariffPriceMustNotBeNegative() throws Exception {
        ObjectNode tariff = example("tariff_1_simple_2hour.json");
        ((ObjectNode) tariff.withArray("elements").get(0).withArray("price_components").get(0)).put("price", -0.1);
        assertThat(fields(check(tariff, Tariff.class))).containsExactly("elements[0].price_components[0].price");
    }

    @Test
    void aLocationTimeZoneMustBeAnIanaZone() throws Exception {
        ObjectNode location = example("location_example.json");
        location.put("time_zone", "Mars/Olympus_Mons");
        assertThat(fields(check(location, Location.class))).containsExactly("time_zone");
    }
}
