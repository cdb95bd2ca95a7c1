package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.version.OcpiVersion;

import java.time.Instant;
import java.util.Set;

/**
 * One push a partner made to the hub, decided: what the hub's copy becomes and what goes on to the receivers.
 *
 * @param module        OCPI module id
 * @param method        PUT, PATCH, POST or DELETE, as forwarded
 * @param owner         the object's owner (always the sender: a party pushes only its own objects)
 * @param objectId      the object's id
 * @param tokenType     tokens only
 * @param path          path below the receiver's module endpoint, query included, e.g. {@code NL/CP1/LOC1/EVSE1}
 * @param forwardedBody the body the receivers get: exactly what the sender sent
 * @param newState      the hub's copy after the push; null when the push deletes it
 * @param lastUpdated   the new copy's {@code last_updated} (for a delete: now)
 * @param event         the event announcing the new copy
 * @param receiverRoles roles that receive this module's pushes
 * @param recipient     sessions and CDRs: the eMSP the content names (never broadcast); null for broadcastable data
 * @param bodyVersion   the OCPI version of {@code forwardedBody}: the tree the sender used
 * @param stateVersion  the OCPI version of {@code newState} (ADR 0024: the stored copy's, or 2.3.0 when the copy and
 *                      the push are in different versions)
 */
public record Push(String module, String method, OcpiParty owner, String objectId, String tokenType, String path,
                   String forwardedBody, ObjectNode newState, Instant lastUpdated, EventType event,
                   Set<String> receiverRoles, OcpiParty recipient, OcpiVersion bodyVersion, OcpiVersion stateVersion) {

    /**
     * The module whose endpoints receive the push and whose agreements gate it: the module itself, or
     * {@code payments} for the terminals and financial advice confirmations of OCPI 2.3.0 payments, which share it.
     */
    public String endpointModule() {
        return PAYMENTS_PARTS.contains(module) ? "payments" : module;
    }

    /**
     * The module whose agreements gate the push: the endpoint module, except invoice reconciliation, which any two
     * parties that may exchange CDRs may use about them.
     */
    public String gateModule() {
        return "invoicereconciliation".equals(module) ? "cdrs" : endpointModule();
    }

    private static final Set<String> PAYMENTS_PARTS = Set.of("terminals", "financial-advice-confirmations");

    /** The key operators see for the pushed object, e.g. {@code locations:NL*CP1*LOC1}. */
    public String objectKey() {
        return module + ":" + owner + "*" + objectId + (tokenType == null || tokenType.isEmpty() ? "" : "*" + tokenType);
    }
}
