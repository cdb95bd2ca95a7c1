package io.chargeclear.gateway.domain;

import io.chargeclear.model.event.OcpiParty;

import java.util.Objects;

/**
 * Where one pushed object goes, decided once (ADR 0008 "Where it goes", ADR 0015): the one value the agreement gate
 * checks, the hub stores as the object's recipient, the event names and the delivery queue uses, so they cannot
 * disagree.
 * <ul>
 *   <li>An object that names its receiver in its content (a session's or CDR's {@code cdr_token}) goes to that party.
 *   {@code OCPI-to-*} headers may repeat it or name the hub (open routing); naming anyone else is refused: OCPI
 *   2001, because the request contradicts itself and the hub will not guess which half the sender meant.</li>
 *   <li>Otherwise {@code OCPI-to-*} naming a party sends to that party alone; no TO, or TO the hub, broadcasts.</li>
 * </ul>
 *
 * @param party     the one receiver; null for a broadcast
 * @param fromContent whether the content named the receiver (sessions, CDRs): the stored recipient
 */
public record Destination(OcpiParty party, boolean fromContent) {

    /** A TO header that contradicts the object's own receiver. */
    public static final class Contradiction extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Contradiction(String message) {
            super(message);
        }
    }

    /**
     * @param hub          the hub's own party
     * @param to           the {@code OCPI-to-*} party, or null without TO headers
     * @param namedByContent the receiver the object itself names (session/CDR {@code cdr_token}), or null
     * @throws Contradiction when TO names a party other than the hub and the content's receiver
     */
    public static Destination decide(OcpiParty hub, OcpiParty to, OcpiParty namedByContent) {
        Objects.requireNonNull(hub, "hub");
        boolean toParty = to != null && !to.equals(hub);
        if (namedByContent != null) {
            if (toParty && !to.equals(namedByContent)) {
                throw new Contradiction("the OCPI-to headers name " + to + " but cdr_token names " + namedByContent
                        + ": a session or CDR goes to the eMSP of its token; send it with TO " + namedByContent
                        + " or without TO headers");
            }
            return new Destination(namedByContent, true);
        }
        return new Destination(toParty ? to : null, false);
    }

    public boolean broadcast() {
        return party == null;
    }

    /** The recipient the hub stores with the object (who may read it as addressed to it): content-named only. */
    public OcpiParty storedRecipient() {
        return fromContent ? party : null;
    }
}
