package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Puts rating.cdr-rated.v1 events of one CPO–eMSP pair on Kafka, as the rating service writes them. */
final class RatedCdrs {

    private final KafkaTestClient kafka;
    private final String cpo;
    private final String emsp;

    RatedCdrs(KafkaTestClient kafka, String cpo, String emsp) {
        this.kafka = kafka;
        this.cpo = cpo;
        this.emsp = emsp;
    }

    /** A rated CDR whose session ended on 1 March 2026; returns the event id. */
    String rated(String cdrId, int revision, String payable, String receivable, String fee, String reverses) {
        return produce(UUID.randomUUID().toString(), cdrId, revision, "EUR", payable, receivable, fee, reverses,
                Instant.parse("2026-03-01T11:00:00Z"), "10.5");
    }

    /**
     * A rated CDR of revision 1 in {@code currency} whose session ended at {@code end}, rated without a breakdown
     * when {@code energyKwh} is null (as cdr-rating rates a credit CDR); returns the event id.
     */
    String rated(String cdrId, String currency, String payable, String receivable, String fee, String reverses,
                 Instant end, String energyKwh) {
        return produce(UUID.randomUUID().toString(), cdrId, 1, currency, payable, receivable, fee, reverses, end,
                energyKwh);
    }

    String produce(String eventId, String cdrId, int revision, String currency, String payable, String receivable,
                   String fee, String reverses, Instant end, String energyKwh) {
        kafka.produce("rating.cdr-rated.v1", key(cdrId), headers(eventId),
                payload(cdrId, revision, currency, payable, receivable, fee, reverses, end, energyKwh));
        return eventId;
    }

    /**
     * A rated CDR of {@code revision} with its tax lines: {@code taxes} is the JSON array of rating.cdr-rated.v1's
     * "taxes" ({@code [{"name": "GST", "percentage": "5", "amount": "0.50"}]}), or null for an event written before
     * ratings carried them (no "taxes" field at all). The eMSP pays {@code inclVat}; returns the event id.
     */
    String taxed(String cdrId, int revision, String currency, String exclVat, String inclVat, String fee, String taxes,
                 Instant end) {
        String eventId = UUID.randomUUID().toString();
        String receivable = new BigDecimal(inclVat).subtract(new BigDecimal(fee)).toPlainString();
        kafka.produce("rating.cdr-rated.v1", key(cdrId), headers(eventId), payload(cdrId, revision, currency, exclVat,
                inclVat, receivable, fee, null, end, "10", taxes));
        return eventId;
    }

    /**
     * A rated CDR of revision 1 in EUR with one VAT line of {@code inclVat - exclVat} and the CDR's payment keys
     * ({@code authorization_reference}, {@code invoice_reference_id}; either may be null), as the rating service
     * writes a session a payment terminal provider or an eMSP's app started; returns the event id.
     */
    String withPaymentKeys(String cdrId, String exclVat, String inclVat, String fee, String authorizationReference,
                           String invoiceReferenceId, Instant end) {
        String eventId = UUID.randomUUID().toString();
        kafka.produce("rating.cdr-rated.v1", key(cdrId), headers(eventId),
                paymentKeysPayload(cdrId, exclVat, inclVat, fee, authorizationReference, invoiceReferenceId, end));
        return eventId;
    }

    /** The JSON of {@link #withPaymentKeys}'s event. */
    String paymentKeysPayload(String cdrId, String exclVat, String inclVat, String fee, String authorizationReference,
                              String invoiceReferenceId, Instant end) {
        String receivable = new BigDecimal(inclVat).subtract(new BigDecimal(fee)).toPlainString();
        String vat = new BigDecimal(inclVat).subtract(new BigDecimal(exclVat)).toPlainString();
        String json = payload(cdrId, 1, "EUR", exclVat, inclVat, receivable, fee, null, end, "10",
                "[{\"name\": \"VAT\", \"percentage\": \"10\", \"amount\": \"" + vat + "\"}]");
        return json.substring(0, json.lastIndexOf('}')) + ", \"authorization_reference\": "
                + quoted(authorizationReference) + ", \"invoice_reference_id\": " + quoted(invoiceReferenceId) + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The record key the rating service gives a rated CDR: the CPO and the CDR id. */
    String key(String cdrId) {
        return cpo + "*" + cdrId;
    }

    /** The CloudEvent headers of a rated CDR event with this id. */
    static Map<String, String> headers(String eventId) {
        return Map.of("ce_id", eventId, "ce_type", "rating.cdr-rated.v1", "ce_source", "/chargeclear/test",
                "ce_specversion", "1.0");
    }

    /** The JSON of a rated CDR event, as the rating service writes it. */
    String payload(String cdrId, int revision, String currency, String payable, String receivable, String fee,
                   String reverses, Instant end, String energyKwh) {
        return payload(cdrId, revision, currency, "3.30", payable, receivable, fee, reverses, end, energyKwh, null);
    }

    private String payload(String cdrId, int revision, String currency, String exclVat, String payable,
                           String receivable, String fee, String reverses, Instant end, String energyKwh,
                           String taxes) {
        String[] c = cpo.split("\\*");
        String[] e = emsp.split("\\*");
        return """
                {"cdr_id": "%s", "cpo": {"country_code": "%s", "party_id": "%s"},
                 "emsp": {"country_code": "%s", "party_id": "%s"}, "session_id": null,
                 "start_date_time": "%s", "end_date_time": "%s", "currency": "%s",
                 "total_cost": {"excl_vat": "%s", "incl_vat": "%s"}, "cpo_total_cost": {"excl_vat": "%s", "incl_vat": "%s"},
                 "hub_fee": {"amount": "%s", "currency": "%s"}, "emsp_payable": {"amount": "%s", "currency": "%s"},
                 "cpo_receivable": {"amount": "%s", "currency": "%s"}, "tariff_id": "T1",
                 "tariff_version": "2026-01-01T00:00:00Z", "agreement_id": null,
                 "breakdown": %s, "reverses": %s,
                 "operator_override": false, "revision": %d, "rated_at": "%s"%s}"""
                .formatted(cdrId, c[0], c[1], e[0], e[1], end.minusSeconds(3600), end, currency, exclVat, payable,
                        exclVat, payable,
                        fee, currency, payable, currency, receivable, currency,
                        energyKwh == null ? "null" : "{\"total_energy_kwh\": \"" + energyKwh + "\"}",
                        reverses == null ? "null" : "\"" + reverses + "\"", revision, end.plusSeconds(360),
                        taxes == null ? "" : ", \"taxes\": " + taxes);
    }
}
