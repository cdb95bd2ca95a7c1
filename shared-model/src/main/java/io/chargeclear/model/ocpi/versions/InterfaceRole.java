package io.chargeclear.model.ocpi.versions;

/**
 * Which side of a module an endpoint implements: the data owner (sender) or the party pushed to (receiver).
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "InterfaceRole enum".
 */
public enum InterfaceRole {
    /** Interface implemented by the data owner; others pull from it. */
    SENDER,

    /** Interface implemented by the party that wants data pushed to it. */
    RECEIVER
}
