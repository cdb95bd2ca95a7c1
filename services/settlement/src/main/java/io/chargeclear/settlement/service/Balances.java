package io.chargeclear.settlement.service;

import io.chargeclear.model.event.OcpiParty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Account balances from the journal: per account and currency, debits and credits posted up to a moment. A
 * positive balance on an eMSP's receivable is what it owes the hub; a negative one on a CPO's payable is what the
 * hub owes it.
 */
@ApplicationScoped
public class Balances {

    /** One account's sums in one currency. */
    public record Sums(String account, String party, String currency, long debits, long credits) {
    }

    /** Balances as of {@code at}; with {@code parties}, only their accounts; with {@code currency}, only it. */
    public Uni<List<Sums>> asOf(Instant at, List<OcpiParty> parties, String currency) {
        StringBuilder hql = new StringBuilder("select l.account, l.party, e.currency,"
                + " sum(case when l.side = 'DEBIT' then l.amountMinor else 0 end),"
                + " sum(case when l.side = 'CREDIT' then l.amountMinor else 0 end)"
                + " from JournalLine l, JournalEntry e where l.entryId = e.id and e.postedAt <= :at");
        Map<String, Object> params = new HashMap<>();
        params.put("at", at);
        if (parties != null) {
            hql.append(" and l.party in :parties");
            params.put("parties", parties.isEmpty() ? List.of("-") : parties.stream().map(OcpiParty::toString).toList());
        }
        if (currency != null) {
            hql.append(" and e.currency = :currency");
            params.put("currency", currency.toUpperCase());
        }
        hql.append(" group by l.account, l.party, e.currency order by l.account, e.currency");
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var query = session.createSelectionQuery(hql.toString(), Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        })).map(rows -> rows.stream().map(r -> new Sums((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList());
    }
}
