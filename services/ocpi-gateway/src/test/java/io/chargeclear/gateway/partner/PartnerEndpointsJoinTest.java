package io.chargeclear.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How delivery jobs build a partner URL from its published endpoint and the job's path. */
class PartnerEndpointsJoinTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens/,  NL/TST/012345678,  https://cpo.example.com/ocpi/emsp/2.2.1/tokens/NL/TST/012345678",
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens,   NL/TST/012345678,  https://cpo.example.com/ocpi/emsp/2.2.1/tokens/NL/TST/012345678",
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens/,  /NL/TST/012345678, https://cpo.example.com/ocpi/emsp/2.2.1/tokens/NL/TST/012345678",
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens,   /NL/TST/012345678, https://cpo.example.com/ocpi/emsp/2.2.1/tokens/NL/TST/012345678",
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens/,  012345678/authorize, https://cpo.example.com/ocpi/emsp/2.2.1/tokens/012345678/authorize",
            "https://cpo.example.com/ocpi/emsp/2.2.1/tokens,   012345678/authorize?type=RFID, https://cpo.example.com/ocpi/emsp/2.2.1/tokens/012345678/authorize?type=RFID",
    })
    void joinsWithExactlyOneSlash(String base, String suffix, String expected) {
        assertThat(PartnerEndpoints.join(base, suffix)).isEqualTo(expected);
    }

    @Test
    void emptyOrMissingSuffixLeavesTheBaseAsIs() {
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/cpo/2.2.1/locations/", ""))
                .isEqualTo("https://cpo.example.com/ocpi/cpo/2.2.1/locations/");
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/cpo/2.2.1/locations", ""))
                .isEqualTo("https://cpo.example.com/ocpi/cpo/2.2.1/locations");
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/cpo/2.2.1/locations", null))
                .isEqualTo("https://cpo.example.com/ocpi/cpo/2.2.1/locations");
    }

    @Test
    void querySuffixIsAppendedAsIs() {
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/emsp/2.2.1/tokens", "?type=RFID"))
                .isEqualTo("https://cpo.example.com/ocpi/emsp/2.2.1/tokens?type=RFID");
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/emsp/2.2.1/tokens/", "?type=RFID"))
                .isEqualTo("https://cpo.example.com/ocpi/emsp/2.2.1/tokens/?type=RFID");
    }

    @Test
    void slashAloneAsSuffixGivesTheBaseWithOneTrailingSlash() {
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/sessions", "/"))
                .isEqualTo("https://cpo.example.com/ocpi/sessions/");
        assertThat(PartnerEndpoints.join("https://cpo.example.com/ocpi/sessions/", "/"))
                .isEqualTo("https://cpo.example.com/ocpi/sessions/");
    }
}
