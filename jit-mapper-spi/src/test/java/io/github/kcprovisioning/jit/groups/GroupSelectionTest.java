package io.github.kcprovisioning.jit.groups;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupSelectionTest {

    private static ExternalGroup named(String name) {
        return new ExternalGroup(name, List.of(name), false);
    }

    @Test
    void includeExcludeAndLimitApplyInClaimOrder() {
        GroupSelection selection = new GroupSelection(Pattern.compile("app-.*"), Pattern.compile(".*-test"), 2);
        GroupSelection.Result result = selection.select(List.of(
                named("app-a"), named("other"), named("app-b-test"), named("app-c"), named("app-d")));
        assertEquals(List.of("app-a", "app-c"), result.selected().stream().map(ExternalGroup::name).toList());
        assertEquals(2, result.filteredOut());
        assertEquals(1, result.overLimit());
    }

    @Test
    void filtersAlsoMatchTheStableId() {
        GroupSelection selection = new GroupSelection(null, Pattern.compile("0000-.*"), 10);
        GroupSelection.Result result = selection.select(List.of(new ExternalGroup("0000-1", List.of("Visible"), true)));
        assertEquals(0, result.selected().size());
    }
}
