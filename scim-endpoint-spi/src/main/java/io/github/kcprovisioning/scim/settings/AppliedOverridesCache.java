package io.github.kcprovisioning.scim.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.component.ComponentModel;

/**
 * {@link RealmOverrides#apply} of each realm's settings component, kept between requests: every SCIM request needs the
 * realm's settings, and parsing them again (numbers, attribute mappings) each time is wasted work, since the outcome depends
 * on nothing but the component's config and the server settings. An entry is reused only while its realm, component, config
 * and server settings (the same instance) are unchanged, so an edited component or new server settings take effect at once.
 * Only usable settings are kept; whether the required role still exists is checked by the caller on every request.
 */
final class AppliedOverridesCache {

    /** more realms than this and the cache starts over: entries of deleted realms are not removed otherwise */
    private static final int MAX_REALMS = 1000;

    private record Entry(String componentId, Map<String, List<String>> config, ServerSettings server, RealmOverrides.Applied applied) {
    }

    private final Map<String, Entry> byRealm = new ConcurrentHashMap<>();

    RealmOverrides.Applied apply(String realmId, ComponentModel component, ServerSettings server) throws InvalidSettingException {
        Entry entry = byRealm.get(realmId);
        if (entry != null && entry.server() == server && entry.componentId().equals(component.getId())
                && entry.config().equals(component.getConfig())) {
            return entry.applied();
        }
        Map<String, List<String>> config = copy(component.getConfig());
        RealmOverrides.Applied applied = RealmOverrides.apply(server, config);
        if (byRealm.size() >= MAX_REALMS) {
            byRealm.clear();
        }
        byRealm.put(realmId, new Entry(component.getId(), config, server, applied));
        return applied;
    }

    /** a copy of its own: the model's config is mutable, and the entry must keep what it was computed from */
    private static Map<String, List<String>> copy(Map<String, List<String>> config) {
        Map<String, List<String>> copy = new HashMap<>();
        config.forEach((key, values) -> copy.put(key, new ArrayList<>(values)));
        return copy;
    }
}
