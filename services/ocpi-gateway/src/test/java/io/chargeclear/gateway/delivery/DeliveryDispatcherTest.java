package io.chargeclear.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.gateway.delivery.DeliveryDispatcher.Kind;
import io.chargeclear.gateway.delivery.DeliveryDispatcher.Outcome;
import io.chargeclear.gateway.partner.PartnerAnswer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryDispatcherTest {

    @Nested
    class Classify {

        @Test
        void http200WithOcpi1000IsDelivered() {
            Outcome outcome = classify(200, envelope(1000, "Success"));

            assertThat(outcome.kind()).isEqualTo(Kind.DELIVERED);
            assertThat(outcome.detail()).isNull();
        }

        @ParameterizedTest(name = "HTTP {0}, OCPI {1}")
        @CsvSource({"200, 1000", "201, 1000", "204, 1000", "200, 1999"})
        void anyHttp2xxWithAnOcpi1xxxIsDelivered(int http, int status) {
            assertThat(classify(http, envelope(status, "")).kind()).isEqualTo(Kind.DELIVERED);
        }

        @Test
        void http200WithOcpi2001IsRefused() {
            Outcome outcome = classify(200, envelope(2001, "field 'city' must not be null"));

            assertThat(outcome.kind()).isEqualTo(Kind.REFUSED);
            assertThat(outcome.detail()).isEqualTo("HTTP 200, OCPI 2001 field 'city' must not be null");
        }

        @ParameterizedTest(name = "OCPI {0}")
        @ValueSource(ints = {2000, 2002, 2003, 2004, 2999})
        void http200WithAnyOcpi2xxxIsRefused(int status) {
            assertThat(classify(200, envelope(status, "no")).kind()).isEqualTo(Kind.REFUSED);
        }

        @Test
        void http404WithoutEnvelopeIsRefused() {
            Outcome outcome = classify(404, "<html>Not Found</html>");

            assertThat(outcome.kind()).isEqualTo(Kind.REFUSED);
            assertThat(outcome.detail()).isEqualTo("HTTP 404 without an OCPI envelope");
        }

        @Test
        void http400WithOcpi2001IsRefused() {
            Outcome outcome = classify(400, envelope(2001, "bad"));

            assertThat(outcome.kind()).isEqualTo(Kind.REFUSED);
            assertThat(outcome.detail()).isEqualTo("HTTP 400, OCPI 2001 bad");
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 404, 405, 409, 410, 415, 422})
        void otherHttp4xxWithoutEnvelopeAreRefused(int http) {
            assertThat(classify(http, "").kind()).isEqualTo(Kind.REFUSED);
        }

        @Test
        void http503WithoutBodyIsRetriedAsAReceiverThatIsDown() {
            Outcome outcome = classify(503, null);

            assertThat(outcome.kind()).isEqualTo(Kind.DOWN);
            assertThat(outcome.detail()).isEqualTo("HTTP 503 without an OCPI envelope");
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {500, 501, 504, 505, 599})
        void http5xxIsRetriedAndCountedEvenWithAClientErrorEnvelope(int http) {
            assertThat(classify(http, "").kind()).isEqualTo(Kind.RETRY);
            assertThat(classify(http, envelope(2001, "x")).kind()).isEqualTo(Kind.RETRY);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {502, 503})
        void http502And503AreRetriedWithoutCountingLikeAReceiverThatIsDown(int http) {
            assertThat(classify(http, "").kind()).isEqualTo(Kind.DOWN);
            assertThat(classify(http, envelope(2001, "x")).kind()).isEqualTo(Kind.DOWN);
        }

        @Test
        void http401And403AreRefused() {
            assertThat(classify(401, envelope(2000, "Unauthorized")).kind()).isEqualTo(Kind.REFUSED);
            assertThat(classify(401, "").kind()).isEqualTo(Kind.REFUSED);
            assertThat(classify(403, "").detail()).isEqualTo("HTTP 403 without an OCPI envelope");
            assertThat(classify(403, "").kind()).isEqualTo(Kind.REFUSED);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {408, 429})
        void http408And429AreRetried(int http) {
            assertThat(classify(http, "").kind()).isEqualTo(Kind.RETRY);
            assertThat(classify(http, envelope(2001, "x")).kind()).isEqualTo(Kind.RETRY);
        }

        @Test
        void http200WithOcpi3001IsRetried() {
            Outcome outcome = classify(200, envelope(3001, "cannot reach your versions"));

            assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
            assertThat(outcome.detail()).isEqualTo("HTTP 200, OCPI 3001 cannot reach your versions");
        }

        @Test
        void http200WithOcpi4003IsRetried() {
            assertThat(classify(200, envelope(4003, "receiver not connected")).kind()).isEqualTo(Kind.RETRY);
        }

        @Test
        void http4xxIsRefusedWhateverTheEnvelopeSays() {
            assertThat(classify(400, envelope(3000, "")).kind()).isEqualTo(Kind.REFUSED);
            assertThat(classify(404, envelope(4001, "unknown receiver")).kind()).isEqualTo(Kind.REFUSED);
            assertThat(classify(400, envelope(1000, "")).kind()).isEqualTo(Kind.REFUSED);
        }

        @Test
        void http200WithNonJsonBodyIsRetried() {
            Outcome outcome = classify(200, "OK");

            assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
            assertThat(outcome.detail()).isEqualTo("HTTP 200 without an OCPI envelope");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"", "{}", "[]", "{\"status_code\": \"1000\"}", "{\"data\": {}}", "{\"status_code\": 1000"})
        void http200WithoutAUsableEnvelopeIsRetried(String body) {
            assertThat(classify(200, body).kind()).isEqualTo(Kind.RETRY);
        }

        @Test
        void http2xxWithAnUnassignedOcpiStatusIsRetried() {
            assertThat(classify(200, envelope(5000, "")).kind()).isEqualTo(Kind.RETRY);
            assertThat(classify(200, envelope(999, "")).kind()).isEqualTo(Kind.RETRY);
        }

        @Test
        void http3xxWithOcpi1000IsNotDelivered() {
            assertThat(classify(302, envelope(1000, "")).kind()).isEqualTo(Kind.RETRY);
        }

        @Test
        void detailWithoutStatusMessageEndsWithTheCode() {
            assertThat(classify(200, "{\"status_code\": 2001}").detail()).isEqualTo("HTTP 200, OCPI 2001 ");
        }

        private Outcome classify(int http, String body) {
            return DeliveryDispatcher.classify(new PartnerAnswer(http, Map.of(), body));
        }

        private String envelope(int status, String message) {
            return "{\"status_code\": " + status + ", \"status_message\": \"" + message
                    + "\", \"timestamp\": \"2026-01-01T00:00:00Z\"}";
        }
    }

    @Nested
    class Backoff {

        private final Duration min = Duration.ofSeconds(5);
        private final Duration max = Duration.ofMinutes(10);

        @Test
        void firstFailureWaitsTheMinimum() {
            assertThat(DeliveryDispatcher.backoff(1, min, max)).isEqualTo(min);
        }

        @Test
        void secondFailureWaitsTwiceTheMinimum() {
            assertThat(DeliveryDispatcher.backoff(2, min, max)).isEqualTo(min.multipliedBy(2));
        }

        @Test
        void delayDoublesWithEachFailureUntilTheMaximum() {
            assertThat(DeliveryDispatcher.backoff(3, min, max)).isEqualTo(Duration.ofSeconds(20));
            assertThat(DeliveryDispatcher.backoff(7, min, max)).isEqualTo(Duration.ofSeconds(320));
            assertThat(DeliveryDispatcher.backoff(8, min, max)).isEqualTo(max);
            assertThat(DeliveryDispatcher.backoff(30, min, max)).isEqualTo(max);
        }

        @Test
        void delayNeverShrinksAsFailuresGrow() {
            Duration previous = Duration.ZERO;
            for (int failures = 1; failures <= 100; failures++) {
                Duration delay = DeliveryDispatcher.backoff(failures, min, max);
                assertThat(delay).as("after %d failures", failures).isGreaterThanOrEqualTo(previous)
                        .isBetween(min, max);
                previous = delay;
            }
        }

        @ParameterizedTest(name = "{0} failures")
        @ValueSource(ints = {31, 32, 63, 64, 65, 1000, Integer.MAX_VALUE})
        void manyFailuresWaitTheMaximumWithoutOverflow(int failures) {
            assertThat(DeliveryDispatcher.backoff(failures, min, max)).isEqualTo(max);
            assertThat(DeliveryDispatcher.backoff(failures, Duration.ofMillis(1), max)).isEqualTo(max);
            assertThat(DeliveryDispatcher.backoff(failures, Duration.ofDays(1), Duration.ofDays(7)))
                    .isEqualTo(Duration.ofDays(7));
        }

        @ParameterizedTest(name = "{0} failures")
        @ValueSource(ints = {0, -1})
        void noOrNegativeFailuresWaitTheMinimum(int failures) {
            assertThat(DeliveryDispatcher.backoff(failures, min, max)).isEqualTo(min);
        }

        @Test
        void minimumAboveMaximumIsCappedAtTheMaximum() {
            assertThat(DeliveryDispatcher.backoff(1, Duration.ofMinutes(20), max)).isEqualTo(max);
        }
    }
}
