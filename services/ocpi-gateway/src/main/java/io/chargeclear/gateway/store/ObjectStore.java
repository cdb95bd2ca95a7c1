package io.chargeclear.gateway.store;

import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.model.event.OcpiParty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's copies of routed objects ({@code ocpi_object}): one current version per module, owner and id.
 * Lists are in creation order and paged by key ({@code seq}), so a client crawling pages never sees an object
 * twice or misses one when objects are added or removed meanwhile. Runs in the caller's session.
 */
@ApplicationScoped
public class ObjectStore {

    private final Pool pool;
    private final String ownersQuery;
    private final String referenceQuery;

    public ObjectStore(Pool pool, @ConfigProperty(name = "chargeclear.db.schema") String schema) {
        this.pool = pool;
        // the same expressions as findById, served by the functional index ocpi_object_module_lower_id (V8)
        this.ownersQuery = "select distinct country_code, party_id from " + schema + ".ocpi_object"
                + " where module = $1 and lower(object_id) = lower($2) and ($3 = '' or token_type = $3)"
                + " order by country_code, party_id";
        // served by the partial index ocpi_object_authorization_reference (V10)
        this.referenceQuery = "select distinct country_code, party_id from " + schema + ".ocpi_object"
                + " where module in ('sessions', 'cdrs') and recipient_country_code = $1 and recipient_party_id = $2"
                + " and (body::jsonb ->> 'authorization_reference') = $3 order by country_code, party_id";
    }

    /**
     * Who may see what in a list: objects of these owners, or owned by, addressed to or copied to this party.
     */
    public record Visibility(boolean everyone, List<String> ownerKeys, OcpiParty ownOrAddressed) {
    }

    /** One page and the total across pages. */
    public record Slice(List<StoredObject> items, long total) {
    }

    public Uni<StoredObject> find(String module, OcpiParty owner, String objectId, String tokenType) {
        return byOwner(module, owner, objectId, tokenType).firstResult();
    }

    /** Like {@link #find}, locking the row until the transaction ends: concurrent updates of one object queue up. */
    public Uni<StoredObject> findForUpdate(String module, OcpiParty owner, String objectId, String tokenType) {
        return byOwner(module, owner, objectId, tokenType).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static io.quarkus.hibernate.reactive.panache.PanacheQuery<StoredObject> byOwner(
            String module, OcpiParty owner, String objectId, String tokenType) {
        return StoredObject.find("module = ?1 and countryCode = ?2 and partyId = ?3 and lower(objectId) = lower(?4)"
                        + " and tokenType = ?5", module, owner.countryCode(), owner.partyId(), objectId,
                tokenType == null ? "" : tokenType);
    }

    /**
     * The owners of the {@code module} objects with this id (open routing by id), read with one statement on the
     * reactive pool: no ORM session, no entity built, no JSON content read. For the real-time authorization, where
     * the owner is all the hub needs from the stored token and every millisecond is the driver's.
     */
    public Uni<List<OcpiParty>> owners(String module, String objectId, String tokenType) {
        return pool.preparedQuery(ownersQuery)
                .execute(Tuple.of(module, objectId, tokenType == null ? "" : tokenType))
                .map(rows -> {
                    List<OcpiParty> owners = new ArrayList<>();
                    for (Row row : rows) {
                        owners.add(new OcpiParty(row.getString("country_code"), row.getString("party_id")));
                    }
                    return owners;
                });
    }

    /**
     * The CPOs whose sessions or CDRs sent to {@code recipient} carry this {@code authorization_reference}: where a
     * payment terminal provider's financial advice confirmation goes when it names no CPO (OCPI 2.3.0 payments).
     */
    public Uni<List<OcpiParty>> ownersByAuthorizationReference(OcpiParty recipient, String reference) {
        return pool.preparedQuery(referenceQuery)
                .execute(Tuple.of(recipient.countryCode(), recipient.partyId(), reference))
                .map(rows -> {
                    List<OcpiParty> owners = new ArrayList<>();
                    for (Row row : rows) {
                        owners.add(new OcpiParty(row.getString("country_code"), row.getString("party_id")));
                    }
                    return owners;
                });
    }

    /** Objects of a module with this id, whoever owns them (open routing by id). */
    public Uni<List<StoredObject>> findById(String module, String objectId, String tokenType) {
        return StoredObject.list("module = ?1 and lower(objectId) = lower(?2) and (?3 = '' or tokenType = ?3)",
                module, objectId, tokenType == null ? "" : tokenType);
    }

    public Uni<StoredObject> save(StoredObject object) {
        return object.persist();
    }

    public Uni<Void> delete(StoredObject object) {
        return object.delete();
    }

    /**
     * A page of {@code module} objects visible under {@code visibility}, {@code last_updated} in
     * [{@code from}, {@code to}), after key {@code after} (or skipping {@code offset}), at most {@code limit}.
     */
    public Uni<Slice> list(String module, Visibility visibility, Instant from, Instant to, Long after, int offset,
                           int limit) {
        StringBuilder where = new StringBuilder("module = :module");
        Map<String, Object> params = new HashMap<>();
        params.put("module", module);
        if (!visibility.everyone()) {
            List<String> clauses = new ArrayList<>();
            if (!visibility.ownerKeys().isEmpty()) {
                clauses.add("concat(countryCode, '*', partyId) in :owners");
                params.put("owners", visibility.ownerKeys());
            }
            if (visibility.ownOrAddressed() != null) {
                clauses.add("(countryCode = :cc and partyId = :pid)");
                clauses.add("(recipientCountryCode = :cc and recipientPartyId = :pid)");
                clauses.add("(copyCountryCode = :cc and copyPartyId = :pid)");
                params.put("cc", visibility.ownOrAddressed().countryCode());
                params.put("pid", visibility.ownOrAddressed().partyId());
            }
            where.append(clauses.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", clauses) + ")");
        }
        if (from != null) {
            where.append(" and lastUpdated >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and lastUpdated < :to");
            params.put("to", to);
        }
        String filter = where.toString();
        Map<String, Object> countParams = new HashMap<>(params);
        var query = after != null
                ? StoredObject.<StoredObject>find(filter + " and seq > :after order by seq", with(params, "after", after))
                : StoredObject.<StoredObject>find(filter + " order by seq", params);
        Uni<List<StoredObject>> items = after != null
                ? query.range(0, limit - 1).list()
                : query.range(offset, offset + limit - 1).list();
        return items.flatMap(page -> StoredObject.count(filter, countParams).map(total -> new Slice(page, total)));
    }

    private static Map<String, Object> with(Map<String, Object> params, String name, Object value) {
        Map<String, Object> copy = new HashMap<>(params);
        copy.put(name, value);
        return copy;
    }
}
