package io.github.kcprovisioning.jit.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which asserted groups the mapper acts on: include/exclude regexes matched against the group's name, path or id,
 * then at most {@code maxGroups} of them, in claim order.
 */
public final class GroupSelection {

    public record Result(List<ExternalGroup> selected, int filteredOut, int overLimit) {}

    private final Pattern include;
    private final Pattern exclude;
    private final int maxGroups;

    /** {@code include}/{@code exclude} may be null (no filter). */
    public GroupSelection(Pattern include, Pattern exclude, int maxGroups) {
        if (maxGroups < 1) {
            throw new IllegalArgumentException("max groups must be at least 1");
        }
        this.include = include;
        this.exclude = exclude;
        this.maxGroups = maxGroups;
    }

    public Result select(List<ExternalGroup> groups) {
        List<ExternalGroup> kept = new ArrayList<>();
        int filteredOut = 0;
        int overLimit = 0;
        for (ExternalGroup group : groups) {
            if (!passes(group)) {
                filteredOut++;
            } else if (kept.size() >= maxGroups) {
                overLimit++;
            } else {
                kept.add(group);
            }
        }
        return new Result(List.copyOf(kept), filteredOut, overLimit);
    }

    private boolean passes(ExternalGroup group) {
        if (include != null && !matchesAny(include, group)) {
            return false;
        }
        return exclude == null || !matchesAny(exclude, group);
    }

    private static boolean matchesAny(Pattern pattern, ExternalGroup group) {
        return pattern.matcher(group.name()).matches()
                || pattern.matcher(group.displayPath()).matches()
                || pattern.matcher(group.externalId()).matches();
    }
}
