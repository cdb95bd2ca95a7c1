package io.chargeclear.kit.reference;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep an in-memory snapshot from answering with what a commit already changed: reads load it first,
 * re-read a key this replica is changing until its notification was applied, and a slow load of old rows never
 * overwrites what a later load installed.
 */
class ReferenceSnapshotTest {

    /** The "database": rows by key, and every load it served. */
    static final class Table implements ReferenceSnapshot.Loader<String> {
        final Map<String, String> rows = new ConcurrentHashMap<>();
        final List<Set<String>> loads = new ArrayList<>();
        /** When set, the next single-key load waits for the test to complete it. */
        UniEmitter<? super Map<String, String>> held;
        boolean hold;

        @Override
        public Uni<Map<String, String>> loadAll() {
            loads.add(Set.of("*"));
            return Uni.createFrom().item(Map.copyOf(rows));
        }

        @Override
        public Uni<Map<String, String>> load(Set<String> keys) {
            loads.add(keys);
            Map<String, String> answer = new HashMap<>();
            keys.forEach(k -> {
                if (rows.containsKey(k)) {
                    answer.put(k, rows.get(k));
                }
            });
            if (hold) {
                hold = false;
                return Uni.createFrom().emitter(emitter -> held = emitter);
            }
            return Uni.createFrom().item(answer);
        }
    }

    private final Table table = new Table();
    private final ReferenceSnapshot<String, Map<String, String>> snapshot =
            new ReferenceSnapshot<>("test", table, Map::copyOf, Duration.ofMinutes(1));

    private Map<String, String> read() {
        return snapshot.current().await().indefinitely();
    }

    @Test
    void theFirstReadLoadsEverythingAndLaterReadsComeFromMemory() {
        table.rows.put("p1", "active");
        assertThat(read()).containsEntry("p1", "active");
        table.rows.put("p1", "suspended");
        assertThat(read()).containsEntry("p1", "active");
        assertThat(table.loads).hasSize(1);
    }

    @Test
    void aKeyBeingChangedHereIsReReadUntilItsNotificationIsApplied() {
        table.rows.put("p1", "active");
        read();
        snapshot.announcing("p1");
        table.rows.put("p1", "suspended"); // the commit
        assertThat(read()).containsEntry("p1", "suspended");
        assertThat(read()).containsEntry("p1", "suspended");
        int loads = table.loads.size();

        snapshot.changed("p1"); // the commit's own notification
        assertThat(read()).containsEntry("p1", "suspended");
        assertThat(read()).containsEntry("p1", "suspended");
        assertThat(table.loads).as("no re-read once the notification was applied").hasSize(loads + 1);
    }

    @Test
    void aNotificationFromAnotherReplicaReloadsTheKeyAndADeletedKeyLeaves() {
        table.rows.put("p1", "active");
        table.rows.put("p2", "active");
        read();
        table.rows.remove("p2");
        table.rows.put("p1", "suspended");
        snapshot.changed("p2");
        assertThat(read()).doesNotContainKey("p2").containsEntry("p1", "active");
        snapshot.changed("p1");
        assertThat(read()).containsEntry("p1", "suspended");
    }

    @Test
    void aSlowLoadOfOldRowsNeverOverwritesWhatALaterLoadInstalled() {
        table.rows.put("p1", "active");
        read();
        table.hold = true;
        snapshot.changed("p1"); // started before the change, answers late
        Map<String, String> oldRows = Map.of("p1", "active");

        table.rows.put("p1", "suspended");
        snapshot.changed("p1"); // started after the commit
        assertThat(read()).containsEntry("p1", "suspended");

        table.held.complete(oldRows);
        assertThat(read()).containsEntry("p1", "suspended");
    }

    @Test
    void resubscribingReloadsEverythingMissedMeanwhile() {
        table.rows.put("p1", "active");
        read();
        table.rows.put("p1", "suspended");
        table.rows.put("p3", "active");
        snapshot.subscribed();
        assertThat(read()).containsEntry("p1", "suspended").containsEntry("p3", "active");
    }

    @Test
    void aMarkLeftByARolledBackChangeEndsAfterTheTimeout() {
        ReferenceSnapshot<String, Map<String, String>> quick =
                new ReferenceSnapshot<>("test", table, Map::copyOf, Duration.ZERO);
        table.rows.put("p1", "active");
        quick.current().await().indefinitely();
        quick.announcing("p1"); // its transaction rolls back: no notification
        quick.current().await().indefinitely();
        int loads = table.loads.size();
        quick.current().await().indefinitely();
        assertThat(table.loads).hasSize(loads);
    }
}
