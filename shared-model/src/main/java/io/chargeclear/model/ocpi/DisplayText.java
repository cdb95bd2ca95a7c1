package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A human-readable text in one language (ISO 639-1), without markup.
 * <p>
 * OCPI 2.2.1 §types "DisplayText class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisplayText(
        @JsonProperty("language") @NotNull @Size(max = 2) String language,
        @JsonProperty("text") @NotNull @Size(max = 512) String text) {
}
