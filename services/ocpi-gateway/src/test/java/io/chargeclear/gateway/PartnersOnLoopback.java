package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.chargeclear.testkit.partner.OcpiPartner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the routing tests of the 2.3.0 modules set up before a partner can be routed to: its platform and party as the
 * registry publishes them on {@code hub.party.v1}, agreements on {@code hub.agreement.v1}, and the partner connection
 * the credentials handshake would have left (endpoints, version, sealed token B), announced like the handshake does.
 */
final class PartnersOnLoopback {

    private PartnersOnLoopback() {
    }

    /** One party of a platform, as on {@code hub.party.v1}. */
    record Party(String countryCode, String partyId, String role, List<String> emaidProviderIds,
                 boolean paymentTerminalProvider) {

        static Party of(String countryCode, String partyId, String role) {
            return new Party(countryCode, partyId, role, List.of(), false);
        }
    }

    /** Publishes a platform with one party and one accepted token C (its hash). */
    static void announce(KafkaTestClient kafka, String platform, Party party, String tokenHash) {
        ObjectNode snapshot = OcpiJson.mapper().createObjectNode().put("platform_id", platform)
                .put("name", "Test platform " + party.partyId()).put("status", "ACTIVE").put("revision", 1)
                .put("changed_at", Instant.now().toString());
        snapshot.putArray("parties").addObject().put("country_code", party.countryCode())
                .put("party_id", party.partyId()).put("role", party.role()).put("name", party.partyId())
                .put("payment_terminal_provider", party.paymentTerminalProvider())
                .set("emaid_provider_ids", OcpiJson.mapper().valueToTree(party.emaidProviderIds()));
        snapshot.putArray("credentials").addObject().put("token_hash", tokenHash).put("kind", "C");
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), snapshot.toString());
    }

    /** Publishes an agreement in effect between a CPO and its counterparty (an eMSP or a payment terminal provider). */
    static void agreement(KafkaTestClient kafka, String cpoCountry, String cpo, String counterpartyCountry,
                          String counterparty, List<String> modules) {
        String id = UUID.randomUUID().toString();
        ObjectNode agreement = OcpiJson.mapper().createObjectNode().put("agreement_id", id).put("status", "ACTIVE")
                .put("revision", 1).put("valid_from", "2025-01-01T00:00:00Z").putNull("valid_until")
                .put("dispute_window_days", 30).putNull("ended_at").put("changed_at", "2026-01-01T00:00:00Z");
        agreement.putObject("cpo").put("country_code", cpoCountry).put("party_id", cpo);
        agreement.putObject("emsp").put("country_code", counterpartyCountry).put("party_id", counterparty);
        agreement.set("modules", OcpiJson.mapper().valueToTree(modules));
        agreement.putObject("hub_fee").put("percent", "0");
        agreement.putObject("sla").put("cdr_within_hours", 48).put("authorization_answer_within_ms", 5000);
        kafka.produce("hub.agreement.v1", id, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.agreement.created.v1"), agreement.toString());
    }

    /**
     * A CDR of the CPO {@code cc*cpo} for the eMSP (or provider) {@code cc*receiver}, in the OCPI 2.3.0 shape; a credit
     * CDR of {@code credits} when that is not null.
     */
    static String cdr(String cc, String cpo, String id, String receiver, String credits) {
        String credit = credits == null ? "" : "\"credit\": true, \"credit_reference_id\": \"" + credits + "\",";
        return """
                {"country_code": "%s", "party_id": "%s", "id": "%s", "start_date_time": "2026-11-01T10:00:00Z",
                 "end_date_time": "2026-11-01T11:00:00Z", %s
                 "cdr_token": {"country_code": "%1$s", "party_id": "%s", "uid": "TOKEN-%2$s",
                 "type": "RFID", "contract_id": "TOKEN-%2$s"},
                 "auth_method": "WHITELIST",
                 "cdr_location": {"id": "LOC1", "address": "Street 1", "city": "Utrecht", "country": "NLD",
                  "coordinates": {"latitude": "52.090736", "longitude": "5.121420"}, "evse_uid": "EVSE1",
                  "evse_id": "%1$s*%2$s*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                  "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-11-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 10}]}],
                 "total_cost": {"before_taxes": 4.00, "taxes": [{"name": "VAT", "percentage": 10, "amount": 0.40}]},
                 "total_energy": 10, "total_time": 1, "last_updated": "2026-11-01T11:00:05Z"}"""
                .formatted(cc, cpo, id, credit, receiver);
    }

    /** One endpoint of the partner's version details, at the partner's own URL for the module. */
    static ObjectNode endpoint(String module, String role, OcpiPartner partner) {
        return OcpiJson.mapper().createObjectNode().put("identifier", module).put("role", role)
                .put("url", partner.endpointUrl(module));
    }

    /** What the credentials handshake would have left: the partner's endpoints, version and sealed token B. */
    static void connect(TokenCipher cipher, String platform, OcpiPartner partner, List<ObjectNode> endpoints)
            throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement insert = db.prepareStatement(
                     "insert into ocpi_gateway.partner_connection (platform_id, version, endpoints, token_b_sealed,"
                             + " plain_tokens, connected_at, versions_url) values (?, ?, ?, ?, false, now(), ?)")) {
            insert.setString(1, platform);
            insert.setString(2, partner.version());
            insert.setString(3, endpoints.toString());
            insert.setString(4, cipher.encrypt(partner.tokenB()));
            insert.setString(5, partner.versionsUrl());
            insert.executeUpdate();
            // the handshake announces the new connection in its transaction (ADR 0018); so does this stand-in
            try (PreparedStatement announce = db.prepareStatement("select pg_notify('ref_partner_connection', ?)")) {
                announce.setString(1, platform);
                announce.execute();
            }
        }
    }
}
