package io.chargeclear.settlement.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiDateTimeDeserializer;
import io.chargeclear.settlement.persistence.JournalEntry;
import io.chargeclear.settlement.persistence.JournalLine;
import io.chargeclear.settlement.service.Balances;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Operator view of the ledger: account balances per party and currency as of any moment, and the journal entries
 * of one CDR. Balances are debits minus credits: a positive balance on an eMSP's receivable is what it owes the
 * hub; a negative one on a CPO's payable is what the hub owes it.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class LedgerResource {

    private final Balances balances;

    public LedgerResource(Balances balances) {
        this.balances = balances;
    }

    @GET
    @Path("/balances")
    @Operation(summary = "Account balances (debits minus credits) per account and currency, as of a moment (default now)")
    public Uni<List<Balance>> balances(@RestQuery("party") String party, @RestQuery("currency") String currency,
                                       @RestQuery("as_of") String asOf) {
        OcpiParty who = SettlementResource.party(party);
        return balances.asOf(instant(asOf), who == null ? null : List.of(who), currency).map(LedgerResource::views);
    }

    static List<Balance> views(List<Balances.Sums> sums) {
        return sums.stream().map(s -> Balance.of(s.account(), s.party(), s.currency(), s.debits(), s.credits()))
                .toList();
    }

    @GET
    @Path("/journal/{country_code}/{party_id}/{cdr_id}")
    @Operation(summary = "The journal entries that booked one CDR, oldest first")
    public Uni<List<Entry>> journal(@PathParam("country_code") String cc, @PathParam("party_id") String pid,
                                    @PathParam("cdr_id") String cdrId) {
        return Panache.withSession(() -> entries(cc, pid, cdrId));
    }

    /** The entries that booked one CDR with their lines, oldest first; within a session. */
    static Uni<List<Entry>> entries(String cc, String pid, String cdrId) {
        return JournalEntry.<JournalEntry>list(
                        "cpoCountryCode = ?1 and cpoPartyId = ?2 and cdrId = ?3 order by postedAt", cc.toUpperCase(),
                        pid.toUpperCase(), cdrId)
                .flatMap(entries -> {
                    List<UUID> ids = entries.stream().map(e -> e.id).toList();
                    Uni<List<JournalLine>> lines = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : JournalLine.list("entryId in ?1 order by id", ids);
                    return lines.map(all -> {
                        Map<UUID, List<JournalLine>> byEntry = all.stream()
                                .collect(Collectors.groupingBy(l -> l.entryId));
                        return entries.stream().map(e -> Entry.of(e, byEntry.getOrDefault(e.id, List.of()))).toList();
                    });
                });
    }

    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return OcpiDateTimeDeserializer.parse(value);
        } catch (DateTimeException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "as_of must be a date-time such as 2026-01-31T23:00:00Z");
        }
    }

    private static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).amount();
    }

    /** One account's balance in one currency. */
    public record Balance(
            @JsonProperty("account") String account,
            @JsonProperty("party") String party,
            @JsonProperty("currency") String currency,
            @JsonProperty("debits_minor") long debitsMinor,
            @JsonProperty("credits_minor") long creditsMinor,
            @JsonProperty("balance_minor") long balanceMinor,
            @JsonProperty("balance") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance) {

        static Balance of(String account, String party, String currency, long debits, long credits) {
            return new Balance(account, party, currency, debits, credits, debits - credits,
                    decimal(debits - credits, currency));
        }
    }

    /** One journal entry with its lines. */
    public record Entry(
            @JsonProperty("entry_id") String entryId,
            @JsonProperty("idempotency_key") String idempotencyKey,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("rating_revision") int ratingRevision,
            @JsonProperty("currency") String currency,
            @JsonProperty("posted_at") Instant postedAt,
            @JsonProperty("lines") List<Line> lines) {

        static Entry of(JournalEntry e, List<JournalLine> lines) {
            return new Entry(e.id.toString(), e.idempotencyKey, e.purpose, e.ratingRevision, e.currency, e.postedAt,
                    lines.stream().map(l -> new Line(l.account, l.party, l.side, l.amountMinor,
                            decimal(l.amountMinor, e.currency))).toList());
        }
    }

    /** One line of an entry. */
    public record Line(
            @JsonProperty("account") String account,
            @JsonProperty("party") String party,
            @JsonProperty("side") String side,
            @JsonProperty("amount_minor") long amountMinor,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
