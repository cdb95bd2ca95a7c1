package io.chargeclear.kit.security;

import io.chargeclear.kit.directory.PartyDirectorySnapshot;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.kit.directory.PlatformCredentialSnapshot;
import io.chargeclear.kit.directory.PlatformCredentialSnapshot.Credential;
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
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A partner platform, by the hash of the token it presents, in {@link PlatformCredential} (kept from
 * {@code hub.party.v1}; no token is stored): token C gives role {@link Roles#PLATFORM}, token A role
 * {@link Roles#REGISTRATION}. Refused (401) when the token is unknown or expired, the platform not ACTIVE, or the
 * token plain while the platform is not set up for plain tokens. In services with a party API
 * ({@code chargeclear.party-api.enabled}) a token C identity also carries the platform's active parties. Present
 * only in services that keep platform credentials (build property {@code chargeclear.security.platform-tokens}).
 * <p>
 * Everything is read from memory ({@link PlatformCredentialSnapshot}, {@link PartyDirectorySnapshot}; ADR 0018). A
 * token memory does not hold is looked up in the database by hash (it may have been committed by another replica a
 * moment ago), then, where a {@link UnknownTokenResolver} exists, asked of the token owner; one found nowhere is
 * remembered for a while ({@link UnknownTokens}) so repeating it costs nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.security.platform-tokens", stringValue = "true")
public class PlatformIdentityProvider implements IdentityProvider<PlatformTokenRequest> {

    private static final Logger LOG = Logger.getLogger(PlatformIdentityProvider.class);

    private final boolean withParties;
    private final PlatformCredentialSnapshot credentials;
    private final Instance<PartyDirectorySnapshot> parties;
    private final Instance<UnknownTokenResolver> resolver;
    private final UnknownTokens unknown;

    public PlatformIdentityProvider(@ConfigProperty(name = "chargeclear.party-api.enabled", defaultValue = "false")
                                    boolean withParties, PlatformCredentialSnapshot credentials,
                                    Instance<PartyDirectorySnapshot> parties, Instance<UnknownTokenResolver> resolver,
                                    UnknownTokens unknown) {
        this.withParties = withParties;
        this.credentials = credentials;
        this.parties = parties;
        this.resolver = resolver;
        this.unknown = unknown;
    }

    @Override
    public Class<PlatformTokenRequest> getRequestType() {
        return PlatformTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(PlatformTokenRequest request, AuthenticationRequestContext context) {
        TokenHeader.Presented presented = request.presented();
        List<String> candidates = presented.candidates();
        List<String> hashes = candidates.stream().map(TokenHeader::sha256).toList();
        return credentials.byTokenHash().flatMap(known -> {
            List<Credential> found = lookUp(known, hashes);
            if (!found.isEmpty()) {
                return decide(presented, candidates, hashes, found);
            }
            if (unknown.recentlyUnknown(hashes)) {
                return refuse("token not accepted: unknown, expired or revoked");
            }
            return fromDatabase(hashes)
                    .flatMap(platform -> platform.isPresent() ? Uni.createFrom().item(platform) : fromOwner(hashes))
                    .flatMap(platform -> {
                        if (platform.isEmpty()) {
                            return refuse("token not accepted: unknown, expired or revoked");
                        }
                        unknown.forget(hashes);
                        return credentials.reload(platform.get()).flatMap(reloaded -> {
                            List<Credential> now = lookUp(reloaded, hashes);
                            return now.isEmpty() ? refuse("token not accepted: unknown, expired or revoked")
                                    : decide(presented, candidates, hashes, now);
                        });
                    });
        });
    }

    private static List<Credential> lookUp(Map<String, Credential> known, List<String> hashes) {
        return hashes.stream().map(known::get).filter(c -> c != null).toList();
    }

    /** The platform a token the snapshot misses belongs to, if it was committed since the snapshot was loaded. */
    private static Uni<Optional<String>> fromDatabase(List<String> hashes) {
        return Panache.withSession(() -> PlatformCredential.<PlatformCredential>list("tokenHash in ?1", hashes))
                .map(found -> found.stream().map(c -> c.platformId).findFirst());
    }

    /** Asks the token owner (where there is one); remembers a token nobody knows, never one it could not ask about. */
    private Uni<Optional<String>> fromOwner(List<String> hashes) {
        if (!resolver.isResolvable()) {
            unknown.remember(hashes);
            return Uni.createFrom().item(Optional.empty());
        }
        return resolver.get().resolve(hashes)
                .invoke(platform -> {
                    if (platform.isEmpty()) {
                        unknown.remember(hashes);
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("an unknown token could not be checked with its owner: %s", failure.getMessage());
                    return Optional.empty();
                });
    }

    private Uni<SecurityIdentity> decide(TokenHeader.Presented presented, List<String> candidates, List<String> hashes,
                                         List<Credential> found) {
        Instant now = Instant.now();
        Credential credential = found.stream()
                .filter(c -> c.expiresAt() == null || c.expiresAt().isAfter(now))
                .findFirst().orElse(null);
        if (credential == null) {
            return refuse("token not accepted: unknown, expired or revoked");
        }
        String token = candidates.get(hashes.indexOf(credential.tokenHash()));
        if (!"ACTIVE".equals(credential.platformStatus())) {
            return refuse("platform is " + credential.platformStatus().toLowerCase(Locale.ROOT) + " at this hub");
        }
        if (!presented.encoded(token) && !credential.plainTokens()) {
            return refuse("send the token Base64-encoded as OCPI 2.2.1 requires; this platform is not"
                    + " set up for plain tokens");
        }
        String role = switch (credential.kind()) {
            case "C" -> Roles.PLATFORM;
            case "A" -> Roles.REGISTRATION;
            default -> null;
        };
        if (role == null) {
            return refuse("token not accepted: not a token the hub issued for calling it");
        }
        Uni<List<OcpiParty>> active = withParties && Roles.PLATFORM.equals(role) && parties.isResolvable()
                ? parties.get().current().map(directory -> directory.activeParties(credential.platformId()))
                : Uni.createFrom().item(List.of());
        return active.map(list -> identity(credential, token, role, list));
    }

    private static SecurityIdentity identity(Credential credential, String token, String role,
                                             List<OcpiParty> parties) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(credential.platformId()))
                .addRole(role)
                .addAttribute(PlatformIdentity.PLATFORM_ID, credential.platformId())
                .addAttribute(PlatformIdentity.TOKEN_KIND, credential.kind())
                .addAttribute(PlatformIdentity.TOKEN, token)
                .addAttribute(PlatformIdentity.PLAIN_TOKENS, credential.plainTokens())
                .addAttribute(PlatformIdentity.PARTIES, parties)
                .build();
    }

    private static <T> Uni<T> refuse(String message) {
        return Uni.createFrom().failure(CredentialRefused.because(message));
    }
}
