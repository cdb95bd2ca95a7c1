package io.chargeclear.kit.security;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token hashes recently found nowhere (not in memory, not in the database, unknown to the registry): presenting one
 * again within {@code ttl} is refused from memory, so a client repeating a bad token costs no database read and no
 * registry call (ADR 0018). Bounded: when full, expired entries go, and if none did, everything does (a flood of
 * distinct bad tokens then costs what it cost before this cache, and the registry side is rate-limited anyway).
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.security.platform-tokens", stringValue = "true")
public class UnknownTokens {

    private final long ttlNanos;
    private final int max;
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    public UnknownTokens(@ConfigProperty(name = "chargeclear.security.unknown-tokens.ttl", defaultValue = "PT10S")
                         Duration ttl,
                         @ConfigProperty(name = "chargeclear.security.unknown-tokens.max", defaultValue = "10000")
                         int max) {
        this.ttlNanos = ttl.toNanos();
        this.max = max;
    }

    /** Whether every one of {@code hashes} was found nowhere within the last {@code ttl}. */
    public boolean recentlyUnknown(List<String> hashes) {
        long now = System.nanoTime();
        for (String hash : hashes) {
            Long expires = until.get(hash);
            if (expires == null || now - expires >= 0) {
                return false;
            }
        }
        return true;
    }

    public void remember(List<String> hashes) {
        if (until.size() + hashes.size() > max) {
            long now = System.nanoTime();
            until.values().removeIf(expires -> now - expires >= 0);
            if (until.size() + hashes.size() > max) {
                until.clear();
            }
        }
        long expires = System.nanoTime() + ttlNanos;
        hashes.forEach(hash -> until.put(hash, expires));
    }

    /** A token of these hashes exists after all (issued since): stop refusing it from memory. */
    public void forget(List<String> hashes) {
        hashes.forEach(until::remove);
    }
}
