package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.gateway.domain.Route;
import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.kit.agreement.StandardTerms;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.kit.directory.PartyDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator view of the gateway's routing table, built from {@code hub.party.v1} and the gateway's own partner
 * connections: every party, its platform, whether that platform is connected (and on which OCPI version) and
 * whether the party can be routed to now.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/routing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routing")
public class RoutingTableResource {

    private final PartyDirectory directory;
    private final AgreementBook book;
    private final PartnerLinks links;

    public RoutingTableResource(PartyDirectory directory, AgreementBook book, PartnerLinks links) {
        this.directory = directory;
        this.book = book;
        this.links = links;
    }

    @GET
    @Operation(summary = "Every party the gateway knows, with its platform, its connection (CONNECTED, OFFLINE,"
            + " NOT_CONNECTED, SUSPENDED), its OCPI version and whether it is routable now")
    public Uni<List<RouteView>> routes() {
        return links.current().flatMap(connected -> Panache.withSession(() -> directory.all()
                .flatMap(parties -> PartnerConnection.<PartnerConnection>list("offlineSince is not null")
                        .map(offline -> {
                            Set<String> unreachable = offline.stream().map(c -> c.platformId)
                                    .collect(Collectors.toSet());
                            return parties.stream()
                                    .map(p -> route(p, connected.get(p.platformId), unreachable))
                                    .map(RouteView::of)
                                    .toList();
                        }))));
    }

    @GET
    @Path("/agreements")
    @Operation(summary = "The agreements and standard terms the gateway gates routing with, from the agreement book")
    public AgreementsView agreements() {
        StandardTerms terms = book.standardTerms().orElse(null);
        return new AgreementsView(terms == null ? null : terms.mode().name(),
                terms == null ? List.of() : terms.modules().stream().sorted().toList(),
                book.agreements().stream().sorted(Comparator.comparing(Agreement::agreementId))
                        .map(a -> new AgreementRow(a.agreementId(), a.status().name(), a.cpo().toString(),
                                a.emsp().toString(), a.validFrom(), a.validUntil(), a.endedAt(),
                                a.modules().stream().sorted().toList()))
                        .toList());
    }

    private static Route route(DirectoryParty p, PartnerLinks.Link link, Set<String> unreachable) {
        return new Route(p.countryCode, p.partyId, p.role, p.name, p.platformId, p.platformName, p.status,
                link != null, unreachable.contains(p.platformId), link == null ? null : link.version());
    }

    /** What gates routing: the standard terms (null mode until they arrive: closed) and every agreement. */
    public record AgreementsView(
            @JsonProperty("standard_terms_mode") String standardTermsMode,
            @JsonProperty("standard_terms_modules") List<String> standardTermsModules,
            @JsonProperty("agreements") List<AgreementRow> agreements) {
    }

    /** One agreement as the gateway applies it. */
    public record AgreementRow(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("cpo") String cpo,
            @JsonProperty("emsp") String emsp,
            @JsonProperty("valid_from") Instant validFrom,
            @JsonProperty("valid_until") Instant validUntil,
            @JsonProperty("ended_at") Instant endedAt,
            @JsonProperty("modules") List<String> modules) {
    }

    /** One row of the routing table. */
    public record RouteView(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role,
            @JsonProperty("party_name") String partyName,
            @JsonProperty("platform_id") String platformId,
            @JsonProperty("platform_name") String platformName,
            @JsonProperty("platform_status") String platformStatus,
            @JsonProperty("connection") String connection,
            @JsonProperty("ocpi_version") String ocpiVersion,
            @JsonProperty("routable") boolean routable) {

        static RouteView of(Route r) {
            return new RouteView(r.countryCode(), r.partyId(), r.role(), r.partyName(), r.platformId(),
                    r.platformName(), r.platformStatus(), r.connection(), r.ocpiVersion(), r.routable());
        }
    }
}
