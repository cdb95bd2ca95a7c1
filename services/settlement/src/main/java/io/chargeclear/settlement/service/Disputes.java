package io.chargeclear.settlement.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.kit.agreement.StandardTerms;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.settlement.config.SettlementConfig;
import io.chargeclear.settlement.persistence.Dispute;
import io.chargeclear.settlement.persistence.JournalEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Disputes (docs/adr/0011-settlement-runs.md): the CPO or the eMSP of a CDR disputes it within the dispute window
 * of the agreement it was rated under (counted from when the ledger booked it); while the dispute is open, runs
 * leave the CDR and any credit CDR of it out. Resolving releases them: ACCEPTED (the disputing party accepts the
 * CDR as billed), REJECTED (the dispute is unfounded; the CDR stands as billed) or CORRECTED (the CPO sent a credit
 * CDR, and usually a new CDR: the original and its credit settle together and cancel out).
 */
@ApplicationScoped
public class Disputes {

    public static final Set<String> RESOLUTIONS = Set.of("ACCEPTED", "CORRECTED", "REJECTED");

    private final Clock clock;
    private final Duration defaultWindow;
    private final AgreementBook book;

    public Disputes(Clock clock, SettlementConfig config, AgreementBook book) {
        this.clock = clock;
        this.book = book;
        this.defaultWindow = config.defaultDisputeWindow();
    }

    /**
     * Opens a dispute of the CDR {@code cdrId} of {@code cpo}, by {@code openedBy}.
     *
     * @throws ApiException 404 when no such CDR is booked, 403 when {@code openedBy} is neither its CPO nor its
     *                      eMSP, 409 when the window has closed or a dispute of it is open already
     */
    public Uni<Dispute> open(OcpiParty cpo, String cdrId, OcpiParty openedBy, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> firstBooking(cpo, cdrId).flatMap(entry -> {
            if (entry == null) {
                throw ApiException.notFound("CDR " + cdrId + " of " + cpo + " (no rating of it is booked)");
            }
            String by = openedBy.toString();
            if (!by.equals(entry.cpo()) && !by.equals(entry.emsp())) {
                throw new ApiException(Response.Status.FORBIDDEN, "only the CDR's CPO (" + entry.cpo()
                        + ") or eMSP (" + entry.emsp() + ") may dispute it, not " + by);
            }
            return windowOf(entry).flatMap(window -> {
                Instant closes = entry.postedAt.plus(window);
                if (now.isAfter(closes)) {
                    throw ApiException.conflict("the dispute window of CDR " + cdrId + " closed at " + closes
                            + " (" + window.toDays() + " days after it was booked)");
                }
                return Dispute.<Dispute>find("cpoCountryCode = ?1 and cpoPartyId = ?2 and cdrId = ?3 and status = 'OPEN'",
                        cpo.countryCode(), cpo.partyId(), cdrId).<Dispute>firstResult();
            }).flatMap(open -> {
                if (open != null) {
                    throw ApiException.conflict("CDR " + cdrId + " of " + cpo + " is already disputed (dispute "
                            + open.id + ")");
                }
                Dispute dispute = new Dispute();
                dispute.id = UUID.randomUUID();
                dispute.cpoCountryCode = cpo.countryCode();
                dispute.cpoPartyId = cpo.partyId();
                dispute.cdrId = cdrId;
                dispute.openedByCountryCode = openedBy.countryCode();
                dispute.openedByPartyId = openedBy.partyId();
                dispute.reason = reason;
                dispute.openedAt = now;
                dispute.status = "OPEN";
                return dispute.<Dispute>persist();
            });
        }));
    }

    /**
     * Resolves an open dispute.
     *
     * @throws ApiException 404 for an unknown dispute, 409 when it is resolved already or CORRECTED is claimed
     *                      before any credit CDR of the disputed CDR is booked
     */
    public Uni<Dispute> resolve(UUID id, String resolution, String note) {
        if (resolution == null || !RESOLUTIONS.contains(resolution)) {
            throw ApiException.badRequest("resolution must be one of ACCEPTED, CORRECTED, REJECTED");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Dispute.<Dispute>findById(id).flatMap(dispute -> {
            if (dispute == null) {
                throw ApiException.notFound("dispute " + id);
            }
            if (!"OPEN".equals(dispute.status)) {
                throw ApiException.conflict("dispute " + id + " is resolved already (" + dispute.resolution + ")");
            }
            Uni<Boolean> allowed = !"CORRECTED".equals(resolution) ? Uni.createFrom().item(true)
                    : JournalEntry.count("cpoCountryCode = ?1 and cpoPartyId = ?2 and reversesCdrId = ?3",
                    dispute.cpoCountryCode, dispute.cpoPartyId, dispute.cdrId).map(n -> n > 0);
            return allowed.map(ok -> {
                if (!ok) {
                    throw ApiException.conflict("CORRECTED needs the CPO's credit CDR of " + dispute.cdrId
                            + "; none is booked yet");
                }
                dispute.status = "RESOLVED";
                dispute.resolution = resolution;
                dispute.resolutionNote = note;
                dispute.resolvedAt = now;
                return dispute;
            });
        }));
    }

    /** Disputes, oldest first; with {@code parties}, those of CDRs one of them is CPO or eMSP of. */
    public Uni<List<Dispute>> list(String status, List<OcpiParty> parties) {
        StringBuilder query = new StringBuilder("from Dispute d where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            query.append(" and d.status = :status");
            params.put("status", status);
        }
        if (parties != null) {
            query.append(" and (").append(Statements.anyOf(parties, params, "d.cpoCountryCode", "d.cpoPartyId"))
                    .append(" or exists (from JournalEntry e where e.cpoCountryCode = d.cpoCountryCode"
                            + " and e.cpoPartyId = d.cpoPartyId and e.cdrId = d.cdrId and (")
                    .append(Statements.anyOf(parties, params, "e.emspCountryCode", "e.emspPartyId")).append(")))");
        }
        query.append(" order by d.openedAt");
        return Panache.withSession(() -> Dispute.<Dispute>list(query.toString(), params));
    }

    public Uni<Dispute> find(UUID id) {
        return Panache.withSession(() -> Dispute.<Dispute>findById(id));
    }

    private static Uni<JournalEntry> firstBooking(OcpiParty cpo, String cdrId) {
        return JournalEntry.<JournalEntry>find("cpoCountryCode = ?1 and cpoPartyId = ?2 and cdrId = ?3 order by postedAt",
                cpo.countryCode(), cpo.partyId(), cdrId).<JournalEntry>firstResult();
    }

    /**
     * The dispute window of the terms a CDR was rated under: its agreement's (by id, whether or not it has ended
     * since: the window was agreed for CDRs rated under it), else the standard terms', else the configured default.
     * Read from the agreement book in memory.
     */
    private Uni<Duration> windowOf(JournalEntry entry) {
        Integer days = (entry.agreementId == null ? java.util.Optional.<Agreement>empty() : book.agreement(entry.agreementId))
                .map(Agreement::disputeWindowDays)
                .or(() -> book.standardTerms().map(StandardTerms::disputeWindowDays))
                .orElse(null);
        return Uni.createFrom().item(days == null ? defaultWindow : Duration.ofDays(days));
    }
}
