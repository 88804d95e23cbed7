package io.github.kcprovisioning.jit.groups;

import java.util.ArrayList;
import java.util.List;

/**
 * A group as the identity provider asserts it, already validated and normalized.
 *
 * @param externalId  stable identity at the source: the object id when the source sends one, otherwise the name or path itself
 * @param path        segments below the managed root; the last one is the group's display name
 * @param stableId    true when {@code externalId} is an id independent of the name (a rename keeps it)
 * @param ancestorIds the external ids of the groups on the path above this one, outermost first (one fewer than segments)
 */
public record ExternalGroup(String externalId, List<String> path, boolean stableId, List<String> ancestorIds) {

    public ExternalGroup {
        path = List.copyOf(path);
        ancestorIds = List.copyOf(ancestorIds);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an external group needs a name");
        }
        if (ancestorIds.size() != path.size() - 1) {
            throw new IllegalArgumentException("one ancestor id per segment above the group");
        }
    }

    /** A group whose ancestors are identified by their own paths ({@code /eng} above {@code /eng/backend}). */
    public ExternalGroup(String externalId, List<String> path, boolean stableId) {
        this(externalId, path, stableId, pathIds(path));
    }

    public String name() {
        return path.get(path.size() - 1);
    }

    public String displayPath() {
        return "/" + String.join("/", path);
    }

    /** The same group placed below {@code ancestors} (outermost first): names and external ids of the groups above it. */
    public ExternalGroup below(List<String> ancestorNames, List<String> ancestorExternalIds) {
        List<String> fullPath = new ArrayList<>(ancestorNames);
        fullPath.add(name());
        return new ExternalGroup(externalId, fullPath, stableId, ancestorExternalIds);
    }

    private static List<String> pathIds(List<String> path) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            ids.add("/" + String.join("/", path.subList(0, i)));
        }
        return ids;
    }
}
