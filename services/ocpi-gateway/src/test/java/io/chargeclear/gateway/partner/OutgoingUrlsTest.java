package io.chargeclear.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the hub writes ids into the URLs it calls partners at, and which URLs it refuses to call. */
class OutgoingUrlsTest {

    private static final String BASE = "https://emsp.example.com/ocpi/emsp/2.2.1/locations/";

    /** Ids a hostile or careless sender could push; each must stay one segment and come back exactly. */
    private static final List<String> HOSTILE = List.of("../../DE/XYZ/x", "..%2F..%2FDE", "a b", "x%41", "%2e%2e",
            "a?b=c", "a#frag", "a/b", "a\r\nX-Injected: 1", "a\u0000b", "ümlaut€", "😀", "a;b=c", "a+b", "~_-.",
            "...", ".. ", " ..", "a..b", "\\..\\x", "a\tb", "%", "%%41", "//", "http://evil.example/");

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../../DE/XYZ/x", "a b", "x%41", "%2e%2e", "a?b=c", "a#frag", "a/b", "a;b=c", "a+b",
            "ümlaut€", "...", ".. ", "a..b", "//", "http://evil.example/", "%", "a\tb"})
    void anIdStaysOneSegmentAndDecodesBackToItself(String id) {
        URI url = OutgoingUrls.check(PartnerEndpoints.join(BASE, OutgoingUrls.path("NL", "CPO", id)));

        assertThat(url.getHost()).isEqualTo("emsp.example.com");
        assertThat(url.getRawQuery()).isNull();
        assertThat(url.getRawFragment()).isNull();
        String below = url.getRawPath().substring("/ocpi/emsp/2.2.1/locations/".length());
        String[] segments = below.split("/", -1);
        assertThat(segments).hasSize(3);
        assertThat(segments[0]).isEqualTo("NL");
        assertThat(segments[1]).isEqualTo("CPO");
        assertThat(URLDecoder.decode(segments[2].replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(id);
    }

    @Test
    void everyHostileIdIsEncodedWithoutAnyCharacterAUrlCouldReadAsStructure() {
        for (String id : HOSTILE) {
            String segment = OutgoingUrls.segment(id);
            assertThat(segment).as(id).matches("[A-Za-z0-9._~%-]*");
            assertThat(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8)).as(id).isEqualTo(id);
        }
    }

    @Test
    void encodesEachReservedCharacterAsItsUtf8Bytes() {
        assertThat(OutgoingUrls.segment("../../DE/XYZ/x")).isEqualTo("..%2F..%2FDE%2FXYZ%2Fx");
        assertThat(OutgoingUrls.segment("x%41")).isEqualTo("x%2541");
        assertThat(OutgoingUrls.segment("a b")).isEqualTo("a%20b");
        assertThat(OutgoingUrls.segment("a?b#c")).isEqualTo("a%3Fb%23c");
        assertThat(OutgoingUrls.segment("a\r\nb")).isEqualTo("a%0D%0Ab");
        assertThat(OutgoingUrls.segment("€")).isEqualTo("%E2%82%AC");
        assertThat(OutgoingUrls.segment("LOC-1_a.b~c")).isEqualTo("LOC-1_a.b~c");
    }

    @Test
    void pathJoinsEncodedSegmentsAndQueryEncodesTheValue() {
        assertThat(OutgoingUrls.path("NL", "CPO", "a/b", "1")).isEqualTo("NL/CPO/a%2Fb/1");
        assertThat(OutgoingUrls.path("NL", "CPO", "tok en") + "?" + OutgoingUrls.query("type", "RFID&x=1"))
                .isEqualTo("NL/CPO/tok%20en?type=RFID%26x%3D1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {".", ".."})
    void aDotSegmentIdCannotBeAddressed(String id) {
        String url = PartnerEndpoints.join(BASE, OutgoingUrls.path("NL", "CPO", id));

        assertThatThrownBy(() -> OutgoingUrls.check(url)).isInstanceOf(UnbuildableRequestException.class)
                .hasMessageContaining("cannot be a URL path segment");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "https://emsp.example.com/ocpi/locations/NL/CPO/a b",
            "https://emsp.example.com/ocpi/locations/NL/CPO/a\r\nHost: evil",
            "https://emsp.example.com/ocpi/locations/NL/CPO/a\u0000",
            "https://emsp.example.com/ocpi/locations/NL/CPO/%2E%2E/x",
            "https://emsp.example.com/ocpi/locations/NL/CPO/../../x",
            "https://emsp.example.com/ocpi/locations/NL/CPO/./x",
            "https://emsp.example.com/ocpi/cb#frag",
            "https://user:pw@emsp.example.com/ocpi/cb",
            "file:///etc/passwd",
            "ftp://emsp.example.com/x",
            "javascript:alert(1)",
            "/ocpi/relative",
            "https:///no-host",
            "",
    })
    void urlsTheHubCannotSendAsTheyAreAreRefused(String url) {
        assertThatThrownBy(() -> OutgoingUrls.check(url)).isInstanceOf(UnbuildableRequestException.class);
    }

    @Test
    void theRefusalShowsControlCharactersInsteadOfWritingThem() {
        assertThatThrownBy(() -> OutgoingUrls.check("https://emsp.example.com/a\r\nb"))
                .hasMessageContaining("\\u000d\\u000a").hasMessageNotContaining("\r");
    }

    @Test
    void plainPartnerUrlsPass() {
        assertThat(OutgoingUrls.check("https://emsp.example.com/ocpi/2.2.1/locations/NL/CPO/LOC1").getHost())
                .isEqualTo("emsp.example.com");
        assertThat(OutgoingUrls.check("http://127.0.0.1:8080/ocpi/tokens/NL/CPO/a%20b?type=RFID").getRawPath())
                .isEqualTo("/ocpi/tokens/NL/CPO/a%20b");
    }
}
