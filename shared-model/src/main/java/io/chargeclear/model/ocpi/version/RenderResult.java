package io.chargeclear.model.ocpi.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OcpiVersionTranslator#render} produced for one receiver: either the object in the receiver's version,
 * or the decision to withhold it (with the reason), plus every {@link Loss} on the way. Losses are reported in both
 * cases: a withheld object carries the loss that withheld it.
 */
public final class RenderResult {

    private final JsonNode rendered;
    private final String withheldReason;
    private final List<Loss> losses;

    private RenderResult(JsonNode rendered, String withheldReason, List<Loss> losses) {
        this.rendered = rendered;
        this.withheldReason = withheldReason;
        this.losses = List.copyOf(losses);
    }

    static RenderResult rendered(JsonNode object, List<Loss> losses) {
        return new RenderResult(Objects.requireNonNull(object, "object"), null, losses);
    }

    static RenderResult withheld(String reason, List<Loss> losses) {
        return new RenderResult(null, Objects.requireNonNull(reason, "reason"), losses);
    }

    /** True when the object must not be sent to this receiver at all. */
    public boolean isWithheld() {
        return rendered == null;
    }

    /** The object to send; empty when withheld. */
    public Optional<JsonNode> rendered() {
        return Optional.ofNullable(rendered);
    }

    /** Why the object was withheld; empty when rendered. */
    public Optional<String> withheldReason() {
        return Optional.ofNullable(withheldReason);
    }

    /** Everything the receiver does not get, in document order; empty when nothing was lost. */
    public List<Loss> losses() {
        return losses;
    }

    @Override
    public String toString() {
        return isWithheld() ? "withheld(" + withheldReason + ", " + losses + ")" : "rendered(" + losses + ")";
    }
}
