package io.chargeclear.rating.persistence;

import io.chargeclear.rating.domain.ReferenceWait;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What waiting CDRs wait for (table {@code cdr_rating_wait}, docs/adr/0022), and the locking reads that hand the
 * CDRs to rate to one replica at a time: every read of CDRs to rate takes their rows {@code for update skip locked},
 * so two replicas (or a consumer and the sweep) never rate the same CDR at once; a row another transaction holds is
 * left for the next try. Every method flushes the session first, so rows persisted earlier in the same transaction
 * (a batch of records applied in one session) are seen. Runs in the caller's transaction.
 */
@ApplicationScoped
public class RatingWaits {

    /** The tables, in the service's schema ({@code {h-schema}} is Hibernate's default schema, with its dot). */
    private static final String WAITS = "{h-schema}cdr_rating_wait";
    private static final String RATINGS = "{h-schema}cdr_rating";
    private static final String CDR_OF_WAIT = "w.country_code = r.country_code and w.party_id = r.party_id"
            + " and w.cdr_id = r.cdr_id";

    /** Replaces what the CDR waits for with {@code waits} (none: it waits for nothing any more). */
    public Uni<Void> replace(CdrRating rating, List<ReferenceWait> waits) {
        return session().flatMap(s -> s.createNativeQuery("delete from " + WAITS + " where country_code = :cc"
                                + " and party_id = :pid and cdr_id = :cdr")
                        .setParameter("cc", rating.countryCode).setParameter("pid", rating.partyId)
                        .setParameter("cdr", rating.cdrId)
                        .executeUpdate()
                .flatMap(deleted -> Multi.createFrom().iterable(waits)
                        .onItem().transformToUniAndConcatenate(wait -> s.createNativeQuery(
                                        "insert into " + WAITS + " (country_code, party_id, cdr_id, kind, ref_id, due,"
                                                + " checked_at) values (:cc, :pid, :cdr, :kind, :ref, false, now())")
                                .setParameter("cc", rating.countryCode).setParameter("pid", rating.partyId)
                                .setParameter("cdr", rating.cdrId).setParameter("kind", wait.kind().name())
                                .setParameter("ref", wait.refId())
                                .executeUpdate())
                        .collect().last()))
                .replaceWithVoid();
    }

    /**
     * Marks the CDRs waiting for one object as due and locks at most {@code limit} of them, oldest first. The ones
     * not returned stay due for the sweep.
     */
    public Uni<List<CdrRating>> arrived(ReferenceWait.Kind kind, String countryCode, String partyId, String refId,
                                        int limit) {
        return session().flatMap(s -> s.createNativeQuery("update " + WAITS + " set due = true where kind = :kind"
                                + " and country_code = :cc and party_id = :pid and ref_id = :ref and not due")
                        .setParameter("kind", kind.name()).setParameter("cc", countryCode)
                        .setParameter("pid", partyId).setParameter("ref", refId)
                        .executeUpdate()
                .flatMap(marked -> s.createNativeQuery("select r.* from " + RATINGS + " r"
                                + " where r.country_code = :cc and r.party_id = :pid"
                                + " and exists (select 1 from " + WAITS + " w where " + CDR_OF_WAIT
                                + " and w.due and w.kind = :kind and w.ref_id = :ref)"
                                + " order by r.rated_at limit :limit for update of r skip locked", CdrRating.class)
                        .setParameter("kind", kind.name()).setParameter("cc", countryCode)
                        .setParameter("pid", partyId).setParameter("ref", refId).setParameter("limit", limit)
                        .getResultList()));
    }

    /** {@link #arrived} for every CDR waiting for any object of this kind (new standard terms can serve them all). */
    public Uni<List<CdrRating>> arrivedAll(ReferenceWait.Kind kind, int limit) {
        return session().flatMap(s -> s.createNativeQuery("update " + WAITS + " set due = true where kind = :kind"
                                + " and not due")
                        .setParameter("kind", kind.name())
                        .executeUpdate()
                .flatMap(marked -> dueOf(s, "and w.kind = :kind", limit).setParameter("kind", kind.name())
                        .getResultList()));
    }

    /** Locks at most {@code limit} CDRs whose awaited object arrived but that no event's transaction rated. */
    public Uni<List<CdrRating>> lockDue(int limit) {
        return session().flatMap(s -> dueOf(s, "", limit).getResultList());
    }

    /** Locks at most {@code limit} PENDING CDRs that have waited {@code grace} or longer, oldest first. */
    public Uni<List<CdrRating>> lockExpiredPending(Duration grace, int limit) {
        return session().flatMap(s -> s.createNativeQuery("select r.* from " + RATINGS + " r"
                                + " where r.status = 'PENDING' and r.pending_since <= " + millisAgo("graceMillis")
                                + " order by r.pending_since limit :limit for update of r skip locked", CdrRating.class)
                        .setParameter("graceMillis", grace.toMillis()).setParameter("limit", limit)
                        .getResultList());
    }

    /**
     * Locks at most {@code limit} FLAGGED CDRs that wait for something and were not evaluated for {@code age}: the
     * safety net for an event whose re-rating was missed (an agreement listener that failed, a CDR evaluated while
     * its object was being committed).
     */
    public Uni<List<CdrRating>> lockUncheckedFlagged(Duration age, int limit) {
        return session().flatMap(s -> s.createNativeQuery("select r.* from " + RATINGS + " r"
                                + " where r.status = 'FLAGGED' and exists (select 1 from " + WAITS + " w where "
                                + CDR_OF_WAIT + " and w.checked_at <= " + millisAgo("ageMillis") + ")"
                                + " order by r.rated_at limit :limit for update of r skip locked", CdrRating.class)
                        .setParameter("ageMillis", age.toMillis()).setParameter("limit", limit)
                        .getResultList());
    }

    /** What each of these CDRs waits for, for the operator view; a CDR that waits for nothing is absent. */
    public Uni<Map<CdrRating.Key, List<CdrRatingWait>>> of(List<CdrRating> ratings) {
        List<String> ids = ratings.stream().filter(r -> !CdrRating.RATED.equals(r.status)).map(r -> r.cdrId)
                .distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session().flatMap(s -> CdrRatingWait.<CdrRatingWait>list("cdrId in ?1 order by kind, refId", ids))
                .map(rows -> rows.stream().collect(Collectors.groupingBy(
                        w -> new CdrRating.Key(w.countryCode, w.partyId, w.cdrId))));
    }

    /** How many CDRs wait, for the operators' gauges. */
    public record Backlog(long pending, java.time.Instant oldestPendingSince, long waiting) {
    }

    /**
     * Counts the PENDING CDRs (through the partial index the sweep reads them by), when the oldest started waiting,
     * and the CDRs, PENDING or flagged, that wait for any later event. One statement, in the caller's session.
     */
    public Uni<Backlog> backlog() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select"
                        + " (select count(*) from " + RATINGS + " where status = 'PENDING'),"
                        + " (select min(pending_since) from " + RATINGS + " where status = 'PENDING'),"
                        + " (select count(*) from (select distinct country_code, party_id, cdr_id from " + WAITS
                        + ") w)", Object[].class).getSingleResult())
                .map(row -> new Backlog(((Number) row[0]).longValue(), instant(row[1]), ((Number) row[2]).longValue()));
    }

    private static java.time.Instant instant(Object value) {
        if (value == null || value instanceof java.time.Instant) {
            return (java.time.Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static Mutiny.SelectionQuery<CdrRating> dueOf(Mutiny.Session s, String condition, int limit) {
        return s.createNativeQuery("select r.* from " + RATINGS + " r"
                        + " where exists (select 1 from " + WAITS + " w where " + CDR_OF_WAIT
                        + " and w.due " + condition
                        + ") order by r.rated_at limit :limit for update of r skip locked", CdrRating.class)
                .setParameter("limit", limit);
    }

    /** The database's now less the milliseconds of parameter {@code name}. */
    private static String millisAgo(String name) {
        return "now() - cast(:" + name + " as double precision) * interval '1 millisecond'";
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession().call(Mutiny.Session::flush);
    }
}
