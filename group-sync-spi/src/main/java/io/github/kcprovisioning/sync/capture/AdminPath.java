package io.github.kcprovisioning.sync.capture;

import java.util.Optional;

/** An admin event's resource path ({@code users/{id}/groups/{groupId}}) split into segments. */
record AdminPath(String[] segments) {

    static AdminPath parse(String resourcePath) {
        return new AdminPath(resourcePath == null ? new String[0] : resourcePath.split("/"));
    }

    /** the segment at {@code index}, e.g. at(2) of "user-storage/42/sync" is "sync"; empty past the end */
    Optional<String> at(int index) {
        return index < segments.length ? Optional.of(segments[index]) : Optional.empty();
    }

    /** the id following the collection name at {@code index}, e.g. segment(0, "users") of "users/42/groups/7" is "42" */
    Optional<String> segment(int index, String collection) {
        if (segments.length > index + 1 && collection.equals(segments[index]) && !segments[index + 1].isBlank()) {
            return Optional.of(segments[index + 1]);
        }
        return Optional.empty();
    }
}
