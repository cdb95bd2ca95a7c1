package io.chargeclear.model.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyTypeIsVersionedAndTravelsOnACatalogueTopic() {
        for (EventType type : EventType.values()) {
            assertThat(type.type()).matches("[a-z]+(\\.[a-z-]+)+\\.v[0-9]+");
            assertThat(EventType.fromType(type.type())).contains(type);
            assertThat(type.topic()).endsWith(".v1");
        }
        assertThat(EventType.fromType("hub.unknown.v1")).isEmpty();
    }

    @Test
    void platformSnapshotUsesSnakeCaseAndRoundTrips() throws Exception {
        PlatformChanged event = new PlatformChanged("p-1", "Acme", PlatformChanged.PlatformStatus.ACTIVE, 3, false,
                List.of(new PlatformChanged.Party("NL", "ACM", "CPO", "Acme CPO")),
                List.of(new PlatformChanged.IssuedCredential("ab12", "A", null)), Instant.parse("2026-01-01T10:00:00Z"));
        String written = json.writeValueAsString(event);
        assertThat(written).contains("\"platform_id\":\"p-1\"", "\"country_code\":\"NL\"",
                "\"changed_at\":\"2026-01-01T10:00:00Z\"", "\"token_hash\":\"ab12\"");
        assertThat(json.readValue(written, PlatformChanged.class)).isEqualTo(event);
    }
}
