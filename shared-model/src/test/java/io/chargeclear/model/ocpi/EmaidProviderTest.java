package io.chargeclear.model.ocpi;

import io.chargeclear.model.ocpi.tokens.EmaidProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmaidProviderTest {

    @Test
    void the_provider_is_the_first_five_characters_in_normal_form() {
        assertThat(EmaidProvider.of("NL-TNM-C12345678-X")).contains("NLTNM");
        assertThat(EmaidProvider.of("nltnmc12345678x")).contains("NLTNM");
        assertThat(EmaidProvider.of("NL*TNM*C12345678*X")).contains("NLTNM");
        assertThat(EmaidProvider.of("de 8ac c12345678 9")).contains("DE8AC");
    }

    @Test
    void a_uid_that_does_not_start_with_a_provider_id_has_none() {
        assertThat(EmaidProvider.of("NL-T")).isEmpty();
        assertThat(EmaidProvider.of("12TNMC12345678")).isEmpty();
        assertThat(EmaidProvider.of("NL-T_M-C1234")).isEmpty();
        assertThat(EmaidProvider.of("")).isEmpty();
    }

    @Test
    void registered_ids_are_normalised_the_same_way() {
        assertThat(EmaidProvider.normalise("nl-tnm")).isEqualTo("NLTNM");
        assertThat(EmaidProvider.isProviderId("NLTNM")).isTrue();
        assertThat(EmaidProvider.isProviderId("NLTN")).isFalse();
        assertThat(EmaidProvider.isProviderId("N1TNM")).isFalse();
    }
}
