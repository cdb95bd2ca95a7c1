package io.chargeclear.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiDateTimeDeserializer;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * How the hub keeps its copy of an object current when a partner sends part of it (OCPI 2.2.1 §mod_locations,
 * §mod_sessions, §mod_tokens): PATCH replaces the fields it names; a session PATCH appends
 * {@code charging_periods}; a PUT or PATCH of an EVSE or connector replaces that child and, as a receiver must,
 * moves its parents' {@code last_updated} up to the child's. All methods work on copies.
 */
public final class ObjectMerge {

    private ObjectMerge() {
    }

    /** Top-level fields of {@code patch} replace the object's; a session's charging periods are appended. */
    public static ObjectNode patch(ObjectNode current, ObjectNode patch, boolean appendChargingPeriods) {
        ObjectNode merged = current.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (appendChargingPeriods && field.getKey().equals("charging_periods") && field.getValue().isArray()) {
                ArrayNode periods = merged.path("charging_periods").isArray()
                        ? (ArrayNode) merged.get("charging_periods") : merged.putArray("charging_periods");
                field.getValue().forEach(period -> periods.add(period.deepCopy()));
            } else {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return merged;
    }

    /** The location with its EVSE {@code evse} replaced (or added), last_updated bumped. */
    public static ObjectNode putEvse(ObjectNode location, ObjectNode evse) {
        ObjectNode merged = location.deepCopy();
        ArrayNode evses = merged.path("evses").isArray() ? (ArrayNode) merged.get("evses") : merged.putArray("evses");
        int index = indexOf(evses, "uid", evse.path("uid").asText());
        if (index < 0) {
            evses.add(evse.deepCopy());
        } else {
            evses.set(index, evse.deepCopy());
        }
        bump(merged, evse);
        return merged;
    }

    /** The location with one EVSE patched; null when the location has no EVSE {@code evseUid}. */
    public static ObjectNode patchEvse(ObjectNode location, String evseUid, ObjectNode patch) {
        ObjectNode evse = evse(location, evseUid);
        return evse == null ? null : putEvse(location, patch(evse, patch, false));
    }

    /** The location with a connector of EVSE {@code evseUid} replaced or added; null without that EVSE. */
    public static ObjectNode putConnector(ObjectNode location, String evseUid, ObjectNode connector) {
        ObjectNode evse = evse(location, evseUid);
        if (evse == null) {
            return null;
        }
        ObjectNode updated = evse.deepCopy();
        ArrayNode connectors = updated.path("connectors").isArray()
                ? (ArrayNode) updated.get("connectors") : updated.putArray("connectors");
        int index = indexOf(connectors, "id", connector.path("id").asText());
        if (index < 0) {
            connectors.add(connector.deepCopy());
        } else {
            connectors.set(index, connector.deepCopy());
        }
        bump(updated, connector);
        return putEvse(location, updated);
    }

    /** The location with one connector patched; null without that EVSE or connector. */
    public static ObjectNode patchConnector(ObjectNode location, String evseUid, String connectorId, ObjectNode patch) {
        ObjectNode connector = connector(location, evseUid, connectorId);
        return connector == null ? null : putConnector(location, evseUid, patch(connector, patch, false));
    }

    public static ObjectNode evse(ObjectNode location, String evseUid) {
        JsonNode evses = location.path("evses");
        int index = indexOf(evses, "uid", evseUid);
        return index < 0 ? null : (ObjectNode) evses.get(index);
    }

    public static ObjectNode connector(ObjectNode location, String evseUid, String connectorId) {
        ObjectNode evse = evse(location, evseUid);
        if (evse == null) {
            return null;
        }
        JsonNode connectors = evse.path("connectors");
        int index = indexOf(connectors, "id", connectorId);
        return index < 0 ? null : (ObjectNode) connectors.get(index);
    }

    /** {@code last_updated} of an object, or null when absent or unreadable. */
    public static Instant lastUpdated(JsonNode object) {
        JsonNode value = object.path("last_updated");
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OcpiDateTimeDeserializer.parse(value.asText());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void bump(ObjectNode parent, JsonNode child) {
        Instant childUpdated = lastUpdated(child);
        Instant parentUpdated = lastUpdated(parent);
        if (childUpdated != null && (parentUpdated == null || childUpdated.isAfter(parentUpdated))) {
            parent.set("last_updated", child.get("last_updated").deepCopy());
        }
    }

    /** CiString ids compare case-insensitively. */
    private static int indexOf(JsonNode array, String idField, String id) {
        if (!array.isArray()) {
            return -1;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).path(idField).asText().equalsIgnoreCase(id)) {
                return i;
            }
        }
        return -1;
    }
}
