package io.chargeclear.gateway.service;

import io.chargeclear.gateway.domain.ClientStatus;
import io.chargeclear.gateway.ocpi.Page;
import io.chargeclear.gateway.ocpi.Pagination;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.model.ocpi.credentials.Role;
import io.chargeclear.model.ocpi.hubclientinfo.ClientInfo;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hub's ClientInfo list (OCPI 2.2.1 §mod_hub_client_info, the hub as Sender): every party in the gateway's
 * party directory but the caller's own, with {@code last_updated} the directory entry's last change and the status of
 * {@link ClientStatus}. Pages follow the stable order §transport_and_format "Pagination" asks for, oldest first:
 * {@code updated_at}, then country code, party id and role, so ties never reorder between requests.
 */
@ApplicationScoped
public class HubClientInfoQuery {

    private static final Sort ORDER = Sort.by("updatedAt").and("countryCode").and("partyId").and("role");

    /**
     * One page of ClientInfo objects and the count of those matching the date filters; opens its own session. The
     * caller's own parties are left out: a platform learns of the others through the hub, never of itself.
     *
     * @param callerPlatformId the platform asking
     */
    public Uni<Page<ClientInfo>> page(Pagination pagination, String callerPlatformId) {
        return Panache.withSession(() -> {
            Filter filter = Filter.of(pagination, callerPlatformId);
            return DirectoryParty.count(filter.where, filter.parameters)
                    .flatMap(total -> DirectoryParty.<DirectoryParty>find(filter.where, ORDER, filter.parameters)
                            .range(pagination.offset(), pagination.lastIndex()).list()
                            .flatMap(HubClientInfoQuery::withStatus)
                            .map(items -> new Page<>(items, total)));
        });
    }

    private static Uni<List<ClientInfo>> withStatus(List<DirectoryParty> parties) {
        if (parties.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> platforms = parties.stream().map(p -> p.platformId).collect(Collectors.toSet());
        return PlatformCredential.<PlatformCredential>list(
                        "platformId in ?1 and kind = 'C' and (expiresAt is null or expiresAt > ?2)",
                        platforms, Instant.now())
                .flatMap(tokensC -> PartnerConnection.<PartnerConnection>list("platformId in ?1 and offlineSince is not null",
                                platforms)
                        .map(offline -> {
                            Set<String> connected = tokensC.stream().map(c -> c.platformId).collect(Collectors.toSet());
                            Set<String> unreachable = offline.stream().map(c -> c.platformId).collect(Collectors.toSet());
                            return parties.stream().map(p -> new ClientInfo(p.partyId, p.countryCode,
                                    Role.valueOf(p.role), ClientStatus.of(p.status, connected.contains(p.platformId),
                                    unreachable.contains(p.platformId)), p.updatedAt)).toList();
                        }));
    }

    /**
     * The HQL condition: not the caller's platform, and the date filters on {@code last_updated}, from inclusive, to
     * exclusive.
     */
    private record Filter(String where, Parameters parameters) {

        static Filter of(Pagination pagination, String callerPlatformId) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            conditions.add("platformId <> :caller");
            parameters.and("caller", callerPlatformId);
            if (pagination.dateFrom() != null) {
                conditions.add("updatedAt >= :dateFrom");
                parameters.and("dateFrom", pagination.dateFrom());
            }
            if (pagination.dateTo() != null) {
                conditions.add("updatedAt < :dateTo");
                parameters.and("dateTo", pagination.dateTo());
            }
            return new Filter(String.join(" and ", conditions), parameters);
        }
    }
}
