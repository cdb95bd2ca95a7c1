package io.chargeclear.gateway.delivery;

import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.model.ocpi.version.OcpiVersion;

import java.util.List;

/**
 * How to reach one receiver platform now, resolved once for a whole batch of its jobs: its endpoints (the URL base of
 * each module), the URLs it registered (a {@code response_url} must be on one of their hosts), its token B in clear
 * and whether it takes plain tokens, and the OCPI version it speaks (bodies are rendered for it); or why its jobs wait
 * ({@code waitReason}) or are dropped ({@code dropReason}).
 */
public record DeliveryTarget(PartnerEndpoints endpoints, List<String> registered, String token, boolean plain,
                             String waitReason, String dropReason, OcpiVersion version) {

    /** The receiver may come back (it is suspended): its jobs wait, nothing is sent. */
    public static DeliveryTarget waiting(String why) {
        return new DeliveryTarget(null, List.of(), null, false, why, null, null);
    }

    /** The receiver is gone for good: its jobs are dropped, never sent. */
    public static DeliveryTarget dropped(String why) {
        return new DeliveryTarget(null, List.of(), null, false, null, why, null);
    }
}
