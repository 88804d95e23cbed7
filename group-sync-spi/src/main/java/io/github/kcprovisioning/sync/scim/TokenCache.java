package io.github.kcprovisioning.sync.scim;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth2 access tokens per target, shared by all sessions of the node, reused until shortly before they expire. */
final class TokenCache {

    private record Cached(String token, Instant expiresAt) {
    }

    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();

    String get(String key, Instant now) {
        Cached cached = tokens.get(key);
        return cached != null && now.isBefore(cached.expiresAt()) ? cached.token() : null;
    }

    void put(String key, String token, Instant expiresAt) {
        tokens.put(key, new Cached(token, expiresAt));
    }

    void invalidate(String key) {
        tokens.remove(key);
    }

    void invalidateTarget(String targetId) {
        tokens.keySet().removeIf(key -> key.startsWith(targetId + '|'));
    }
}
