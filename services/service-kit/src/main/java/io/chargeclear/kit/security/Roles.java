package io.chargeclear.kit.security;

/**
 * The three roles a caller can hold, named in {@code @RolesAllowed} on every resource. Which credential gives which
 * role is the whole access model: the operator's bearer token gives {@link #OPERATOR}; a partner platform's token C
 * gives {@link #PLATFORM}; its token A, good only for the OCPI registration handshake, gives {@link #REGISTRATION}.
 */
public final class Roles {

    /** The hub's operator: the admin APIs under {@code /admin}. */
    public static final String OPERATOR = "operator";
    /** A registered partner platform (token C): OCPI modules and the party APIs under {@code /party}. */
    public static final String PLATFORM = "platform";
    /** A platform not yet registered (token A): OCPI versions and credentials only (OCPI 2.2.1 §credentials). */
    public static final String REGISTRATION = "registration";

    private Roles() {
    }
}
