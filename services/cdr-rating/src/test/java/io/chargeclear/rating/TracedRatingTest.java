package io.chargeclear.rating;

import io.chargeclear.kit.messaging.EventSpans;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CDR's trace through rating (docs/adr/0035-traces-through-the-outbox.md), with the OpenTelemetry SDK on and the
 * spans kept in memory: a CDR event carrying a {@code traceparent} header is applied in a CONSUMER span that is a
 * child of that context, and the {@code rating.cdr-rated.v1} record its handler wrote through the outbox carries the
 * consumer span's own context in its {@code traceparent} header, as the relay took it from the outbox row. A CDR
 * event without one starts a trace at its consumer.
 */
@QuarkusTest
@TestProfile(TracedRatingTest.Traced.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class TracedRatingTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Tracing on, spans handed to the in-memory exporter (the default "cdi" exporter takes every exporter bean). */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT0.1S");
        }
    }

    static class Exporter {
        @Produces
        @Singleton
        @Unremovable
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRatingOfACdrContinuesTheTraceItsEventCarriesIntoTheEventItWrites() {
        String cpo = "T" + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        String emsp = "U" + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        String traceId = HexFormat.of().formatHex(uuidBytes());
        String parentSpanId = traceId.substring(0, 16);
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            produce(kafka, "ocpi.location.v1", "NL*" + cpo + "*LOC1", "ocpi.location.changed.v1", null, null,
                    objectEvent(cpo, "locations", "LOC1", """
                            {"country_code": "NL", "party_id": "%s", "id": "LOC1", "publish": true, "address": "Straat 1",
                             "city": "Utrecht", "country": "NLD",
                             "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                             "evses": [{"uid": "E1", "status": "AVAILABLE", "connectors": [{"id": "1",
                               "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                               "max_voltage": 230, "max_amperage": 32, "tariff_ids": ["T1"],
                               "last_updated": "2026-01-01T00:00:00Z"}], "last_updated": "2026-01-01T00:00:00Z"}],
                             "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T00:00:00Z"}"""
                            .formatted(cpo), "PUT", null));
            produce(kafka, "ocpi.tariff.v1", "NL*" + cpo + "*T1", "ocpi.tariff.changed.v1", null, null,
                    objectEvent(cpo, "tariffs", "T1", """
                            {"country_code": "NL", "party_id": "%s", "id": "T1", "currency": "EUR",
                             "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0,
                               "step_size": 1}]}], "last_updated": "2026-01-01T00:00:00Z"}""".formatted(cpo), "PUT",
                            null));
            String agreement = UUID.randomUUID().toString();
            produce(kafka, "hub.agreement.v1", agreement, "hub.agreement.created.v1", null, null, """
                    {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                     "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                     "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["cdrs", "tariffs"],
                     "hub_fee": {"percent": "2.5"}, "sla": {"cdr_within_hours": 48,
                     "authorization_answer_within_ms": 5000}, "dispute_window_days": 30, "ended_at": null,
                     "changed_at": "2026-01-01T00:00:00Z"}""".formatted(agreement, cpo, emsp));

            // a CDR outside any trace, rated once the location, tariff and agreement are applied: the traced CDR
            // after it is rated at once, in its own consumer span (not later by the pending CDRs' retry)
            String untracedId = cdr(kafka, cpo, emsp, "CDR-W", null);
            await("the untraced CDR rated").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().header("Authorization", "Bearer chargeclear-dev-admin")
                            .get("/admin/rating/cdrs/NL/" + cpo + "/CDR-W").asString().contains("\"status\":\"RATED\""));
            // an event that carries no trace context starts a trace of its own at its consumer (it may have waited
            // for its location, tariff or agreement and been rated by a retry, outside any span)
            SpanData root = await("the untraced CDR's consumer span").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> finished(untracedId), span -> span != null);
            assertThat(root.getParentSpanContext().isValid()).as("a root span").isFalse();

            String key = "NL*" + cpo + "*CDR-T";
            String eventId = cdr(kafka, cpo, emsp, "CDR-T", "00-" + traceId + "-" + parentSpanId + "-01");

            SpanData cdrSpan = await("the CDR event's consumer span").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> finished(eventId), span -> span != null);
            ConsumerRecord<String, String> rated = kafka.awaitRecord("rating.cdr-rated.v1",
                    r -> key.equals(r.key()), WAIT);
            String traceparent = KafkaTestClient.header(rated, "traceparent");
            assertThat(cdrSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(cdrSpan.getName()).isEqualTo("process ocpi.cdr.v1");
            assertThat(cdrSpan.getTraceId()).as("the CDR's trace goes on").isEqualTo(traceId);
            assertThat(cdrSpan.getParentSpanId()).as("a child of the context the event carried").isEqualTo(parentSpanId);
            assertThat(cdrSpan.getParentSpanContext().isRemote()).isTrue();
            assertThat(cdrSpan.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                    .isEqualTo("ocpi.cdr.v1");
            assertThat(cdrSpan.getAttributes().get(AttributeKey.stringKey(EventSpans.EVENT_TYPE)))
                    .isEqualTo("ocpi.cdr.received.v1");
            assertThat(cdrSpan.getAttributes().get(AttributeKey.stringKey(EventSpans.EVENT_SUBJECT))).isEqualTo("CDR-T");

            assertThat(traceparent).as("written in the CDR's consumer span")
                    .isEqualTo("00-" + traceId + "-" + cdrSpan.getSpanId() + "-01");
        }
    }

    /** @return the event id */
    private static String cdr(KafkaTestClient kafka, String cpo, String emsp, String id, String traceparent) {
        return produce(kafka, "ocpi.cdr.v1", "NL*" + cpo + "*" + id, "ocpi.cdr.received.v1", id, traceparent,
                objectEvent(cpo, "cdrs", id, """
                        {"country_code": "NL", "party_id": "%s", "id": "%s",
                         "start_date_time": "2026-03-01T10:00:00Z", "end_date_time": "2026-03-01T11:00:00Z",
                         "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "TOK1", "type": "RFID",
                           "contract_id": "C1"},
                         "auth_method": "AUTH_REQUEST",
                         "cdr_location": {"id": "LOC1", "address": "Straat 1", "city": "Utrecht", "country": "NLD",
                           "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "E1",
                           "evse_id": "NL*X*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                           "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                         "currency": "EUR",
                         "charging_periods": [{"start_date_time": "2026-03-01T10:00:00Z",
                           "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                         "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0,
                         "total_time": 1.0, "last_updated": "2026-03-01T11:05:00Z"}""".formatted(cpo, id, emsp),
                        "POST", "{\"country_code\": \"DE\", \"party_id\": \"" + emsp + "\"}"));
    }

    private SpanData finished(String eventId) {
        List<SpanData> all = spans.getFinishedSpanItems();
        return all.stream().filter(span -> eventId.equals(span.getAttributes()
                .get(AttributeKey.stringKey("messaging.message.id")))).findFirst().orElse(null);
    }

    private static String produce(KafkaTestClient kafka, String topic, String key, String type, String subject,
                                  String traceparent, String value) {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(Map.of("ce_id", id, "ce_type", type,
                "ce_source", "/chargeclear/test", "ce_specversion", "1.0"));
        if (subject != null) {
            headers.put("ce_subject", subject);
        }
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        kafka.produce(topic, key, headers, value);
        return id;
    }

    private static String objectEvent(String cpo, String module, String id, String object, String operation,
                                      String recipient) {
        return """
                {"module": "%s", "owner": {"country_code": "NL", "party_id": "%s"}, "object_id": "%s",
                 "token_type": null, "operation": "%s", "object": %s, "recipient": %s, "sender_platform": "p-%s",
                 "last_updated": "2026-01-01T00:00:00Z", "received_at": "2026-01-01T00:00:00Z"}"""
                .formatted(module, cpo, id, operation, object, recipient == null ? "null" : recipient, cpo);
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return buffer.array();
    }
}
