package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.gateway.domain.Route;
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

/** Operator view of the gateway's routing table, built from {@code hub.party.v1}. */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/routing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routing")
public class RoutingTableResource {

    private final PartyDirectory directory;
    private final AgreementBook book;

    public RoutingTableResource(PartyDirectory directory, AgreementBook book) {
        this.directory = directory;
        this.book = book;
    }

    @GET
    @Operation(summary = "Every party the gateway can route to, with its platform and whether it is reachable now")
    public Uni<List<RouteView>> routes() {
        return Panache.withSession(directory::all).map(parties -> parties.stream()
                .map(RoutingTableResource::route)
                .map(RouteView::of)
                .toList());
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

    private static Route route(DirectoryParty p) {
        return new Route(p.countryCode, p.partyId, p.role, p.name, p.platformId, p.platformName, p.status);
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
            @JsonProperty("routable") boolean routable) {

        static RouteView of(Route r) {
            return new RouteView(r.countryCode(), r.partyId(), r.role(), r.partyName(), r.platformId(),
                    r.platformName(), r.platformStatus(), r.routable());
        }
    }
}
