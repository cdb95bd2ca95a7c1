package io.chargeclear.kit.directory;

import io.chargeclear.kit.reference.ReferenceChanges;
import io.chargeclear.kit.reference.ReferenceSnapshot;
import io.chargeclear.model.event.OcpiParty;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link DirectoryParty party directory} in memory (ADR 0018): who a party is, which platform speaks for it,
 * whether that platform is active. Kept per platform, like {@link PartyDirectory#apply} changes it.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.party-directory.enabled", stringValue = "true", enableIfMissing = true)
public class PartyDirectorySnapshot {

    /** The NOTIFY channel; the key is the platform id. */
    public static final String CHANNEL = "ref_party_directory";

    /**
     * One directory entry: OCPI's (country_code, party_id, role), its platform, the EMAID provider ids it holds (an
     * eMSP) and whether it is a payment terminal provider (a party of role OTHER).
     */
    public record Entry(String countryCode, String partyId, String role, String name, String platformId,
                        String platformName, String status, List<String> emaidProviderIds,
                        boolean paymentTerminalProvider) {

        public Entry {
            emaidProviderIds = emaidProviderIds == null ? List.of() : List.copyOf(emaidProviderIds);
        }

        /** An entry without EMAID provider ids that is no payment terminal provider. */
        public Entry(String countryCode, String partyId, String role, String name, String platformId,
                     String platformName, String status) {
            this(countryCode, partyId, role, name, platformId, platformName, status, List.of(), false);
        }

        public OcpiParty party() {
            return new OcpiParty(countryCode, partyId);
        }

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    /** The directory as reads use it. */
    public static final class Directory {
        private final Map<OcpiParty, List<Entry>> byParty;
        private final Map<String, List<Entry>> byPlatform;
        private final Map<String, Entry> byEmaidProvider;
        private final List<Entry> all;

        Directory(Map<String, List<Entry>> byPlatform) {
            this.byPlatform = Map.copyOf(byPlatform);
            this.all = byPlatform.values().stream().flatMap(List::stream)
                    .sorted(Comparator.comparing(Entry::countryCode).thenComparing(Entry::partyId)
                            .thenComparing(Entry::role))
                    .toList();
            this.byParty = all.stream().collect(Collectors.groupingBy(Entry::party, Collectors.toUnmodifiableList()));
            Map<String, Entry> providers = new HashMap<>();
            for (Entry entry : all) {
                // the registry gives a provider id one live holder; a holder changing platforms is briefly in both
                // snapshots, and the active one wins
                entry.emaidProviderIds().forEach(id -> providers.merge(id, entry,
                        (known, other) -> known.active() ? known : other));
            }
            this.byEmaidProvider = Map.copyOf(providers);
        }

        /** The eMSP holding the EMAID provider id (normal form, e.g. {@code NLTNM}), if any. */
        public Optional<Entry> emaidProvider(String providerId) {
            return Optional.ofNullable(byEmaidProvider.get(providerId));
        }

        /** Every role of the party (empty when no platform claims it). */
        public List<Entry> party(OcpiParty party) {
            return byParty.getOrDefault(party, List.of());
        }

        /** Every entry of the platform. */
        public List<Entry> platform(String platformId) {
            return byPlatform.getOrDefault(platformId, List.of());
        }

        /** The platform's parties while it is active, each once, in (country, party id) order. */
        public List<OcpiParty> activeParties(String platformId) {
            return platform(platformId).stream().filter(Entry::active)
                    .sorted(Comparator.comparing(Entry::countryCode).thenComparing(Entry::partyId))
                    .map(Entry::party).distinct().toList();
        }

        /** Every entry, in (country, party id, role) order. */
        public List<Entry> all() {
            return all;
        }
    }

    private final ReferenceChanges changes;
    private final ReferenceSnapshot<List<Entry>, Directory> snapshot;

    public PartyDirectorySnapshot(ReferenceChanges changes, Pool pool,
                                  @ConfigProperty(name = "chargeclear.db.schema") String schema,
                                  @ConfigProperty(name = "chargeclear.reference.pending-timeout",
                                          defaultValue = "PT10S") Duration pendingTimeout) {
        this.changes = changes;
        String select = "select country_code, party_id, role, name, platform_id, platform_name, status,"
                + " emaid_provider_ids, payment_terminal_provider from "
                + schema + ".party_directory";
        this.snapshot = new ReferenceSnapshot<>("party directory", new ReferenceSnapshot.Loader<>() {
            @Override
            public Uni<Map<String, List<Entry>>> loadAll() {
                return pool.query(select).execute().map(PartyDirectorySnapshot::byPlatform);
            }

            @Override
            public Uni<Map<String, List<Entry>>> load(Set<String> platforms) {
                return pool.preparedQuery(select + " where platform_id = any($1)")
                        .execute(Tuple.of(platforms.toArray(String[]::new)))
                        .map(PartyDirectorySnapshot::byPlatform);
            }
        }, Directory::new, pendingTimeout);
    }

    void listen(@Observes StartupEvent start) {
        changes.listen(CHANNEL, snapshot);
    }

    /** The directory as of now, current for the platforms this replica is changing. */
    public Uni<Directory> current() {
        return snapshot.current();
    }

    /** Announces a change of the platform's parties; must run inside the transaction that makes it. */
    public Uni<Void> announce(String platformId) {
        return changes.announce(CHANNEL, platformId);
    }

    /** The provider ids of a {@code party_directory.emaid_provider_ids} column. */
    static List<String> providerIds(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    private static Map<String, List<Entry>> byPlatform(RowSet<Row> rows) {
        Map<String, List<Entry>> byPlatform = new HashMap<>();
        for (Row row : rows) {
            Entry entry = new Entry(row.getString("country_code"), row.getString("party_id"), row.getString("role"),
                    row.getString("name"), row.getString("platform_id"), row.getString("platform_name"),
                    row.getString("status"), providerIds(row.getString("emaid_provider_ids")),
                    row.getBoolean("payment_terminal_provider"));
            byPlatform.computeIfAbsent(entry.platformId(), p -> new ArrayList<>()).add(entry);
        }
        return byPlatform;
    }
}
