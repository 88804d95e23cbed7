package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParentHierarchyTest {

    private static final GroupNameRules RULES = new GroupNameRules(100, false);

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExternalGroup name(String name) {
        return new ExternalGroup(name, List.of(name), false);
    }

    @Test
    void namesArePlacedBelowTheirParentsAndAnUnassertedParentIsNamedByItsIdentifier() {
        GroupClaimParser.Result result = ParentHierarchy.of(json("{\"backend\": \"eng\", \"eng\": \"corp\"}"), RULES, false)
                .place(List.of(name("backend"), name("eng"), name("sales")));

        assertEquals(List.of(List.of("corp", "eng", "backend"), List.of("corp", "eng"), List.of("sales")),
                result.groups().stream().map(ExternalGroup::path).toList());
        assertEquals(List.of("corp", "eng"), result.groups().get(0).ancestorIds());
        assertEquals("backend", result.groups().get(0).externalId());
    }

    @Test
    void objectsKeepTheirIdsAndTheAssertedParentsDisplayName() {
        ExternalGroup platform = new ExternalGroup("g1", List.of("Platform"), true);
        ExternalGroup backend = new ExternalGroup("g2", List.of("Backend"), true);

        ExternalGroup placed = ParentHierarchy.of(json("[\"{\\\"g2\\\": \\\"g1\\\"}\"]"), RULES, false)
                .place(List.of(backend, platform)).groups().get(0);

        assertEquals(new ExternalGroup("g2", List.of("Platform", "Backend"), true, List.of("g1")), placed);
    }

    @Test
    void cyclesAndOverDeepChainsAreRejected() {
        StringBuilder deep = new StringBuilder("{");
        IntStream.range(0, ParentHierarchy.MAX_DEPTH + 1).forEach(i -> deep.append("\"d").append(i).append("\": \"d")
                .append(i + 1).append("\", "));
        deep.append("\"a\": \"b\", \"b\": \"a\", \"ok\": \"d2\"}"); // ok: exactly MAX_DEPTH ancestors, d0: one more

        GroupClaimParser.Result result = ParentHierarchy.of(json(deep.toString()), RULES, false)
                .place(List.of(name("a"), name("d0"), name("ok")));

        assertEquals(List.of("ok"), result.groups().stream().map(ExternalGroup::externalId).toList());
        assertEquals(List.of("a", "d0"), result.rejections().stream().map(GroupClaimParser.Rejection::item).toList());
    }

    @Test
    void identifiersAreComparedLowerCasedWhenNamesAre() {
        ExternalGroup placed = ParentHierarchy.of(json("{\"Backend\": \"Eng\"}"), new GroupNameRules(100, true), true)
                .place(List.of(name("backend"), name("eng"))).groups().get(0);

        assertEquals(List.of("eng", "backend"), placed.path());
    }
}
