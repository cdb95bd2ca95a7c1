package io.chargeclear.partners;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The OCPI objects the demo pushes through the hub: the 2.2.1 ones in the same shapes as the routing scenario's
 * end-to-end test, and the 2.3.0 ones of the CPO in Québec; parameterised by owner and id so that every run uses
 * fresh ids (CDRs are immutable at the hub).
 */
final class OcpiObjects {

    private OcpiObjects() {
    }

    /** A location in Utrecht with one AC EVSE, owned by CPO {@code NL}-{@code cpoPartyId}. */
    static String location(String cpoPartyId, String id) {
        return location(cpoPartyId, id, null);
    }

    /** The same location, its connector priced by tariff {@code tariffId} (none when null). */
    static String location(String cpoPartyId, String id, String tariffId) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "NL*%s*E1", "status": "AVAILABLE",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                     "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32, %s"last_updated": "%s"}],
                   "last_updated": "%s"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, cpoPartyId, tariffId == null ? "" : "\"tariff_ids\": [\"" + tariffId + "\"], ",
                        now(), now(), now());
    }

    /**
     * 0.30 EUR per kWh plus 21 % VAT, in force since before the demo's sessions (its {@code last_updated} is three
     * days ago, before yesterday's late CDR), so the hub rates their CDRs with it.
     */
    static String tariff(String cpoPartyId, String id) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "currency": "EUR",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS));
    }

    /** An RFID token of eMSP {@code DE}-{@code emspPartyId}. */
    static String token(String emspPartyId, String uid) {
        return """
                {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID", "contract_id": "DE-%s-C%s",
                 "issuer": "Demo eMSP %s", "valid": true, "whitelist": "ALLOWED", "last_updated": "%s"}"""
                .formatted(emspPartyId, uid, emspPartyId, uid.hashCode() & 0xffff, emspPartyId, now());
    }

    /** An ACTIVE session at the location's EVSE, charged to the eMSP's token. */
    static String session(String cpoPartyId, String id, String locationId, String emspPartyId, String uid,
                          String authorizationReference) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "%s",
                 "kwh": 5.5, "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-%s-C1"},
                 "auth_method": "AUTH_REQUEST", %s"location_id": "%s", "evse_uid": "EVSE-1", "connector_id": "1",
                 "currency": "EUR", "status": "ACTIVE", "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, hourAgo(), emspPartyId, uid, emspPartyId,
                        reference(authorizationReference), locationId, now());
    }

    /** The same session, COMPLETED just now after an hour and 11 kWh. */
    static String completedSession(String cpoPartyId, String id, String locationId, String emspPartyId, String uid) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "%s", "end_date_time": "%s",
                 "kwh": 11.0, "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-%s-C1"},
                 "auth_method": "AUTH_REQUEST", "location_id": "%s", "evse_uid": "EVSE-1", "connector_id": "1",
                 "currency": "EUR", "status": "COMPLETED", "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, hourAgo(), now(), emspPartyId, uid, emspPartyId, locationId, now());
    }

    /** The CDR of that session: one hour, 11 kWh. */
    static String cdr(String cpoPartyId, String id, String sessionId, String locationId, String emspPartyId,
                      String uid, String authorizationReference) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return cdr(cpoPartyId, id, sessionId, locationId, emspPartyId, uid, authorizationReference,
                end.minus(1, ChronoUnit.HOURS), end);
    }

    /** The same CDR for a session from {@code start} to {@code end}. */
    static String cdr(String cpoPartyId, String id, String sessionId, String locationId, String emspPartyId,
                      String uid, String authorizationReference, Instant start, Instant end) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "%s",
                 "end_date_time": "%s", "session_id": "%s",
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-%s-C1"},
                 "auth_method": "AUTH_REQUEST", %s
                 "cdr_location": {"id": "%s", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                   "evse_id": "NL*%s*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "%s",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, start, end, sessionId, emspPartyId, uid, emspPartyId,
                        reference(authorizationReference), locationId, cpoPartyId, start, now());
    }

    /**
     * OCPI 2.3.0: 0.40 CAD per kWh before taxes ({@code tax_included: NO}) and no {@code vat}, as a Québec CPO prices:
     * which taxes apply (GST, QST) its CDRs say. In force for three days, like the EUR tariff.
     */
    static String tariff230(String cpoPartyId, String id) {
        return """
                {"country_code": "CA", "party_id": "%s", "id": "%s", "currency": "CAD", "tax_included": "NO",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.40, "step_size": 1}]}],
                 "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS));
    }

    /** OCPI 2.3.0: a location in Montréal with one AC EVSE, its connector priced by tariff {@code tariffId}. */
    static String location230(String cpoPartyId, String id, String tariffId) {
        return """
                {"country_code": "CA", "party_id": "%s", "id": "%s", "publish": true,
                 "address": "1 Rue Sainte-Catherine", "city": "Montréal", "postal_code": "H2X 1Y4", "state": "QC",
                 "country": "CAN", "coordinates": {"latitude": "45.508888", "longitude": "-73.561668"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "CA*%s*E1", "status": "AVAILABLE",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T1", "format": "CABLE",
                     "power_type": "AC_1_PHASE", "max_voltage": 240, "max_amperage": 32, "tariff_ids": ["%s"],
                     "last_updated": "%s"}],
                   "last_updated": "%s"}],
                 "time_zone": "America/Toronto", "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, cpoPartyId, tariffId, now(), now(), now());
    }

    /**
     * OCPI 2.3.0: the CDR of a session at that location from {@code start} to {@code end}, 25 kWh at 0.40 CAD:
     * 10.00 CAD before taxes, with Québec's two taxes as separate lines, GST 5 % and QST 9.975 %.
     */
    static String cdr230(String cpoPartyId, String id, String locationId, String emspPartyId, String uid,
                         Instant start, Instant end) {
        return cdr230(cpoPartyId, id, locationId, cdrToken("DE", emspPartyId, uid, "RFID", "DE-" + emspPartyId + "-C1"),
                "AUTH_REQUEST", "", "0.9975", start, end);
    }

    /**
     * The same CDR charged to {@code cdrToken} (see {@link #cdrToken}), with {@code extra} members (e.g.
     * {@code "session_id": "S1", }, ending in a comma, or empty) and the QST line's amount as given: a CDR the CPO
     * invoices states it to the cent.
     */
    static String cdr230(String cpoPartyId, String id, String locationId, String cdrToken, String authMethod,
                         String extra, String qst, Instant start, Instant end) {
        return """
                {"country_code": "CA", "party_id": "%s", "id": "%s", "start_date_time": "%s",
                 "end_date_time": "%s", %s
                 "cdr_token": %s,
                 "auth_method": "%s",
                 "cdr_location": {"id": "%s", "address": "1 Rue Sainte-Catherine", "city": "Montréal",
                   "postal_code": "H2X 1Y4", "state": "QC", "country": "CAN",
                   "coordinates": {"latitude": "45.508888", "longitude": "-73.561668"}, "evse_uid": "EVSE-1",
                   "evse_id": "CA*%s*E1", "connector_id": "1", "connector_standard": "IEC_62196_T1",
                   "connector_format": "CABLE", "connector_power_type": "AC_1_PHASE"},
                 "currency": "CAD",
                 "charging_periods": [{"start_date_time": "%s",
                   "dimensions": [{"type": "ENERGY", "volume": 25.0}]}],
                 "total_cost": {"before_taxes": 10.00, "taxes": [{"name": "GST", "percentage": 5, "amount": 0.50},
                   {"name": "QST", "percentage": 9.975, "amount": %s}]},
                 "total_energy": 25.0, "total_time": 1.0, "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, start, end, extra, cdrToken, authMethod, locationId, cpoPartyId, start,
                        qst, now());
    }

    /**
     * OCPI 2.3.0: a session at the Montréal location from {@code start} to {@code end}, COMPLETED with 25 kWh,
     * charged to {@code cdrToken}; {@code authorizationReference} when not null.
     */
    static String completedSession230(String cpoPartyId, String id, String locationId, String cdrToken,
                                      String authMethod, String authorizationReference, Instant start, Instant end) {
        return """
                {"country_code": "CA", "party_id": "%s", "id": "%s", "start_date_time": "%s", "end_date_time": "%s",
                 "kwh": 25.0, "cdr_token": %s, "auth_method": "%s", %s"location_id": "%s", "evse_uid": "EVSE-1",
                 "connector_id": "1", "currency": "CAD", "status": "COMPLETED", "last_updated": "%s"}"""
                .formatted(cpoPartyId, id, start, end, cdrToken, authMethod, reference(authorizationReference),
                        locationId, now());
    }

    /** A CdrToken: the party whose contract or payment it is, the uid and type the CPO saw. */
    static String cdrToken(String countryCode, String partyId, String uid, String type, String contractId) {
        return """
                {"country_code": "%s", "party_id": "%s", "uid": "%s", "type": "%s", "contract_id": "%s"}"""
                .formatted(countryCode, partyId, uid, type, contractId);
    }

    /**
     * The token an eMSP on OCPI 2.2.1 keeps for a Plug &amp; Charge contract id: type {@code OTHER}, since 2.2.1 has
     * no {@code EMAID}, and the contract id as its uid.
     */
    static String contractToken(String countryCode, String emspPartyId, String contractId) {
        return """
                {"country_code": "%s", "party_id": "%s", "uid": "%s", "type": "OTHER", "contract_id": "%3$s",
                 "issuer": "Demo eMSP %2$s", "valid": true, "whitelist": "NEVER", "last_updated": "%s"}"""
                .formatted(countryCode, emspPartyId, contractId, now());
    }

    /**
     * OCPI 2.3.0 payments: a payment terminal by the charger, assigned to {@code locationId}; the CPO invoices the
     * driver.
     */
    static String terminal(String terminalId, String locationId) {
        return """
                {"terminal_id": "%s", "location_ids": ["%s"], "invoice_creator": "CPO", "last_updated": "%s"}"""
                .formatted(terminalId, locationId, now());
    }

    /**
     * A payment terminal provider's START_SESSION at the location's EVSE: its own token for the card payment, and
     * the {@code authorization_reference} that will name the payment in the CPO's session, CDR and the provider's
     * confirmation.
     */
    static String terminalStartSession(String responseUrl, String countryCode, String providerPartyId, String uid,
                                       String locationId, String authorizationReference) {
        return """
                {"response_url": "%s", "location_id": "%s", "evse_uid": "EVSE-1", "authorization_reference": "%s",
                 "token": {"country_code": "%s", "party_id": "%s", "uid": "%s", "type": "AD_HOC_USER",
                  "contract_id": "%6$s", "issuer": "Demo Terminals", "valid": true, "whitelist": "NEVER",
                  "last_updated": "%s"}}"""
                .formatted(responseUrl, locationId, authorizationReference, countryCode, providerPartyId, uid, now());
    }

    /**
     * OCPI 2.3.0 payments: the provider's financial advice confirmation that its payment service provider captured
     * {@code beforeTaxes} plus the GST and QST amounts in CAD for the session of {@code authorizationReference}.
     */
    static String financialAdviceConfirmation(String id, String authorizationReference, String beforeTaxes,
                                              String gst, String qst, String captured) {
        return """
                {"id": "%s", "authorization_reference": "%s",
                 "total_costs": {"before_taxes": %s, "taxes": [{"name": "GST", "percentage": 5, "amount": %s},
                   {"name": "QST", "percentage": 9.975, "amount": %s}]},
                 "currency": "CAD", "eft_data": ["VISA", "************4242", "CAD %s", "APPROVED"],
                 "capture_status_code": "SUCCESS", "capture_status_message": "Captured at the PSP",
                 "last_updated": "%s"}"""
                .formatted(id, authorizationReference, beforeTaxes, gst, qst, captured, now());
    }

    /** A START_SESSION command of the eMSP's token at the location's EVSE, answered at {@code responseUrl}. */
    static String startSession(String responseUrl, String emspPartyId, String uid, String locationId) {
        return """
                {"response_url": "%s", "token": %s, "location_id": "%s", "evse_uid": "EVSE-1"}"""
                .formatted(responseUrl, token(emspPartyId, uid), locationId);
    }

    /** The body of a real-time authorization request at the location. */
    static String authorizationAt(String locationId) {
        return "{\"location_id\": \"" + locationId + "\"}";
    }

    /** {@code json} on one line with single spaces, for a curl command line. */
    static String oneLine(String json) {
        return json.replaceAll("\\s*\\n\\s*", " ");
    }

    /** The {@code authorization_reference} member, or nothing when there is none. */
    private static String reference(String authorizationReference) {
        return authorizationReference == null ? "" : "\"authorization_reference\": \"" + authorizationReference + "\", ";
    }

    /** Now, to the millisecond: a CPO's updates carry the moment they were made. */
    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String hourAgo() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS).toString();
    }
}
