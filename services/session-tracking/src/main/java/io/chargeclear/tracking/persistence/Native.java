package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL where JPQL has no words for it: {@code insert ... on conflict do nothing}, which is how tracking
 * makes a row exist exactly once when two topics race to create it. Runs in the caller's session.
 */
public final class Native {

    private Native() {
    }

    /**
     * @param namesAndValues parameter names and values, alternating
     * @return the number of rows changed
     */
    public static Uni<Integer> execute(String sql, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                query.setParameter((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return query.executeUpdate();
        });
    }
}
