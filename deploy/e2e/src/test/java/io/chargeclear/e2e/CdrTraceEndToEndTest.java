package io.chargeclear.e2e;

import io.chargeclear.e2e.TraceReceiver.ReceivedSpan;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One CDR, one trace (docs/adr/0035-traces-through-the-outbox.md): a CPO posts a CDR to the gateway of the running
 * hub, whose services export their spans to the run's OTLP receiver; once settlement has booked it, one trace holds
 * the gateway's server span of the POST, cdr-rating's consumer span of the CDR event and settlement's consumer span
 * of the rating event, each below the one before, across three processes, two outbox relays and two Kafka topics.
 * Its own parties (NL TRC, DE TRE). It runs after the flows and before the console's and the attack suite's classes,
 * which read the flows' parties only.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS - 3)
class CdrTraceEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RunningHub hub;
    private static OcpiPartner cpo;
    private static OcpiPartner emsp;

    @BeforeAll
    static void connectPartners(RunningHub running) {
        hub = running;
        cpo = connect(OcpiPartner.cpo("NL", "TRC", "trc-token-b"));
        emsp = connect(OcpiPartner.emsp("DE", "TRE", "tre-token-b"));
        String agreement = registryAdmin().body("""
                {"cpo": {"country_code": "NL", "party_id": "TRC"}, "emsp": {"country_code": "DE", "party_id": "TRE"},
                 "valid_from": "2025-01-01T00:00:00Z", "hub_fee": {"percent": "2.5"}}""")
                .post("/admin/agreements").then().statusCode(201).extract().path("id");
        await("the agreement reaches the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                gatewayAdmin().get("/admin/routing/agreements").then().statusCode(200).extract()
                        .<List<String>>path("agreements.id").contains(agreement));
    }

    @AfterAll
    static void stopPartners() {
        for (OcpiPartner partner : new OcpiPartner[] {cpo, emsp}) {
            if (partner != null) {
                partner.close();
            }
        }
    }

    @Test
    void aCdrFromThePartnersRequestToItsBookingIsOneTrace() {
        assertThat(cpo.call("PUT", "locations", "RECEIVER", "NL/TRC/TRC-LOC", location(), Target.hub()).statusCode())
                .isEqualTo(1000);
        assertThat(cpo.call("PUT", "tariffs", "RECEIVER", "NL/TRC/TRC-TAR", tariff(), Target.hub()).statusCode())
                .isEqualTo(1000);
        // a first CDR rated proves the location, tariff and agreement are in rating: the traced CDR is then rated at
        // once, in its own event's span, not later by a retry that no trace started
        post("TRC-CDR-0");
        // as long as the other e2e waits for a consumer's first record on a loaded machine
        await("the first CDR rated").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    var answer = ratingAdmin().get("/admin/rating/cdrs/NL/TRC/TRC-CDR-0");
                    assertThat(answer.statusCode() == 200 ? answer.jsonPath().getString("status") : null)
                            .as("cdr-rating's answer: %d %s", answer.statusCode(), answer.asString())
                            .isEqualTo("RATED");
                });

        post("TRC-CDR-1");
        await("the CDR booked in the ledger").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() ->
                settlementAdmin().get("/admin/settlement/journal/NL/TRC/TRC-CDR-1").then().extract()
                        .<List<Object>>path("$").size() == 1);

        ReceivedSpan settled = await("settlement's span of the CDR's rating").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> span("settlement", "process rating.cdr-rated.v1",
                        "TRC-CDR-1"), Optional::isPresent).orElseThrow();
        String traceId = settled.traceId();
        Map<String, ReceivedSpan> trace = await("the trace's spans").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> trace(traceId), spans -> spans.values().stream().anyMatch(s -> "SPAN_KIND_SERVER"
                        .equals(s.kind()) && "ocpi-gateway".equals(s.service())));

        ReceivedSpan rated = trace.get(settled.parentSpanId());
        assertThat(rated).as("settlement's span is a child of rating's, in trace %s", traceId).isNotNull();
        assertThat(rated.service()).isEqualTo("cdr-rating");
        assertThat(rated.name()).isEqualTo("process ocpi.cdr.v1");
        assertThat(rated.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(rated.attribute("chargeclear.event.type")).isEqualTo("ocpi.cdr.received.v1");
        assertThat(rated.attribute("messaging.destination.name")).isEqualTo("ocpi.cdr.v1");
        assertThat(settled.attribute("chargeclear.event.type")).isEqualTo("rating.cdr-rated.v1");
        assertThat(settled.kind()).isEqualTo("SPAN_KIND_CONSUMER");

        // rating's span is a child of the gateway's work on the CPO's POST: its server span, or a span below it
        ReceivedSpan writer = trace.get(rated.parentSpanId());
        assertThat(writer).as("rating's parent, in trace %s: %s", traceId, trace.values()).isNotNull();
        assertThat(writer.service()).isEqualTo("ocpi-gateway");
        ReceivedSpan server = writer;
        while (!"SPAN_KIND_SERVER".equals(server.kind())) {
            server = trace.get(server.parentSpanId());
            assertThat(server).as("the gateway span above %s", writer).isNotNull();
        }
        assertThat(server.service()).isEqualTo("ocpi-gateway");
        assertThat(server.parentSpanId()).as("the POST starts the trace").isEmpty();
        assertThat(server.attribute("http.request.method")).isEqualTo("POST");
        assertThat(server.attribute("url.path")).as("the server span %s", server).contains("/cdrs");
        assertThat(trace.values()).extracting(ReceivedSpan::service)
                .contains("ocpi-gateway", "cdr-rating", "settlement");
    }

    /** The consumer span of {@code service} named {@code name} for the event about {@code subject}. */
    private static Optional<ReceivedSpan> span(String service, String name, String subject) {
        return hub.traces().spans().stream().filter(s -> service.equals(s.service()) && name.equals(s.name())
                && subject.equals(s.attribute("chargeclear.event.subject"))).findFirst();
    }

    private static Map<String, ReceivedSpan> trace(String traceId) {
        return hub.traces().spans().stream().filter(s -> traceId.equals(s.traceId()))
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
    }

    private static void post(String id) {
        Answer answer = cpo.call("POST", "cdrs", "RECEIVER", "", cdr(id), Target.none());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(1000);
    }

    private static OcpiPartner connect(OcpiPartner partner) {
        return HubPartners.connect(hub, partner);
    }

    private static RequestSpecification registryAdmin() {
        return HubPartners.admin(hub, "party-registry");
    }

    private static RequestSpecification gatewayAdmin() {
        return HubPartners.admin(hub, "ocpi-gateway");
    }

    private static RequestSpecification ratingAdmin() {
        return HubPartners.admin(hub, "cdr-rating");
    }

    private static RequestSpecification settlementAdmin() {
        return HubPartners.admin(hub, "settlement");
    }

    private static String location() {
        return """
                {"country_code": "NL", "party_id": "TRC", "id": "TRC-LOC", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "NL*TRC*E1", "status": "AVAILABLE",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                     "max_voltage": 230, "max_amperage": 32, "tariff_ids": ["TRC-TAR"],
                     "last_updated": "2026-01-01T10:00:00Z"}],
                   "last_updated": "2026-01-01T10:00:00Z"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}""";
    }

    private static String tariff() {
        return """
                {"country_code": "NL", "party_id": "TRC", "id": "TRC-TAR", "currency": "EUR",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "2026-01-01T10:00:00Z"}""";
    }

    private static String cdr(String id) {
        return """
                {"country_code": "NL", "party_id": "TRC", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                 "end_date_time": "2026-01-01T11:00:00Z", "session_id": "SES-%s",
                 "cdr_token": {"country_code": "DE", "party_id": "TRE", "uid": "TOK-TRACE", "type": "RFID",
                   "contract_id": "DE-TRE-C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "TRC-LOC", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                   "evse_id": "NL*TRC*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "2026-01-01T11:05:00Z"}""".formatted(id, id);
    }
}
