package io.chargeclear.model.ocpi.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OcpiVersionTest {

    @Test
    void parses_the_two_wire_strings() {
        assertThat(OcpiVersion.parse("2.2.1")).isEqualTo(OcpiVersion.V2_2_1);
        assertThat(OcpiVersion.parse("2.3.0")).isEqualTo(OcpiVersion.V2_3_0);
        assertThat(OcpiVersion.V2_3_0.wire()).isEqualTo("2.3.0");
        assertThat(OcpiVersion.V2_2_1).hasToString("2.2.1");
    }

    @Test
    void any_other_string_is_a_clear_error() {
        assertThatThrownBy(() -> OcpiVersion.parse("2.1.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported OCPI version \"2.1.1\"; supported: 2.2.1, 2.3.0");
        assertThatThrownBy(() -> OcpiVersion.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported OCPI version null; supported: 2.2.1, 2.3.0");
    }
}
