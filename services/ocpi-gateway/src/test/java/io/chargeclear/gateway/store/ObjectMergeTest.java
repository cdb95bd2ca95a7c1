package io.chargeclear.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiJson;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ObjectMergeTest {

    private static final String LOCATION = """
            {
              "country_code": "BE", "party_id": "BEC", "id": "LOC1", "publish": true,
              "name": "Gent Zuid", "address": "F.Rooseveltlaan 3A", "city": "Gent", "country": "BEL",
              "coordinates": {"latitude": "51.047599", "longitude": "3.729944"},
              "evses": [
                {
                  "uid": "EVSE-A", "status": "AVAILABLE",
                  "connectors": [
                    {"id": "C1", "standard": "IEC_62196_T2", "format": "CABLE", "power_type": "AC_3_PHASE",
                     "max_voltage": 220, "max_amperage": 16, "tariff_ids": ["11"],
                     "last_updated": "2015-03-16T10:10:02Z"},
                    {"id": "C2", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                     "max_voltage": 220, "max_amperage": 16, "last_updated": "2015-03-18T08:12:01Z"}
                  ],
                  "last_updated": "2015-06-28T08:12:01Z"
                },
                {
                  "uid": "EVSE-B", "status": "RESERVED",
                  "connectors": [
                    {"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                     "max_voltage": 220, "max_amperage": 16, "last_updated": "2015-06-29T20:39:09Z"}
                  ],
                  "last_updated": "2015-06-29T20:39:09Z"
                }
              ],
              "time_zone": "Europe/Brussels",
              "last_updated": "2015-06-29T20:39:09Z"
            }
            """;

    private static final String SESSION = """
            {
              "country_code": "NL", "party_id": "STK", "id": "101",
              "start_date_time": "2020-03-09T10:17:09Z", "kwh": 1.5,
              "charging_periods": [
                {"start_date_time": "2020-03-09T10:17:09Z", "dimensions": [{"type": "ENERGY", "volume": 1.5}]}
              ],
              "status": "ACTIVE",
              "last_updated": "2020-03-09T10:20:00Z"
            }
            """;

    private static final String LATER = "2020-01-01T00:00:00Z";
    private static final String EARLIER = "2010-01-01T00:00:00Z";

    @Nested
    class Patch {

        @Test
        void replacesTheFieldsItNamesAndLeavesTheOthers() {
            ObjectNode location = json(LOCATION);
            ObjectNode patch = json("""
                    {"name": "Interparking Gent Zuid", "publish": false, "last_updated": "2019-06-24T12:39:09Z"}""");

            ObjectNode merged = ObjectMerge.patch(location, patch, false);

            assertThat(merged.get("name").asText()).isEqualTo("Interparking Gent Zuid");
            assertThat(merged.get("publish").asBoolean()).isFalse();
            assertThat(merged.get("last_updated").asText()).isEqualTo("2019-06-24T12:39:09Z");
            ObjectNode expected = location.deepCopy();
            expected.setAll(patch);
            assertThat(merged).isEqualTo(expected);
            assertThat(merged.get("evses")).isEqualTo(location.get("evses"));
        }

        @Test
        void addsFieldsTheObjectDidNotHave() {
            ObjectNode merged = ObjectMerge.patch(json(LOCATION), json("{\"postal_code\": \"9000\"}"), false);

            assertThat(merged.get("postal_code").asText()).isEqualTo("9000");
        }

        @Test
        void replacesANestedObjectWholeRatherThanMergingIt() {
            ObjectNode merged = ObjectMerge.patch(json(LOCATION),
                    json("{\"coordinates\": {\"latitude\": \"50.000000\"}}"), false);

            assertThat(merged.get("coordinates")).isEqualTo(json("{\"latitude\": \"50.000000\"}"));
        }

        @Test
        void replacesArraysWhenNotAppending() {
            ObjectNode session = json(SESSION);
            ObjectNode patch = json("""
                    {"charging_periods": [{"start_date_time": "2020-03-09T11:00:00Z", "dimensions": []}]}""");

            ObjectNode merged = ObjectMerge.patch(session, patch, false);

            assertThat(merged.get("charging_periods")).isEqualTo(patch.get("charging_periods"));
        }

        @Test
        void emptyPatchChangesNothing() {
            ObjectNode location = json(LOCATION);

            assertThat(ObjectMerge.patch(location, json("{}"), false)).isEqualTo(location);
        }

        @Test
        void sessionPatchAppendsChargingPeriodsInOrder() {
            ObjectNode session = json(SESSION);
            ObjectNode patch = json("""
                    {
                      "kwh": 3.0,
                      "charging_periods": [
                        {"start_date_time": "2020-03-09T10:30:00Z", "dimensions": [{"type": "ENERGY", "volume": 1.0}]},
                        {"start_date_time": "2020-03-09T10:40:00Z", "dimensions": [{"type": "ENERGY", "volume": 0.5}]}
                      ],
                      "last_updated": "2020-03-09T10:45:00Z"
                    }""");

            ObjectNode merged = ObjectMerge.patch(session, patch, true);

            assertThat(merged.get("charging_periods")).hasSize(3);
            assertThat(merged.get("charging_periods").get(0)).isEqualTo(session.get("charging_periods").get(0));
            assertThat(merged.get("charging_periods").get(1)).isEqualTo(patch.get("charging_periods").get(0));
            assertThat(merged.get("charging_periods").get(2)).isEqualTo(patch.get("charging_periods").get(1));
            assertThat(merged.get("kwh").decimalValue()).isEqualByComparingTo("3.0");
            assertThat(merged.get("last_updated").asText()).isEqualTo("2020-03-09T10:45:00Z");
            assertThat(merged.get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void sessionPatchStartsTheChargingPeriodsWhenThereWereNone() {
            ObjectNode session = json(SESSION);
            session.remove("charging_periods");
            ObjectNode patch = json("""
                    {"charging_periods": [{"start_date_time": "2020-03-09T10:30:00Z", "dimensions": []}]}""");

            ObjectNode merged = ObjectMerge.patch(session, patch, true);

            assertThat(merged.get("charging_periods")).isEqualTo(patch.get("charging_periods"));
        }

        @Test
        void sessionPatchWithoutChargingPeriodsLeavesThem() {
            ObjectNode session = json(SESSION);

            ObjectNode merged = ObjectMerge.patch(session, json("{\"status\": \"COMPLETED\"}"), true);

            assertThat(merged.get("charging_periods")).isEqualTo(session.get("charging_periods"));
            assertThat(merged.get("status").asText()).isEqualTo("COMPLETED");
        }

        @Test
        void sessionPatchWithAnEmptyChargingPeriodsArrayChangesNothing() {
            ObjectNode session = json(SESSION);

            ObjectNode merged = ObjectMerge.patch(session, json("{\"charging_periods\": []}"), true);

            assertThat(merged).isEqualTo(session);
        }

        @Test
        void sessionPatchWithAnEmptyArrayAddsNoPeriodToASessionWithout() {
            ObjectNode session = json(SESSION);
            session.remove("charging_periods");

            ObjectNode merged = ObjectMerge.patch(session, json("{\"charging_periods\": []}"), true);

            assertThat(merged.path("charging_periods").size()).isZero();
        }

        @Test
        void inputsAreNotMutated() {
            ObjectNode session = json(SESSION);
            ObjectNode patch = json("""
                    {"charging_periods": [{"start_date_time": "2020-03-09T10:30:00Z", "dimensions": []}],
                     "total_cost": {"excl_vat": 1.0}}""");
            ObjectNode sessionBefore = session.deepCopy();
            ObjectNode patchBefore = patch.deepCopy();

            ObjectNode merged = ObjectMerge.patch(session, patch, true);
            ObjectNode replaced = ObjectMerge.patch(session, patch, false);

            assertThat(session).isEqualTo(sessionBefore);
            assertThat(patch).isEqualTo(patchBefore);
            assertThat(merged).isNotSameAs(session);
            assertThat(replaced).isNotSameAs(session);
            ((ObjectNode) merged.get("total_cost")).put("excl_vat", 99);
            ((ObjectNode) replaced.get("total_cost")).put("excl_vat", 98);
            assertThat(patch).isEqualTo(patchBefore);
        }

        @Test
        void appendedChargingPeriodsAreCopies() {
            ObjectNode patch = json("""
                    {"charging_periods": [{"start_date_time": "2020-03-09T10:30:00Z", "dimensions": []}]}""");
            ObjectNode patchBefore = patch.deepCopy();

            ObjectNode merged = ObjectMerge.patch(json(SESSION), patch, true);
            ((ObjectNode) merged.get("charging_periods").get(1)).put("start_date_time", "2099-01-01T00:00:00Z");

            assertThat(patch).isEqualTo(patchBefore);
        }
    }

    @Nested
    class PutEvse {

        @Test
        void addsAnEvseWithANewUid() {
            ObjectNode location = json(LOCATION);
            ObjectNode evse = evse("EVSE-C", "AVAILABLE", EARLIER);

            ObjectNode merged = ObjectMerge.putEvse(location, evse);

            assertThat(merged.get("evses")).hasSize(3);
            assertThat(merged.get("evses").get(2)).isEqualTo(evse);
            assertThat(merged.get("evses").get(0)).isEqualTo(location.get("evses").get(0));
        }

        @Test
        void replacesTheEvseWithTheSameUidIgnoringCaseInPlace() {
            ObjectNode location = json(LOCATION);
            ObjectNode evse = evse("evse-a", "CHARGING", EARLIER);

            ObjectNode merged = ObjectMerge.putEvse(location, evse);

            assertThat(merged.get("evses")).hasSize(2);
            assertThat(merged.get("evses").get(0)).isEqualTo(evse);
            assertThat(merged.get("evses").get(1)).isEqualTo(location.get("evses").get(1));
        }

        @Test
        void createsTheEvsesArrayWhenTheLocationHasNone() {
            ObjectNode location = json(LOCATION);
            location.remove("evses");
            ObjectNode evse = evse("EVSE-A", "AVAILABLE", EARLIER);

            ObjectNode merged = ObjectMerge.putEvse(location, evse);

            assertThat(merged.get("evses")).containsExactly(evse);
        }

        @Test
        void bumpsTheLocationLastUpdatedWhenTheEvseIsLater() {
            ObjectNode merged = ObjectMerge.putEvse(json(LOCATION), evse("EVSE-A", "CHARGING", LATER));

            assertThat(merged.get("last_updated").asText()).isEqualTo(LATER);
        }

        @Test
        void keepsTheLocationLastUpdatedWhenTheEvseIsEarlierOrEqual() {
            ObjectNode location = json(LOCATION);
            String own = location.get("last_updated").asText();

            assertThat(ObjectMerge.putEvse(location, evse("EVSE-A", "CHARGING", EARLIER)).get("last_updated").asText())
                    .isEqualTo(own);
            assertThat(ObjectMerge.putEvse(location, evse("EVSE-A", "CHARGING", own)).get("last_updated").asText())
                    .isEqualTo(own);
        }

        @Test
        void keepsTheLocationLastUpdatedWhenTheEvseHasNoneOrAnUnreadableOne() {
            ObjectNode location = json(LOCATION);
            ObjectNode without = evse("EVSE-A", "CHARGING", LATER);
            without.remove("last_updated");
            ObjectNode unreadable = evse("EVSE-A", "CHARGING", "tomorrow");

            assertThat(ObjectMerge.putEvse(location, without).get("last_updated"))
                    .isEqualTo(location.get("last_updated"));
            assertThat(ObjectMerge.putEvse(location, unreadable).get("last_updated"))
                    .isEqualTo(location.get("last_updated"));
        }

        @Test
        void comparesLastUpdatedAsInstantsNotAsText() {
            ObjectNode location = json(LOCATION);
            location.put("last_updated", "2015-06-29T20:39:09Z");

            // later by half a second, written with a fraction and an offset
            ObjectNode later = evse("EVSE-A", "CHARGING", "2015-06-29T22:39:09.5+02:00");
            // earlier, although it sorts after the location's text
            ObjectNode earlier = evse("EVSE-A", "CHARGING", "2015-06-29T21:39:08+02:00");

            assertThat(ObjectMerge.putEvse(location, later).get("last_updated").asText())
                    .isEqualTo("2015-06-29T22:39:09.5+02:00");
            assertThat(ObjectMerge.putEvse(location, earlier).get("last_updated").asText())
                    .isEqualTo("2015-06-29T20:39:09Z");
        }

        @Test
        void setsTheLocationLastUpdatedWhenTheLocationHasNone() {
            ObjectNode location = json(LOCATION);
            location.remove("last_updated");

            assertThat(ObjectMerge.putEvse(location, evse("EVSE-A", "CHARGING", EARLIER)).get("last_updated").asText())
                    .isEqualTo(EARLIER);
        }

        @Test
        void inputsAreNotMutated() {
            ObjectNode location = json(LOCATION);
            ObjectNode evse = evse("evse-a", "CHARGING", LATER);
            ObjectNode locationBefore = location.deepCopy();
            ObjectNode evseBefore = evse.deepCopy();

            ObjectNode merged = ObjectMerge.putEvse(location, evse);
            ((ObjectNode) merged.get("evses").get(0)).put("status", "BLOCKED");

            assertThat(location).isEqualTo(locationBefore);
            assertThat(evse).isEqualTo(evseBefore);
        }
    }

    @Nested
    class PatchEvse {

        @Test
        void patchesTheNamedEvseIgnoringCaseAndKeepsItsConnectors() {
            ObjectNode location = json(LOCATION);

            ObjectNode merged = ObjectMerge.patchEvse(location, "evse-b",
                    json("{\"status\": \"CHARGING\", \"last_updated\": \"" + LATER + "\"}"));

            JsonNode evse = merged.get("evses").get(1);
            assertThat(evse.get("uid").asText()).isEqualTo("EVSE-B");
            assertThat(evse.get("status").asText()).isEqualTo("CHARGING");
            assertThat(evse.get("connectors")).isEqualTo(location.get("evses").get(1).get("connectors"));
            assertThat(evse.get("last_updated").asText()).isEqualTo(LATER);
            assertThat(merged.get("last_updated").asText()).isEqualTo(LATER);
            assertThat(merged.get("evses").get(0)).isEqualTo(location.get("evses").get(0));
            assertThat(merged.get("evses")).hasSize(2);
        }

        @Test
        void doesNotBumpTheLocationForAnEarlierPatch() {
            ObjectNode location = json(LOCATION);

            ObjectNode merged = ObjectMerge.patchEvse(location, "EVSE-B",
                    json("{\"status\": \"CHARGING\", \"last_updated\": \"" + EARLIER + "\"}"));

            assertThat(merged.get("last_updated")).isEqualTo(location.get("last_updated"));
        }

        @Test
        void returnsNullForAnUnknownEvse() {
            assertThat(ObjectMerge.patchEvse(json(LOCATION), "EVSE-Z", json("{\"status\": \"CHARGING\"}"))).isNull();
        }

        @Test
        void returnsNullForALocationWithoutEvses() {
            ObjectNode location = json(LOCATION);
            location.remove("evses");

            assertThat(ObjectMerge.patchEvse(location, "EVSE-A", json("{\"status\": \"CHARGING\"}"))).isNull();
        }

        @Test
        void inputsAreNotMutated() {
            ObjectNode location = json(LOCATION);
            ObjectNode patch = json("{\"status\": \"CHARGING\", \"last_updated\": \"" + LATER + "\"}");
            ObjectNode locationBefore = location.deepCopy();
            ObjectNode patchBefore = patch.deepCopy();

            ObjectMerge.patchEvse(location, "EVSE-A", patch);
            ObjectMerge.patchEvse(location, "EVSE-Z", patch);

            assertThat(location).isEqualTo(locationBefore);
            assertThat(patch).isEqualTo(patchBefore);
        }
    }

    @Nested
    class PutConnector {

        @Test
        void replacesTheConnectorWithTheSameIdIgnoringCaseAndBumpsEvseAndLocation() {
            ObjectNode location = json(LOCATION);
            ObjectNode connector = connector("c2", "DC", LATER);

            ObjectNode merged = ObjectMerge.putConnector(location, "evse-a", connector);

            JsonNode evse = merged.get("evses").get(0);
            assertThat(evse.get("connectors")).hasSize(2);
            assertThat(evse.get("connectors").get(0)).isEqualTo(location.get("evses").get(0).get("connectors").get(0));
            assertThat(evse.get("connectors").get(1)).isEqualTo(connector);
            assertThat(evse.get("last_updated").asText()).isEqualTo(LATER);
            assertThat(merged.get("last_updated").asText()).isEqualTo(LATER);
            assertThat(merged.get("evses").get(1)).isEqualTo(location.get("evses").get(1));
        }

        @Test
        void addsAConnectorWithANewId() {
            ObjectNode location = json(LOCATION);
            ObjectNode connector = connector("C3", "DC", EARLIER);

            ObjectNode merged = ObjectMerge.putConnector(location, "EVSE-A", connector);

            assertThat(merged.get("evses").get(0).get("connectors")).hasSize(3);
            assertThat(merged.get("evses").get(0).get("connectors").get(2)).isEqualTo(connector);
        }

        @Test
        void bumpsNothingForAnEarlierConnector() {
            ObjectNode location = json(LOCATION);

            ObjectNode merged = ObjectMerge.putConnector(location, "EVSE-A", connector("C1", "DC", EARLIER));

            assertThat(merged.get("evses").get(0).get("last_updated"))
                    .isEqualTo(location.get("evses").get(0).get("last_updated"));
            assertThat(merged.get("last_updated")).isEqualTo(location.get("last_updated"));
        }

        @Test
        void bumpsTheEvseButNotALaterLocation() {
            ObjectNode location = json(LOCATION);
            location.put("last_updated", LATER);
            // between the EVSE's 2015-06-28 and the location's 2020-01-01
            String between = "2016-01-01T00:00:00Z";

            ObjectNode merged = ObjectMerge.putConnector(location, "EVSE-A", connector("C1", "DC", between));

            assertThat(merged.get("evses").get(0).get("last_updated").asText()).isEqualTo(between);
            assertThat(merged.get("last_updated").asText()).isEqualTo(LATER);
        }

        @Test
        void returnsNullForAnUnknownEvse() {
            assertThat(ObjectMerge.putConnector(json(LOCATION), "EVSE-Z", connector("C1", "DC", LATER))).isNull();
        }

        @Test
        void inputsAreNotMutated() {
            ObjectNode location = json(LOCATION);
            ObjectNode connector = connector("c1", "DC", LATER);
            ObjectNode locationBefore = location.deepCopy();
            ObjectNode connectorBefore = connector.deepCopy();

            ObjectNode merged = ObjectMerge.putConnector(location, "EVSE-A", connector);
            ((ObjectNode) merged.get("evses").get(0).get("connectors").get(0)).put("max_voltage", 1);

            assertThat(location).isEqualTo(locationBefore);
            assertThat(connector).isEqualTo(connectorBefore);
        }
    }

    @Nested
    class PatchConnector {

        @Test
        void patchesTheNamedConnectorAndKeepsItsOtherFields() {
            ObjectNode location = json(LOCATION);
            ObjectNode patch = json("{\"tariff_ids\": [\"15\"], \"last_updated\": \"" + LATER + "\"}");

            ObjectNode merged = ObjectMerge.patchConnector(location, "Evse-A", "c1", patch);

            JsonNode connector = merged.get("evses").get(0).get("connectors").get(0);
            ObjectNode expected = location.get("evses").get(0).get("connectors").get(0).deepCopy();
            expected.setAll(patch);
            assertThat(connector).isEqualTo(expected);
            assertThat(merged.get("evses").get(0).get("connectors").get(1))
                    .isEqualTo(location.get("evses").get(0).get("connectors").get(1));
            assertThat(merged.get("evses").get(0).get("last_updated").asText()).isEqualTo(LATER);
            assertThat(merged.get("last_updated").asText()).isEqualTo(LATER);
        }

        @Test
        void returnsNullForAnUnknownEvse() {
            assertThat(ObjectMerge.patchConnector(json(LOCATION), "EVSE-Z", "C1", json("{\"max_voltage\": 400}")))
                    .isNull();
        }

        @Test
        void returnsNullForAnUnknownConnector() {
            assertThat(ObjectMerge.patchConnector(json(LOCATION), "EVSE-A", "C9", json("{\"max_voltage\": 400}")))
                    .isNull();
        }

        @Test
        void returnsNullForAConnectorOfAnotherEvse() {
            // "1" is a connector of EVSE-B only
            assertThat(ObjectMerge.patchConnector(json(LOCATION), "EVSE-A", "1", json("{\"max_voltage\": 400}")))
                    .isNull();
        }

        @Test
        void inputsAreNotMutated() {
            ObjectNode location = json(LOCATION);
            ObjectNode patch = json("{\"tariff_ids\": [\"15\"], \"last_updated\": \"" + LATER + "\"}");
            ObjectNode locationBefore = location.deepCopy();
            ObjectNode patchBefore = patch.deepCopy();

            ObjectNode merged = ObjectMerge.patchConnector(location, "EVSE-A", "C1", patch);
            ((ArrayNode) merged.get("evses").get(0).get("connectors").get(0)
                    .get("tariff_ids")).add("16");

            assertThat(location).isEqualTo(locationBefore);
            assertThat(patch).isEqualTo(patchBefore);
        }
    }

    @Nested
    class Lookups {

        @Test
        void evseAndConnectorAreFoundIgnoringCase() {
            ObjectNode location = json(LOCATION);

            assertThat(ObjectMerge.evse(location, "evse-b")).isSameAs(location.get("evses").get(1));
            assertThat(ObjectMerge.connector(location, "EVSE-a", "c2"))
                    .isSameAs(location.get("evses").get(0).get("connectors").get(1));
        }

        @Test
        void unknownEvseOrConnectorIsNull() {
            ObjectNode location = json(LOCATION);

            assertThat(ObjectMerge.evse(location, "EVSE-Z")).isNull();
            assertThat(ObjectMerge.connector(location, "EVSE-Z", "C1")).isNull();
            assertThat(ObjectMerge.connector(location, "EVSE-A", "C9")).isNull();
        }

        @Test
        void lastUpdatedIsReadOrNull() {
            assertThat(ObjectMerge.lastUpdated(json("{\"last_updated\": \"2015-06-29T20:39:09Z\"}")))
                    .isEqualTo(Instant.parse("2015-06-29T20:39:09Z"));
            assertThat(ObjectMerge.lastUpdated(json("{\"last_updated\": \"2015-06-29T20:39:09\"}")))
                    .as("a DateTime without zone is UTC").isEqualTo(Instant.parse("2015-06-29T20:39:09Z"));
            assertThat(ObjectMerge.lastUpdated(json("{}"))).isNull();
            assertThat(ObjectMerge.lastUpdated(json("{\"last_updated\": null}"))).isNull();
            assertThat(ObjectMerge.lastUpdated(json("{\"last_updated\": 1435610349}"))).isNull();
            assertThat(ObjectMerge.lastUpdated(json("{\"last_updated\": \"yesterday\"}"))).isNull();
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) OcpiJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode evse(String uid, String status, String lastUpdated) {
        return json("""
                {"uid": "%s", "status": "%s",
                 "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_1_PHASE",
                                 "max_voltage": 230, "max_amperage": 32, "last_updated": "%s"}],
                 "last_updated": "%s"}""".formatted(uid, status, lastUpdated, lastUpdated));
    }

    private static ObjectNode connector(String id, String powerType, String lastUpdated) {
        return json("""
                {"id": "%s", "standard": "IEC_62196_T2_COMBO", "format": "CABLE", "power_type": "%s",
                 "max_voltage": 920, "max_amperage": 200, "last_updated": "%s"}""".formatted(id, powerType, lastUpdated));
    }
}
