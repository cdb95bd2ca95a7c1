package io.chargeclear.kit.security;

import io.chargeclear.model.event.OcpiParty;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.List;

/**
 * What an authenticated partner platform's {@link SecurityIdentity} carries besides its role, as identity
 * attributes: the platform, the kind of hub-issued token it presented (A or C), the token itself (GET credentials
 * echoes it), whether the platform uses plain tokens, and, in services with a party API, its active parties.
 *
 * @param platformId  the platform
 * @param tokenKind   {@code A} (registration only) or {@code C}
 * @param token       the token as presented, decoded; never logged
 * @param plainTokens the platform sends and expects tokens without Base64 (OCPI 2.1.1/2.2 peers)
 * @param parties     its active parties (a party in two roles appears once); empty where not looked up
 */
public record PlatformIdentity(String platformId, String tokenKind, String token, boolean plainTokens,
                               List<OcpiParty> parties) {

    public static final String PLATFORM_ID = "chargeclear.platform-id";
    public static final String TOKEN_KIND = "chargeclear.token-kind";
    public static final String TOKEN = "chargeclear.token";
    public static final String PLAIN_TOKENS = "chargeclear.plain-tokens";
    public static final String PARTIES = "chargeclear.parties";

    /** The platform behind {@code identity}; refused when the identity is not a platform's (a resource bug). */
    @SuppressWarnings("unchecked")
    public static PlatformIdentity of(SecurityIdentity identity) {
        String platformId = identity.getAttribute(PLATFORM_ID);
        if (platformId == null) {
            throw new IllegalStateException("the caller is not an authenticated partner platform");
        }
        List<OcpiParty> parties = identity.getAttribute(PARTIES);
        return new PlatformIdentity(platformId, identity.getAttribute(TOKEN_KIND), identity.getAttribute(TOKEN),
                Boolean.TRUE.equals(identity.getAttribute(PLAIN_TOKENS)), parties == null ? List.of() : parties);
    }

    /** The platform behind the current request, once the resource's roles let it through. */
    public static PlatformIdentity current() {
        return of(CurrentIdentityAssociation.current());
    }

    @Override
    public String toString() {
        return "PlatformIdentity[platformId=" + platformId + ", tokenKind=" + tokenKind + ", plainTokens="
                + plainTokens + ", parties=" + parties + "]";
    }
}
