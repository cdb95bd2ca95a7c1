package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.tokens.TokenType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/**
 * A token (or token group) that may see an unpublished Location.
 * <p>
 * OCPI 2.2.1 §mod_locations "PublishTokenType class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishTokenType(
        @JsonProperty("uid") @Size(max = 36) String uid,
        @JsonProperty("type") TokenType type,
        @JsonProperty("visual_number") @Size(max = 64) String visualNumber,
        @JsonProperty("issuer") @Size(max = 64) String issuer,
        @JsonProperty("group_id") @Size(max = 36) String groupId) {

    /** The spec requires uid, visual_number or group_id; uid needs type and visual_number needs issuer. */
    @JsonIgnore
    @AssertTrue(message = "needs uid+type, visual_number+issuer or group_id")
    public boolean isIdentifying() {
        boolean byUid = uid != null && type != null;
        boolean byVisualNumber = visualNumber != null && issuer != null;
        boolean incomplete = (uid != null && type == null) || (visualNumber != null && issuer == null);
        return !incomplete && (byUid || byVisualNumber || groupId != null);
    }
}
