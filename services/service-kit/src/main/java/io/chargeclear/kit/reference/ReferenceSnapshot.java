package io.chargeclear.kit.reference;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reference data held in memory, one value per key (a platform id), with an index built from all of them, kept
 * equal to the database through {@link ReferenceChanges} (ADR 0018). Reads never wait on a lock and never block:
 * <ul>
 *     <li>until the first full load succeeds, a read starts it (one load at a time) and waits for it, so the first
 *     requests after a start cost one load and a database outage at start is answered like any other (503);</li>
 *     <li>a key this replica is changing ({@link ReferenceChanges.Listener#announcing}) is re-read from the database
 *     by every read until its committed notification has been applied: what the changing request's next request
 *     sees is never older than that commit. A mark left by a transaction that rolled back ends after
 *     {@code pendingTimeout};</li>
 *     <li>a load installs a key only if no load that started later installed it first, so a slow read of the old
 *     rows can never overwrite what a notification loaded after the commit.</li>
 * </ul>
 *
 * @param <V> what one key holds ({@code null} from the loader: the key is gone)
 * @param <I> the index reads use, rebuilt from every value after each change (reference data is small and rarely
 *            changes)
 */
public final class ReferenceSnapshot<V, I> implements ReferenceChanges.Listener {

    private static final Logger LOG = Logger.getLogger(ReferenceSnapshot.class);

    /** Reads the rows behind the snapshot; keys the answer leaves out no longer exist. */
    public interface Loader<V> {

        Uni<Map<String, V>> loadAll();

        Uni<Map<String, V>> load(Set<String> keys);
    }

    private final String name;
    private final Loader<V> loader;
    private final Function<Map<String, V>, I> indexer;
    private final long pendingNanos;
    private final AtomicLong sequence = new AtomicLong();
    /** Keys this replica is changing, with the time (System.nanoTime) after which a reload may end the mark. */
    private final Map<String, Mark> pending = new ConcurrentHashMap<>();

    /** Guarded by {@code this}; published through the volatile {@link #state}. */
    private final Map<String, V> values = new HashMap<>();
    private final Map<String, Long> installedBy = new HashMap<>();
    private volatile I state;
    private boolean fullyLoaded;
    private Uni<I> firstLoad;

    public ReferenceSnapshot(String name, Loader<V> loader, Function<Map<String, V>, I> indexer,
                             Duration pendingTimeout) {
        this.name = name;
        this.loader = loader;
        this.indexer = indexer;
        this.pendingNanos = pendingTimeout.toNanos();
    }

    /** The index as of now: loads first if nothing is loaded yet, re-reads the keys being changed first. */
    public Uni<I> current() {
        I loaded = state;
        if (loaded == null) {
            return loadFirst();
        }
        if (pending.isEmpty()) {
            return Uni.createFrom().item(loaded);
        }
        Map<String, Mark> due = Map.copyOf(pending);
        return reload(due.keySet()).map(index -> {
            long now = System.nanoTime();
            due.forEach((key, mark) -> {
                if (now - mark.until() >= 0) {
                    pending.remove(key, mark);
                }
            });
            return index;
        });
    }

    /** Whether a first full load has succeeded (for readiness and tests). */
    public boolean loaded() {
        return state != null;
    }

    /** Reloads {@code keys} now and returns the index with them ({@code null} before the first full load). */
    public Uni<I> reload(Set<String> keys) {
        long seq = sequence.incrementAndGet();
        return loader.load(keys).map(loadedValues -> install(seq, keys, loadedValues));
    }

    @Override
    public void announcing(String key) {
        pending.put(key, new Mark(System.nanoTime() + pendingNanos));
    }

    @Override
    public void changed(String key) {
        Mark mark = pending.get(key);
        reload(Set.of(key)).subscribe().with(
                index -> {
                    if (mark != null) {
                        pending.remove(key, mark);
                    }
                },
                failure -> {
                    // reads re-read the key until a reload succeeds
                    LOG.warnf("reloading %s %s failed; reads will re-read it: %s", name, key, failure.getMessage());
                    pending.putIfAbsent(key, new Mark(System.nanoTime()));
                });
    }

    @Override
    public void subscribed() {
        long seq = sequence.incrementAndGet();
        loader.loadAll().map(all -> installAll(seq, all)).subscribe().with(
                index -> LOG.debugf("%s loaded: %d keys", name, values.size()),
                failure -> {
                    // nothing is lost: until a full load succeeds, every key counts as possibly changed
                    LOG.warnf("reloading all of %s failed; reads will load it: %s", name, failure.getMessage());
                    markAllStale();
                });
    }

    private synchronized void markAllStale() {
        if (state == null) {
            return;
        }
        long now = System.nanoTime();
        values.keySet().forEach(key -> pending.putIfAbsent(key, new Mark(now)));
        // keys created meanwhile are unknown here: a read missing one goes to the database (the caller's fallback)
    }

    private Uni<I> loadFirst() {
        Uni<I> load;
        synchronized (this) {
            if (state != null) {
                return Uni.createFrom().item(state);
            }
            if (firstLoad == null) {
                long seq = sequence.incrementAndGet();
                firstLoad = loader.loadAll().map(all -> installAll(seq, all))
                        .onTermination().invoke(() -> {
                            synchronized (this) {
                                firstLoad = null;
                            }
                        })
                        .memoize().indefinitely();
            }
            load = firstLoad;
        }
        return load;
    }

    private synchronized I install(long seq, Set<String> keys, Map<String, V> loadedValues) {
        for (String key : keys) {
            put(seq, key, loadedValues.get(key));
        }
        return publish();
    }

    private synchronized I installAll(long seq, Map<String, V> all) {
        Set<String> keys = new HashSet<>(values.keySet());
        keys.addAll(all.keySet());
        for (String key : keys) {
            put(seq, key, all.get(key));
        }
        fullyLoaded = true;
        return publish();
    }

    private void put(long seq, String key, V value) {
        Long installed = installedBy.get(key);
        if (installed != null && installed > seq) {
            return;
        }
        installedBy.put(key, seq);
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    private I publish() {
        if (!fullyLoaded) {
            // a single key loaded before the first full load: kept, but the index waits for everything
            return null;
        }
        I index = indexer.apply(Map.copyOf(values));
        state = index;
        return index;
    }

    /** Compared by identity: a reload ends only the mark it saw, never a newer one for the same key. */
    private static final class Mark {
        private final long until;

        Mark(long until) {
            this.until = until;
        }

        long until() {
            return until;
        }
    }
}
