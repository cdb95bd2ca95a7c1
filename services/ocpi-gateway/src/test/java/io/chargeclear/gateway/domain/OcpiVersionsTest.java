package io.chargeclear.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OcpiVersionsTest {

    @Test
    void offeredVersionsAreKeptOldestFirstWhateverTheConfiguredOrder() {
        OcpiVersions versions = OcpiVersions.of(List.of("2.3.0", " 2.2.1"));
        assertThat(versions.offered()).containsExactly("2.2.1", "2.3.0");
        assertThat(versions.offers("2.3.0")).isTrue();
        assertThat(OcpiVersions.of(List.of("2.2.1")).offers("2.3.0")).isFalse();
    }

    @Test
    void anUnknownOrRepeatedVersionOrOneWithout221IsRefusedNamingIt() {
        assertThatThrownBy(() -> OcpiVersions.of(List.of("2.2.1", "2.1.1"))).hasMessageContaining("'2.1.1'");
        assertThatThrownBy(() -> OcpiVersions.of(List.of("2.2.1", "2.2.1"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> OcpiVersions.of(List.of("2.3.0"))).hasMessageContaining("must include 2.2.1");
    }

    @Test
    void onlyA230PeerIsToldTheReachableParties() {
        assertThat(OcpiVersions.listsReachableParties("2.3.0")).isTrue();
        assertThat(OcpiVersions.listsReachableParties("2.2.1")).isFalse();
    }
}
