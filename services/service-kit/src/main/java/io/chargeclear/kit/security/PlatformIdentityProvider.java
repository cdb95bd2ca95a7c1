package io.chargeclear.kit.security;

import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.TokenHeader;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A partner platform, by the hash of the token it presents, in {@link PlatformCredential} (kept from
 * {@code hub.party.v1}; no token is stored): token C gives role {@link Roles#PLATFORM}, token A role
 * {@link Roles#REGISTRATION}. Refused (401) when the token is unknown or expired, the platform not ACTIVE, or the
 * token plain while the platform is not set up for plain tokens. In services with a party API
 * ({@code chargeclear.party-api.enabled}) a token C identity also carries the platform's active parties. Present
 * only in services that keep platform credentials (build property {@code chargeclear.security.platform-tokens}).
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.security.platform-tokens", stringValue = "true")
public class PlatformIdentityProvider implements IdentityProvider<PlatformTokenRequest> {

    private final boolean withParties;

    public PlatformIdentityProvider(@ConfigProperty(name = "chargeclear.party-api.enabled", defaultValue = "false")
                                    boolean withParties) {
        this.withParties = withParties;
    }

    @Override
    public Class<PlatformTokenRequest> getRequestType() {
        return PlatformTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(PlatformTokenRequest request, AuthenticationRequestContext context) {
        TokenHeader.Presented presented = request.presented();
        Instant now = Instant.now();
        List<String> candidates = presented.candidates();
        List<String> hashes = candidates.stream().map(TokenHeader::sha256).toList();
        return Panache.withSession(() -> PlatformCredential.<PlatformCredential>list("tokenHash in ?1", hashes)
                .flatMap(found -> {
                    PlatformCredential credential = found.stream()
                            .filter(c -> c.expiresAt == null || c.expiresAt.isAfter(now))
                            .findFirst().orElse(null);
                    if (credential == null) {
                        return refuse("token not accepted: unknown, expired or revoked");
                    }
                    String token = candidates.get(hashes.indexOf(credential.tokenHash));
                    if (!"ACTIVE".equals(credential.platformStatus)) {
                        return refuse("platform is " + credential.platformStatus.toLowerCase(Locale.ROOT)
                                + " at this hub");
                    }
                    if (!presented.encoded(token) && !credential.plainTokens) {
                        return refuse("send the token Base64-encoded as OCPI 2.2.1 requires; this platform is not"
                                + " set up for plain tokens");
                    }
                    String role = switch (credential.kind) {
                        case "C" -> Roles.PLATFORM;
                        case "A" -> Roles.REGISTRATION;
                        default -> null;
                    };
                    if (role == null) {
                        return refuse("token not accepted: not a token the hub issued for calling it");
                    }
                    Uni<List<OcpiParty>> parties = withParties && Roles.PLATFORM.equals(role)
                            ? activeParties(credential.platformId)
                            : Uni.createFrom().item(List.of());
                    return parties.map(list -> identity(credential, token, role, list));
                }));
    }

    private static Uni<List<OcpiParty>> activeParties(String platformId) {
        return DirectoryParty.<DirectoryParty>list("platformId = ?1 and status = 'ACTIVE' order by countryCode, partyId",
                        platformId)
                .map(parties -> parties.stream().map(p -> new OcpiParty(p.countryCode, p.partyId)).distinct().toList());
    }

    private static SecurityIdentity identity(PlatformCredential credential, String token, String role,
                                             List<OcpiParty> parties) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(credential.platformId))
                .addRole(role)
                .addAttribute(PlatformIdentity.PLATFORM_ID, credential.platformId)
                .addAttribute(PlatformIdentity.TOKEN_KIND, credential.kind)
                .addAttribute(PlatformIdentity.TOKEN, token)
                .addAttribute(PlatformIdentity.PLAIN_TOKENS, credential.plainTokens)
                .addAttribute(PlatformIdentity.PARTIES, parties)
                .build();
    }

    private static <T> Uni<T> refuse(String message) {
        return Uni.createFrom().failure(CredentialRefused.because(message));
    }
}
