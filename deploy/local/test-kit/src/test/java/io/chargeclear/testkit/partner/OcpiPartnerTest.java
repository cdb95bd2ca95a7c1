package io.chargeclear.testkit.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chargeclear.model.ocpi.credentials.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The partner platform on its own: what it serves, how it answers, and its client side against a minimal hub. */
class OcpiPartnerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LOCATION = "{\"country_code\":\"NL\",\"party_id\":\"CP1\",\"id\":\"LOC1\","
            + "\"evses\":[{\"uid\":\"EVSE1\",\"status\":\"AVAILABLE\","
            + "\"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2\"}]}]}";

    private OcpiPartner cpo;
    private OcpiPartner emsp;

    @BeforeEach
    void start() {
        cpo = OcpiPartner.cpo("NL", "CP1", "cpo-token-b").start();
        emsp = OcpiPartner.emsp("DE", "EMS", "emsp-token-b").start();
    }

    @AfterEach
    void stop() {
        cpo.close();
        emsp.close();
    }

    @Test
    void versionsAndDetailsAnswerOnlyToTokenB() throws Exception {
        HttpResponse<String> versions = send("GET", cpo.versionsUrl(), "cpo-token-b", null,
                Map.of("X-Request-ID", "req-1", "X-Correlation-ID", "corr-1"));
        assertThat(versions.statusCode()).isEqualTo(200);
        JsonNode envelope = json(versions);
        assertThat(envelope.path("status_code").intValue()).isEqualTo(1000);
        assertThat(envelope.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(envelope.path("data").get(0).path("version").asText()).isEqualTo("2.2.1");
        assertThat(envelope.path("data").get(0).path("url").asText()).isEqualTo(cpo.baseUrl() + "/ocpi/2.2.1");
        assertThat(versions.headers().firstValue("X-Request-ID")).hasValue("req-1");
        assertThat(versions.headers().firstValue("X-Correlation-ID")).hasValue("corr-1");

        HttpResponse<String> details = send("GET", cpo.baseUrl() + "/ocpi/2.2.1", "cpo-token-b", null, Map.of());
        assertThat(json(details).path("data").path("version").asText()).isEqualTo("2.2.1");

        for (String url : List.of(cpo.versionsUrl(), cpo.baseUrl() + "/ocpi/2.2.1")) {
            HttpResponse<String> anonymous = send("GET", url, null, null, Map.of());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(json(anonymous).path("status_code").intValue()).isEqualTo(2000);
            HttpResponse<String> wrongToken = send("GET", url, "emsp-token-b", null, Map.of());
            assertThat(wrongToken.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> plainToken = send("GET", cpo.versionsUrl(), null, null,
                Map.of("Authorization", "Token cpo-token-b"));
        assertThat(plainToken.statusCode()).as("the token must be Base64-encoded").isEqualTo(401);
    }

    @Test
    void detailsListTheEndpointsOfTheRole() throws Exception {
        assertThat(cpo.role()).isEqualTo(Role.CPO);
        assertThat(endpoints(cpo)).containsExactlyInAnyOrder(
                "credentials/SENDER", "locations/SENDER", "tariffs/SENDER", "sessions/SENDER", "cdrs/SENDER",
                "tokens/RECEIVER", "commands/RECEIVER", "chargingprofiles/RECEIVER", "hubclientinfo/RECEIVER");
        assertThat(emsp.role()).isEqualTo(Role.EMSP);
        assertThat(endpoints(emsp)).containsExactlyInAnyOrder(
                "credentials/SENDER", "locations/RECEIVER", "tariffs/RECEIVER", "sessions/RECEIVER",
                "cdrs/RECEIVER", "tokens/SENDER", "commands/SENDER", "chargingprofiles/SENDER",
                "hubclientinfo/RECEIVER");

        JsonNode details = json(send("GET", emsp.baseUrl() + "/ocpi/2.2.1", "emsp-token-b", null, Map.of()));
        List<String> urls = new ArrayList<>();
        details.path("data").path("endpoints").forEach(endpoint -> urls.add(endpoint.path("url").asText()));
        assertThat(urls).doesNotHaveDuplicates().allMatch(url -> url.startsWith(emsp.baseUrl() + "/ocpi/2.2.1/"));
        assertThat(emsp.endpointUrl("sessions")).isEqualTo(emsp.baseUrl() + "/ocpi/2.2.1/sessions/receiver");

        HttpResponse<String> credentials = send("GET", emsp.endpointUrl("credentials"), "emsp-token-b", null,
                Map.of());
        JsonNode data = json(credentials).path("data");
        assertThat(data.path("token").asText()).isEqualTo("emsp-token-b");
        assertThat(data.path("url").asText()).isEqualTo(emsp.versionsUrl());
        assertThat(data.path("roles").get(0).path("role").asText()).isEqualTo("EMSP");
        assertThat(data.path("roles").get(0).path("party_id").asText()).isEqualTo("EMS");
    }

    @Test
    void receiverKeepsPutsMergesPatchesAndForgetsDeletes() throws Exception {
        String url = emsp.endpointUrl("locations") + "/NL/CP1/LOC1";
        HttpResponse<String> put = send("PUT", url, "emsp-token-b", LOCATION, Map.of(
                "OCPI-from-country-code", "NL", "OCPI-from-party-id", "CCH",
                "OCPI-to-country-code", "DE", "OCPI-to-party-id", "EMS"));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).path("status_code").intValue()).isEqualTo(1000);
        assertThat(json(put).has("data")).isFalse();
        assertThat(put.headers().firstValue("OCPI-from-party-id")).hasValue("EMS");
        assertThat(put.headers().firstValue("OCPI-to-party-id")).hasValue("CCH");

        JsonNode got = json(send("GET", url, "emsp-token-b", null, Map.of())).path("data");
        assertThat(got.path("id").asText()).isEqualTo("LOC1");

        send("PATCH", url, "emsp-token-b", "{\"publish\":false,\"last_updated\":\"2026-11-24T10:05:00Z\"}", Map.of());
        JsonNode patched = emsp.stored("locations", "/NL/CP1/LOC1").orElseThrow();
        assertThat(patched.path("publish").booleanValue()).isFalse();
        assertThat(patched.path("evses").get(0).path("uid").asText()).as("untouched fields stay").isEqualTo("EVSE1");

        assertThat(json(send("DELETE", url, "emsp-token-b", null, Map.of())).path("status_code").intValue())
                .isEqualTo(1000);
        HttpResponse<String> gone = send("GET", url, "emsp-token-b", null, Map.of());
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(json(gone).path("status_code").intValue()).isEqualTo(2001);

        Received received = emsp.awaitReceived("PUT", "/locations/receiver/NL/CP1/LOC1", Duration.ofSeconds(1));
        assertThat(received.json().path("id").asText()).isEqualTo("LOC1");
        assertThat(received.header("OCPI-TO-PARTY-ID")).isEqualTo("EMS");
        assertThat(emsp.received("PATCH", "/locations/receiver")).hasSize(1);
    }

    @Test
    void cdrPostAnswersItsLocation() throws Exception {
        HttpResponse<String> post = send("POST", emsp.endpointUrl("cdrs"), "emsp-token-b",
                "{\"country_code\":\"NL\",\"party_id\":\"CP1\",\"id\":\"CDR-1\",\"total_energy\":12.5}", Map.of());
        assertThat(json(post).path("status_code").intValue()).isEqualTo(1000);
        String location = post.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(emsp.baseUrl() + "/ocpi/2.2.1/cdrs/receiver/CDR-1");

        JsonNode cdr = json(send("GET", location, "emsp-token-b", null, Map.of())).path("data");
        assertThat(cdr.path("id").asText()).isEqualTo("CDR-1");
        assertThat(cdr.path("total_energy").decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void senderAnswersFromWhatThePlatformHolds() throws Exception {
        cpo.holds("locations", "LOC1", LOCATION)
                .holds("locations", "LOC2", Map.of("id", "LOC2", "country_code", "NL", "party_id", "CP1"));

        HttpResponse<String> list = send("GET", cpo.endpointUrl("locations") + "?offset=0&limit=10", "cpo-token-b",
                null, Map.of());
        JsonNode data = json(list).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).path("id").asText()).isEqualTo("LOC2");
        assertThat(list.headers().firstValue("X-Total-Count")).hasValue("2");

        JsonNode evse = json(send("GET", cpo.endpointUrl("locations") + "/LOC1/EVSE1", "cpo-token-b", null,
                Map.of())).path("data");
        assertThat(evse.path("status").asText()).isEqualTo("AVAILABLE");
        JsonNode connector = json(send("GET", cpo.endpointUrl("locations") + "/LOC1/EVSE1/1", "cpo-token-b", null,
                Map.of())).path("data");
        assertThat(connector.path("standard").asText()).isEqualTo("IEC_62196_T2");
        assertThat(json(send("GET", cpo.endpointUrl("locations") + "/LOC9", "cpo-token-b", null, Map.of()))
                .path("status_code").intValue()).isEqualTo(2001);
        assertThat(json(send("GET", cpo.endpointUrl("tariffs"), "cpo-token-b", null, Map.of())).path("data"))
                .isEmpty();
    }

    @Test
    void authorizationFollowsTheTable() throws Exception {
        emsp.authorizes("CARD1", "ALLOWED").authorizes("CARD2", "BLOCKED");
        String tokens = emsp.endpointUrl("tokens");

        HttpResponse<String> allowed = send("POST", tokens + "/CARD1/authorize?type=RFID", "emsp-token-b", null,
                Map.of());
        JsonNode data = json(allowed).path("data");
        assertThat(json(allowed).path("status_code").intValue()).isEqualTo(1000);
        assertThat(data.path("allowed").asText()).isEqualTo("ALLOWED");
        assertThat(data.path("token").path("uid").asText()).isEqualTo("CARD1");
        assertThat(data.path("token").path("country_code").asText()).isEqualTo("DE");
        assertThat(data.path("token").path("party_id").asText()).isEqualTo("EMS");
        assertThat(data.path("token").path("type").asText()).isEqualTo("RFID");
        assertThat(data.path("token").path("valid").booleanValue()).isTrue();
        assertThat(data.path("token").path("whitelist").asText()).isEqualTo("ALLOWED");
        assertThat(data.path("token").path("contract_id").asText()).isNotEmpty();
        assertThat(data.path("authorization_reference").asText()).hasSize(8);

        emsp.holds("tokens", "CARD2", Map.of("uid", "CARD2", "contract_id", "DE-EMS-C00042", "type", "RFID"));
        JsonNode blocked = json(send("POST", tokens + "/CARD2/authorize", "emsp-token-b", null, Map.of()))
                .path("data");
        assertThat(blocked.path("allowed").asText()).isEqualTo("BLOCKED");
        assertThat(blocked.path("token").path("contract_id").asText()).isEqualTo("DE-EMS-C00042");

        HttpResponse<String> unknown = send("POST", tokens + "/NOBODY/authorize", "emsp-token-b", null, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("status_code").intValue()).isEqualTo(2004);
        assertThat(json(unknown).has("data")).isFalse();

        emsp.authorizationDelay(Duration.ofMillis(600));
        long started = System.nanoTime();
        send("POST", tokens + "/CARD1/authorize", "emsp-token-b", null, Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void eachRequestIsRecordedWithWhatThePlatformAnswered() throws Exception {
        String locations = emsp.endpointUrl("locations");
        send("PUT", locations + "/NL/CP1/LOC1", "emsp-token-b", LOCATION, Map.of());
        send("PUT", locations + "/NL/CP1/LOC2", "emsp-token-b", "[]", Map.of());
        send("POST", emsp.endpointUrl("tokens") + "/NOBODY/authorize", "emsp-token-b", null, Map.of());
        send("PUT", emsp.baseUrl() + "/ocpi/2.3.0/locations/receiver/NL/CP1/LOC1", "emsp-token-b", LOCATION,
                Map.of());
        emsp.online(false);
        send("PUT", locations + "/NL/CP1/LOC1", "emsp-token-b", LOCATION, Map.of());

        assertThat(emsp.received()).extracting(Received::answer).extracting(Object::toString).containsExactly(
                "1000",
                "200 / 2001 the body is not a JSON object",
                "404 / 2004 unknown token NOBODY",
                "404 / 2000 no endpoint at /ocpi/2.3.0/locations/receiver/NL/CP1/LOC1",
                "503 (offline)");
        assertThat(emsp.received()).extracting(request -> request.answer().accepted())
                .containsExactly(true, false, false, false, false);
        assertThatThrownBy(() -> emsp.awaitReceived("DELETE", "/locations", Duration.ofMillis(100)))
                .hasMessageContaining("PUT /ocpi/2.2.1/locations/receiver/NL/CP1/LOC2 (answered 200 / 2001 the body");
    }

    @Test
    void offlinePlatformAnswers503AndRecordsTheRequest() throws Exception {
        emsp.online(false);
        HttpResponse<String> down = send("GET", emsp.versionsUrl(), "emsp-token-b", null, Map.of());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEmpty();
        assertThat(emsp.received()).singleElement().satisfies(request -> {
            assertThat(request.online()).isFalse();
            assertThat(request.path()).isEqualTo("/ocpi/versions");
        });
        assertThat(emsp.received("GET", "/ocpi/versions")).isEmpty();
        assertThatThrownBy(() -> emsp.awaitReceived("GET", "/ocpi/versions", Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /ocpi/versions (offline)");

        emsp.online(true);
        assertThat(send("GET", emsp.versionsUrl(), "emsp-token-b", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(emsp.received("GET", "/ocpi/versions")).hasSize(1);
        emsp.clearReceived();
        assertThat(emsp.received()).isEmpty();
    }

    @Test
    void joinPutsExactlyOneSlashBeforeAPathSegment() {
        assertThat(OcpiPartner.join("http://h/l", "/NL/CP1")).isEqualTo("http://h/l/NL/CP1");
        assertThat(OcpiPartner.join("http://h/l/", "/NL/CP1")).isEqualTo("http://h/l/NL/CP1");
        assertThat(OcpiPartner.join("http://h/l/", "NL/CP1")).isEqualTo("http://h/l/NL/CP1");
        assertThat(OcpiPartner.join("http://h/l", "?offset=0")).isEqualTo("http://h/l?offset=0");
        assertThat(OcpiPartner.join("http://h/l", "")).isEqualTo("http://h/l");
    }

    @Test
    void connectsToAHubAndCallsItsEndpointsByModuleAndRole() throws Exception {
        try (MinimalHub hub = new MinimalHub()) {
            cpo.connect(hub.versionsUrl(), "token-a");

            assertThat(cpo.tokenC()).isEqualTo("token-c");
            assertThat(cpo.hubCountryCode()).isEqualTo("NL");
            assertThat(cpo.hubPartyId()).isEqualTo("CCH");
            assertThat(hub.registeredWith.path("token").asText()).isEqualTo("cpo-token-b");
            assertThat(hub.registeredWith.path("url").asText()).isEqualTo(cpo.versionsUrl());
            assertThat(hub.registeredWith.path("roles").get(0).path("role").asText()).isEqualTo("CPO");
            assertThat(hub.partnerVersionsHttp).as("the hub could read the partner's versions with token B")
                    .isEqualTo(200);

            Answer pushed = cpo.call("PUT", "locations", "RECEIVER", "/NL/CP1/LOC1", LOCATION, Target.hub());
            assertThat(pushed.statusCode()).isEqualTo(1000);
            assertThat(pushed.header("x-hub")).isEqualTo("minimal");
            MinimalHub.Request put = hub.last();
            assertThat(put.uri).isEqualTo("/hub/2.2.1/locations/receiver/NL/CP1/LOC1");
            assertThat(put.headers.get("authorization")).isEqualTo("Token " + base64("token-c"));
            assertThat(put.headers.get("ocpi-from-party-id")).isEqualTo("CP1");
            assertThat(put.headers.get("ocpi-to-party-id")).isEqualTo("CCH");
            assertThat(put.headers.get("x-request-id")).isNotBlank();
            assertThat(put.headers.get("x-correlation-id")).isNotBlank();
            assertThat(put.body).isEqualTo(LOCATION);
            JsonNode held = json(send("GET", cpo.endpointUrl("locations") + "/LOC1", "cpo-token-b", null, Map.of()));
            assertThat(held.path("data").path("id").asText()).as("a pushed object is held").isEqualTo("LOC1");

            cpo.call("GET", "locations", "SENDER", "?offset=0", null, Target.none());
            MinimalHub.Request list = hub.last();
            assertThat(list.uri).isEqualTo("/hub/2.2.1/locations/sender?offset=0");
            assertThat(list.headers).doesNotContainKey("ocpi-to-party-id");

            cpo.call("GET", "sessions", "SENDER", "/DE/EMS", null, Target.party("DE", "EMS"),
                    new HashMap<>(Map.of("OCPI-from-party-id", "XXX")));
            MinimalHub.Request spoofed = hub.last();
            assertThat(spoofed.uri).isEqualTo("/hub/2.2.1/sessions/sender/DE/EMS");
            assertThat(spoofed.headers.get("ocpi-from-party-id")).isEqualTo("XXX");
            assertThat(spoofed.headers.get("ocpi-to-party-id")).isEqualTo("EMS");

            cpo.get(hub.baseUrl() + "/hub/2.2.1/locations/sender?offset=10");
            assertThat(hub.last().uri).isEqualTo("/hub/2.2.1/locations/sender?offset=10");

            assertThatThrownBy(() -> cpo.call("GET", "tariffs", "SENDER", "", null, Target.hub()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no tariffs SENDER endpoint");
        }
    }

    @Test
    void aPlatformOn230ListsServesAndRegistersOnlyOn230() throws Exception {
        try (OcpiPartner cpo230 = OcpiPartner.cpo("CA", "QC1", "qc1-token-b").onVersion("2.3.0").start();
             MinimalHub hub = new MinimalHub()) {
            assertThat(cpo230.version()).isEqualTo("2.3.0");
            JsonNode versions = json(send("GET", cpo230.versionsUrl(), "qc1-token-b", null, Map.of())).path("data");
            assertThat(versions).hasSize(1);
            assertThat(versions.get(0).path("version").asText()).isEqualTo("2.3.0");
            assertThat(versions.get(0).path("url").asText()).isEqualTo(cpo230.baseUrl() + "/ocpi/2.3.0");
            JsonNode details = json(send("GET", cpo230.baseUrl() + "/ocpi/2.3.0", "qc1-token-b", null, Map.of()));
            assertThat(details.path("data").path("version").asText()).isEqualTo("2.3.0");
            assertThat(endpoints(cpo230)).contains("credentials/SENDER", "tariffs/SENDER", "tokens/RECEIVER");
            assertThat(cpo230.endpointUrl("tariffs")).isEqualTo(cpo230.baseUrl() + "/ocpi/2.3.0/tariffs/sender");
            assertThat(send("GET", cpo230.baseUrl() + "/ocpi/2.2.1", "qc1-token-b", null, Map.of()).statusCode())
                    .as("it does not speak 2.2.1").isEqualTo(404);

            cpo230.connect(hub.versionsUrl(), "token-a");

            assertThat(hub.requests.stream().map(MinimalHub.Request::uri))
                    .containsExactly("/hub/versions", "/hub/2.3.0", "/hub/2.3.0/credentials");
            assertThat(hub.registeredWith.path("url").asText()).isEqualTo(cpo230.versionsUrl());
            assertThat(hub.partnerVersionsHttp).isEqualTo(200);
            assertThat(cpo230.tokenC()).isEqualTo("token-c-230");
            assertThat(cpo230.hubCountryCode()).as("from hub_party_id").isEqualTo("NL");
            assertThat(cpo230.hubPartyId()).isEqualTo("CCH");

            cpo230.call("PUT", "locations", "RECEIVER", "/CA/QC1/LOC1", LOCATION, Target.hub());
            assertThat(hub.last().uri).isEqualTo("/hub/2.3.0/locations/receiver/CA/QC1/LOC1");
            assertThat(hub.last().headers.get("ocpi-to-party-id")).isEqualTo("CCH");
        }
        assertThat(cpo.version()).as("the default").isEqualTo("2.2.1");
        assertThatThrownBy(() -> OcpiPartner.emsp("DE", "EMS", "token").onVersion("2.1.1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cpo.onVersion("2.3.0")).as("a started platform keeps its version")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void commandIsAnsweredAndItsResultPostedToTheResponseUrl() throws Exception {
        try (MinimalHub hub = new MinimalHub()) {
            cpo.connect(hub.versionsUrl(), "token-a");
            cpo.commandResult("EVSE_OCCUPIED").resultDelay(Duration.ofMillis(50));
            String responseUrl = hub.baseUrl() + "/hub/2.2.1/commands/sender/START_SESSION/42";

            HttpResponse<String> command = send("POST", cpo.endpointUrl("commands") + "/START_SESSION", "cpo-token-b",
                    "{\"response_url\":\"" + responseUrl + "\",\"location_id\":\"LOC1\",\"token\":{\"uid\":\"CARD1\"}}",
                    Map.of("X-Correlation-ID", "corr-42", "OCPI-from-country-code", "DE",
                            "OCPI-from-party-id", "EMS"));
            JsonNode data = json(command).path("data");
            assertThat(data.path("result").asText()).isEqualTo("ACCEPTED");
            assertThat(data.path("timeout").intValue()).isEqualTo(30);

            Sent result = cpo.awaitSent("/START_SESSION/42", Duration.ofSeconds(5));
            assertThat(result.http()).isEqualTo(200);
            assertThat(json(result.body()).path("result").asText()).isEqualTo("EVSE_OCCUPIED");
            MinimalHub.Request posted = hub.last();
            assertThat(posted.method).isEqualTo("POST");
            assertThat(posted.headers.get("authorization")).isEqualTo("Token " + base64("token-c"));
            assertThat(posted.headers.get("x-correlation-id")).isEqualTo("corr-42");
            assertThat(posted.headers.get("ocpi-from-party-id")).isEqualTo("CP1");
            assertThat(posted.headers.get("ocpi-to-country-code")).isEqualTo("DE");
            assertThat(posted.headers.get("ocpi-to-party-id")).isEqualTo("EMS");

            String profileResponseUrl = hub.baseUrl() + "/hub/2.2.1/chargingprofiles/sender/results/7";
            HttpResponse<String> clear = send("DELETE", cpo.endpointUrl("chargingprofiles") + "/SES1?response_url="
                    + URLEncoder.encode(profileResponseUrl, StandardCharsets.UTF_8), "cpo-token-b", null,
                    Map.of());
            assertThat(json(clear).path("data").path("result").asText()).isEqualTo("ACCEPTED");
            assertThat(cpo.awaitSent("/results/7", Duration.ofSeconds(5)).http()).isEqualTo(200);
        }
    }

    @Test
    void emspAcceptsCommandResults() throws Exception {
        HttpResponse<String> result = send("POST", emsp.endpointUrl("commands") + "/START_SESSION/42",
                "emsp-token-b", "{\"result\":\"ACCEPTED\"}", Map.of());
        assertThat(json(result).path("status_code").intValue()).isEqualTo(1000);
        assertThat(emsp.awaitReceived("POST", "/commands/sender/START_SESSION/42", Duration.ofSeconds(1)).json()
                .path("result").asText()).isEqualTo("ACCEPTED");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Set<String> endpoints(OcpiPartner partner) throws Exception {
        JsonNode details = json(send("GET", partner.baseUrl() + "/ocpi/" + partner.version(), partner.tokenB(), null,
                Map.of()));
        List<String> endpoints = new ArrayList<>();
        details.path("data").path("endpoints").forEach(endpoint ->
                endpoints.add(endpoint.path("identifier").asText() + "/" + endpoint.path("role").asText()));
        assertThat(endpoints).doesNotHaveDuplicates();
        return Set.copyOf(endpoints);
    }

    private static HttpResponse<String> send(String method, String url, String token, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Token " + base64(token));
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String body) {
        return Json.require(body, "body");
    }

    private static String base64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Just enough of a hub to register with: versions, details listing distinct SENDER and RECEIVER URLs (one with a
     * trailing slash), a credentials endpoint that reads the partner's versions with its token B, and a 1000 answer to
     * everything else. On 2.3.0 its credentials name it by {@code hub_party_id} and list a counterparty, not HUB.
     */
    private static final class MinimalHub implements AutoCloseable {

        record Request(String method, String uri, Map<String, String> headers, String body) {
        }

        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final List<Request> requests = new CopyOnWriteArrayList<>();
        volatile JsonNode registeredWith;
        volatile int partnerVersionsHttp;

        MinimalHub() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String versionsUrl() {
            return baseUrl() + "/hub/versions";
        }

        Request last() {
            return requests.get(requests.size() - 1);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT),
                            entry -> entry.getValue().get(0)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    body);
            requests.add(request);
            String base = baseUrl() + "/hub/2.2.1";
            String data;
            switch (exchange.getRequestURI().getPath()) {
                case "/hub/versions":
                    data = "[{\"version\":\"2.1.1\",\"url\":\"" + baseUrl() + "/hub/2.1.1\"},"
                            + "{\"version\":\"2.2.1\",\"url\":\"" + base + "\"},"
                            + "{\"version\":\"2.3.0\",\"url\":\"" + baseUrl() + "/hub/2.3.0\"}]";
                    break;
                case "/hub/2.3.0":
                    data = "{\"version\":\"2.3.0\",\"endpoints\":["
                            + endpoint("credentials", "RECEIVER", baseUrl() + "/hub/2.3.0/credentials") + ","
                            + endpoint("locations", "RECEIVER", baseUrl() + "/hub/2.3.0/locations/receiver") + "]}";
                    break;
                case "/hub/2.3.0/credentials":
                    register(body);
                    data = "{\"token\":\"token-c-230\",\"url\":\"" + versionsUrl() + "\",\"hub_party_id\":\"NLCCH\","
                            + "\"roles\":[{\"role\":\"EMSP\",\"party_id\":\"EMS\",\"country_code\":\"DE\","
                            + "\"business_details\":{\"name\":\"eMSP\"}}]}";
                    break;
                case "/hub/2.2.1":
                    data = "{\"version\":\"2.2.1\",\"endpoints\":["
                            + endpoint("credentials", "RECEIVER", base + "/credentials") + ","
                            + endpoint("locations", "SENDER", base + "/locations/sender") + ","
                            + endpoint("locations", "RECEIVER", base + "/locations/receiver/") + ","
                            + endpoint("sessions", "SENDER", base + "/sessions/sender") + ","
                            + endpoint("commands", "SENDER", base + "/commands/sender") + "]}";
                    break;
                case "/hub/2.2.1/credentials":
                    register(body);
                    data = "{\"token\":\"token-c\",\"url\":\"" + versionsUrl() + "\",\"roles\":[{\"role\":\"HUB\","
                            + "\"party_id\":\"CCH\",\"country_code\":\"NL\","
                            + "\"business_details\":{\"name\":\"Hub\"}}]}";
                    break;
                default:
                    data = "null";
            }
            byte[] bytes = ("{\"data\":" + data + ",\"status_code\":1000,\"timestamp\":\"2026-11-24T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Hub", "minimal");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        /** Keeps the partner's credentials and reads its versions with its token B, as a hub does. */
        private void register(String body) {
            registeredWith = json(body);
            try {
                partnerVersionsHttp = send("GET", registeredWith.path("url").asText(),
                        registeredWith.path("token").asText(), null, Map.of()).statusCode();
            } catch (Exception e) {
                partnerVersionsHttp = -1;
            }
        }

        private static String endpoint(String identifier, String role, String url) {
            return "{\"identifier\":\"" + identifier + "\",\"role\":\"" + role + "\",\"url\":\"" + url + "\"}";
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
