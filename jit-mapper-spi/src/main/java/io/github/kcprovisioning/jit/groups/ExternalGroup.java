package io.github.kcprovisioning.jit.groups;

import java.util.List;

/**
 * A group as the identity provider asserts it, already validated and normalized.
 *
 * @param externalId stable identity at the source: the object id when the source sends one, otherwise the name or path itself
 * @param path       segments below the managed root; the last one is the group's display name
 * @param stableId   true when {@code externalId} is an id independent of the name (a rename keeps it)
 */
public record ExternalGroup(String externalId, List<String> path, boolean stableId) {

    public ExternalGroup {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an external group needs a name");
        }
    }

    public String name() {
        return path.get(path.size() - 1);
    }

    /** Parent segments (empty for a direct child of the managed root). */
    public List<String> parentPath() {
        return path.subList(0, path.size() - 1);
    }

    public String displayPath() {
        return "/" + String.join("/", path);
    }
}
