package io.chargeclear.registry.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.EventType;
import io.chargeclear.registry.api.AgreementView;
import io.chargeclear.registry.api.CreateAgreementRequest;
import io.chargeclear.registry.api.PartyRef;
import io.chargeclear.registry.domain.AgreementStatus;
import io.chargeclear.registry.domain.PartyRole;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.domain.ValidityWindow;
import io.chargeclear.registry.messaging.AgreementEvents;
import io.chargeclear.registry.persistence.AgreementEntity;
import io.chargeclear.registry.persistence.PlatformPartyEntity;
import io.chargeclear.registry.persistence.StoredTerms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Agreement lifecycle. Every change is one transaction holding the new state and its {@code hub.agreement.v1}
 * event in the outbox, so the event exists if and only if the change committed. Creating an agreement locks
 * the CPO party's row first, so two concurrent requests for the same pair cannot both pass the overlap check.
 */
@ApplicationScoped
public class AgreementService {

    private static final Pattern PARTY_FILTER = Pattern.compile("([A-Za-z]{2})/([A-Za-z0-9]{3})");

    private final AgreementEvents events;

    public AgreementService(AgreementEvents events) {
        this.events = events;
    }

    public Uni<AgreementView> create(CreateAgreementRequest request) {
        return Uni.createFrom().item(() -> new Draft(request.cpo().normalized(), request.emsp().normalized(),
                        request.window(), request.terms()))
                .flatMap(draft -> Panache.withTransaction(() -> lockCpo(draft.cpo())
                        .flatMap(cpo -> requireCounterparty(draft.emsp()))
                        .flatMap(emsp -> AgreementEntity.activeBetween(draft.cpo().countryCode(),
                                draft.cpo().partyId(), draft.emsp().countryCode(), draft.emsp().partyId()))
                        .flatMap(active -> {
                            refuseOverlap(draft, active);
                            return persist(draft);
                        })));
    }

    public Uni<List<AgreementView>> list(String party, String status) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (party != null && !party.isBlank()) {
            Matcher m = PARTY_FILTER.matcher(party.trim());
            if (!m.matches()) {
                return Uni.createFrom().failure(ApiException.badRequest(
                        "party must be COUNTRY_CODE/PARTY_ID, e.g. NL/CPO (got '" + party + "')"));
            }
            where.append(" and ((cpoCountryCode = :cc and cpoPartyId = :pid)"
                    + " or (emspCountryCode = :cc and emspPartyId = :pid))");
            params.and("cc", m.group(1).toUpperCase(Locale.ROOT)).and("pid", m.group(2).toUpperCase(Locale.ROOT));
        }
        if (status != null && !status.isBlank()) {
            AgreementStatus wanted = parseStatus(status);
            if (wanted == null) {
                return Uni.createFrom().failure(ApiException.badRequest(
                        "status must be ACTIVE or ENDED (got '" + status + "')"));
            }
            where.append(" and status = :status");
            params.and("status", wanted);
        }
        Instant now = now();
        return Panache.withSession(() -> AgreementEntity.<AgreementEntity>list(where.toString(),
                        Sort.by("createdAt").and("id"), params)
                .map(found -> found.stream().map(a -> AgreementView.of(a, now)).toList()));
    }

    public Uni<AgreementView> get(String id) {
        return Panache.withSession(() -> AgreementEntity.<AgreementEntity>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("agreement " + id))
                .map(a -> AgreementView.of(a, now())));
    }

    /** Ends an agreement now: its window is cut at now (or emptied if it had not started yet). */
    public Uni<AgreementView> end(String id) {
        return Panache.withTransaction(() -> AgreementEntity.<AgreementEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("agreement " + id))
                .flatMap(agreement -> {
                    if (agreement.status == AgreementStatus.ENDED) {
                        throw ApiException.conflict("agreement " + id + " is already ENDED (since "
                                + agreement.endedAt + ")");
                    }
                    Instant now = now();
                    ValidityWindow cut = agreement.window().endedAt(now);
                    agreement.status = AgreementStatus.ENDED;
                    agreement.validUntil = cut.until();
                    agreement.endedAt = now;
                    agreement.updatedAt = now;
                    agreement.revision++;
                    return events.agreementChanged(EventType.AGREEMENT_ENDED, agreement)
                            .map(done -> AgreementView.of(agreement, now));
                }));
    }

    private static Uni<PlatformPartyEntity> lockCpo(PartyRef cpo) {
        return PlatformPartyEntity.<PlatformPartyEntity>find(
                        "countryCode = ?1 and partyId = ?2 and role = ?3 and live = true",
                        cpo.countryCode(), cpo.partyId(), PartyRole.CPO)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(found -> found != null ? Uni.createFrom().item(found) : refuseParty("cpo", cpo, PartyRole.CPO));
    }

    /**
     * The CPO's counterparty: an eMSP, or a payment terminal provider (a party of role OTHER registered as one), which
     * deals with CPOs through the payments module and the sessions and CDRs of terminal-paid charges.
     */
    private static Uni<PlatformPartyEntity> requireCounterparty(PartyRef party) {
        return PlatformPartyEntity.<PlatformPartyEntity>find("countryCode = ?1 and partyId = ?2 and live = true"
                                + " and (role = ?3 or (role = ?4 and paymentTerminalProvider = true))",
                        party.countryCode(), party.partyId(), PartyRole.EMSP, PartyRole.OTHER)
                .firstResult()
                .flatMap(found -> found != null ? Uni.createFrom().item(found)
                        : refuseParty("emsp", party, PartyRole.EMSP));
    }

    /** Names the party and, if it exists in another role, that role. */
    private static Uni<PlatformPartyEntity> refuseParty(String field, PartyRef party, PartyRole role) {
        return PlatformPartyEntity.<PlatformPartyEntity>list("countryCode = ?1 and partyId = ?2 and live = true",
                        party.countryCode(), party.partyId())
                .map(others -> {
                    if (others.isEmpty()) {
                        throw ApiException.badRequest(field + " " + party + " is not a registered live party");
                    }
                    String roles = others.stream().map(p -> p.role.name()).distinct().sorted()
                            .collect(Collectors.joining(", "));
                    throw ApiException.badRequest(field + " " + party + " has no " + role
                            + " role (it is registered as " + roles + (role == PartyRole.EMSP
                            ? ", and is no payment terminal provider)" : ")"));
                });
    }

    private static void refuseOverlap(Draft draft, List<AgreementEntity> active) {
        for (AgreementEntity existing : active) {
            if (existing.window().overlaps(draft.window())) {
                throw ApiException.conflict("agreement " + existing.id + " between " + draft.cpo() + " and "
                        + draft.emsp() + " is already ACTIVE for " + existing.window()
                        + ", which overlaps " + draft.window() + "; end it first");
            }
        }
    }

    private Uni<AgreementView> persist(Draft draft) {
        Instant now = now();
        AgreementEntity agreement = new AgreementEntity();
        agreement.id = UUID.randomUUID().toString();
        agreement.status = AgreementStatus.ACTIVE;
        agreement.cpoCountryCode = draft.cpo().countryCode();
        agreement.cpoPartyId = draft.cpo().partyId();
        agreement.emspCountryCode = draft.emsp().countryCode();
        agreement.emspPartyId = draft.emsp().partyId();
        agreement.validFrom = draft.window().from();
        agreement.validUntil = draft.window().until();
        agreement.terms = StoredTerms.of(draft.terms());
        agreement.revision = 1;
        agreement.createdAt = now;
        agreement.updatedAt = now;
        return agreement.persist()
                .flatMap(saved -> events.agreementChanged(EventType.AGREEMENT_CREATED, agreement))
                .map(done -> AgreementView.of(agreement, now));
    }

    private static AgreementStatus parseStatus(String status) {
        String upper = status.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(AgreementStatus.values()).filter(s -> s.name().equals(upper)).findFirst().orElse(null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A checked request, before the transaction. */
    private record Draft(PartyRef cpo, PartyRef emsp, ValidityWindow window, RoamingTerms terms) {
    }
}
