package io.chargeclear.gateway.metrics;

import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.OcpiStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The request counter's tags stay few: known modules, defined status codes, whatever a path or body says. */
class OcpiRequestMetricsTest {

    @Test
    void aPathGivesItsModuleAndRoleAndAnythingElseIsOtherOrNone() {
        assertThat(OcpiRequestMetrics.route("/ocpi/versions")).containsExactly("versions", "none");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.2.1")).containsExactly("versions", "none");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.3.0/credentials")).containsExactly("credentials", "none");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.2.1/sender/tokens/TOK-1/authorize"))
                .containsExactly("tokens", "sender");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.2.1/receiver/cdrs")).containsExactly("cdrs", "receiver");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.2.1/receiver/made-up-42/x")).containsExactly("other", "receiver");
        assertThat(OcpiRequestMetrics.route("/ocpi/2.2.1/anything")).containsExactly("other", "none");
        assertThat(OcpiRequestMetrics.route("/ocpi")).containsExactly("versions", "none");
    }

    @Test
    void theStatusCodeIsTheEnvelopesOwnOrItsClassOrNone() {
        assertThat(OcpiRequestMetrics.statusCode(OcpiResponse.of(OcpiStatus.UNKNOWN_TOKEN, "no", Instant.now())))
                .isEqualTo("2004");
        assertThat(OcpiRequestMetrics.statusCode("{\"data\": {}, \"status_code\": 1000, \"timestamp\": \"x\"}"))
                .isEqualTo("1000");
        assertThat(OcpiRequestMetrics.statusCode("{\"status_code\":3001}")).isEqualTo("3001");
        assertThat(OcpiRequestMetrics.statusCode("{\"status_code\": 2917}")).as("not defined: its class")
                .isEqualTo("2xxx");
        assertThat(OcpiRequestMetrics.statusCode("{\"status_code\": 12345}")).isEqualTo("none");
        assertThat(OcpiRequestMetrics.statusCode("{\"status_code\": \"1000\"}")).isEqualTo("none");
        assertThat(OcpiRequestMetrics.statusCode("<html>a proxy</html>")).isEqualTo("none");
        assertThat(OcpiRequestMetrics.statusCode(null)).isEqualTo("none");
        assertThat(OcpiRequestMetrics.bounded(999)).isEqualTo("none");
    }
}
