package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupNameEscapingTest {

    private static final List<String> HOSTILE = List.of("../x", "a/b", "~admin", "..", ".", "/", "//", "50%", "a%2Fb",
            "ok\u0000nul", "line\nbreak", "\u202eevil", "~/", "%7E", "caf\u00e9", "plain", "a.b", "...", "emoji \uD83D\uDE00");

    @Test
    void escapedNamesDecodeToTheOriginal() {
        for (String name : HOSTILE) {
            assertEquals(name, percentDecode(GroupNameEscaping.escape(name)), name);
        }
    }

    @Test
    void noPathSeparatorEscapeOrRelativeSegmentSurvives() {
        for (String name : HOSTILE) {
            String escaped = GroupNameEscaping.escape(name);
            assertFalse(escaped.contains("/"), escaped);
            assertFalse(escaped.contains("~"), escaped);
            assertFalse(escaped.equals(".") || escaped.equals(".."), escaped);
            assertFalse(escaped.codePoints().anyMatch(GroupNameRules::isForbiddenCodePoint), escaped);
        }
    }

    @Test
    void safeNamesStayAsTheyAreAndDistinctNamesStayDistinct() {
        assertEquals("plain", GroupNameEscaping.escape("plain"));
        assertEquals("caf\u00e9", GroupNameEscaping.escape("caf\u00e9"));
        assertEquals("a%2Fb", GroupNameEscaping.escape("a/b"));
        assertEquals("%2E%2E%2Fx", GroupNameEscaping.escape("../x").replace(".", "%2E"));
        assertEquals("%7Eadmin", GroupNameEscaping.escape("~admin"));
        assertNotEquals(GroupNameEscaping.escape("a/b"), GroupNameEscaping.escape("a%2Fb"), "'%' is escaped too");
    }

    @Test
    void escapeModeKeepsNormalizationAndLengthRules() {
        GroupNameRules rules = new GroupNameRules(10, true, GroupNameRules.UnsafeNames.ESCAPE);
        assertEquals("a%2Fb", rules.normalizeLeaf("  A/B "));
        assertEquals(rules.normalizeLeaf("cafe\u0301"), rules.normalizeLeaf("caf\u00e9"), "NFD and NFC are one name");
        assertEquals("%2E%2E", rules.normalizeLeaf(".."));
        assertThrows(InvalidGroupNameException.class, () -> rules.normalizeLeaf("   "));
        assertThrows(InvalidGroupNameException.class, () -> rules.normalizeLeaf("/////"), "escaped it is too long");
        assertThrows(InvalidGroupNameException.class, () -> new GroupNameRules(10, false).normalizeLeaf("a/b"),
                "reject mode is the default");
    }

    @Test
    void theMapperConfigSwitchesLeafNamesButNotPathsToEscaping() throws Exception {
        ExternalGroupsConfig escape = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/ext",
                ExternalGroupsConfig.UNSAFE_NAMES, "escape"));
        JsonNode claim = new ObjectMapper().readTree("[\"a/b\", {\"id\": \"g1\", \"name\": \"../x\"}]");
        assertEquals(List.of("a%2Fb", "..%2Fx"), escape.claimParser().parse(claim).groups().stream().map(ExternalGroup::name)
                .toList());
        ExternalGroupsConfig paths = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/ext",
                ExternalGroupsConfig.UNSAFE_NAMES, "escape", ExternalGroupsConfig.STRING_FORMAT, "path"));
        assertEquals(1, paths.claimParser().parse(new ObjectMapper().readTree("[\"/a/../b\"]")).rejections().size());
        assertEquals(2, ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/ext"))
                .claimParser().parse(claim).rejections().size(), "reject is the default");
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
