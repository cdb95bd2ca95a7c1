package io.chargeclear.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the hub agrees to send an eMSP's command or charging-profile result. */
class ResponseUrlsTest {

    private static final String HUB = "https://hub.example.com";
    private static final List<String> EMSP = List.of("https://emsp.example.com/ocpi/versions",
            "https://emsp.example.com/ocpi/2.2.1/tokens", "https://callbacks.emsp.example.com:8443/ocpi/2.2.1/commands");
    private static final List<String> LOCAL_EMSP = List.of("http://127.0.0.1:40001/ocpi/versions");

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://emsp.example.com/ocpi/cb/1", "https://EMSP.example.com:443/x?y=1",
            "https://callbacks.emsp.example.com:8443/results/a%20b"})
    void aUrlOnTheEmspsOwnRegisteredHostsIsAccepted(String url) {
        assertThat(refusal(url, EMSP, false)).isEmpty();
    }

    @Test
    void anotherPartnersHostIsRefused() {
        assertThat(refusal("https://cpo.example.com/ocpi/cb", EMSP, false)).get().asString()
                .contains("own platform").contains("cpo.example.com:443");
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherHost() {
        assertThat(refusal("https://emsp.example.com:8443/cb", EMSP, false)).isPresent();
        assertThat(refusal("https://callbacks.emsp.example.com/cb", EMSP, false)).isPresent();
    }

    @Test
    void theHubItselfIsRefusedEvenIfTheEmspRegisteredItsHost() {
        List<String> claimsTheHub = List.of("https://hub.example.com/ocpi/versions");
        assertThat(refusal("https://hub.example.com/admin/platforms", claimsTheHub, false)).get().asString()
                .contains("hub itself");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"file:///etc/passwd", "ftp://emsp.example.com/x", "https://emsp.example.com/a b",
            "https://emsp.example.com/a\r\nb", "https://u:p@emsp.example.com/x", "https://emsp.example.com/x#f",
            "emsp.example.com/cb", "", " "})
    void urlsTheHubCannotOrWillNotCallAreRefused(String url) {
        assertThat(refusal(url, EMSP, true)).isPresent();
    }

    @Test
    void httpIsRefusedUnlessAllowedAndOnLoopback() {
        assertThat(refusal("http://127.0.0.1:40001/cb", LOCAL_EMSP, false)).get().asString().contains("https");
        assertThat(refusal("http://127.0.0.1:40001/cb", LOCAL_EMSP, true)).isEmpty();
        List<String> plainRemote = List.of("http://emsp.example.com/ocpi/versions");
        assertThat(refusal("http://emsp.example.com/cb", plainRemote, true)).get().asString().contains("https");
    }

    @Test
    void aPlatformWithoutRegisteredUrlsHasNoHostToSendTo() {
        assertThat(refusal("https://emsp.example.com/cb", List.of(), false)).isPresent();
    }

    private static Optional<String> refusal(String url, List<String> registered, boolean allowHttp) {
        return ResponseUrls.refusal(url, registered, HUB, allowHttp);
    }
}
