package io.chargeclear.model.ocpi.version;

/**
 * Per-receiver choices for {@link OcpiVersionTranslator#render}. The defaults are the hub's loss policy; the options
 * exist for the cases the policy leaves to configuration.
 *
 * @param passThroughUnknown send fields and OpenEnum values that 2.2.1 does not define to a 2.2.1 receiver anyway,
 *                           instead of stripping them. Meant for objects whose sender is itself on 2.2.1: its own
 *                           extensions already reach 2.2.1 peers today, and the translation must not change
 *                           2.2.1-to-2.2.1 roaming. Off by default (an open decision: opt-in per peer).
 */
public record RenderOptions(boolean passThroughUnknown) {

    private static final RenderOptions DEFAULTS = new RenderOptions(false);

    /** The hub's default policy: unknown fields and values stripped towards 2.2.1, inclusive tariffs withheld. */
    public static RenderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The options for an object received from a sender on {@code sourceVersion}: a 2.2.1 sender's object goes to
     * 2.2.1 receivers with its own extensions intact.
     */
    public static RenderOptions forSource(OcpiVersion sourceVersion) {
        return new RenderOptions(sourceVersion == OcpiVersion.V2_2_1);
    }
}
