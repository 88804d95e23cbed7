package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.jit.groups.GroupClaimParser.StringFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupClaimParserTest {

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GroupClaimParser parser(StringFormat format, boolean lowerCase) {
        return new GroupClaimParser(format, "id", "displayName", new GroupNameRules(20, lowerCase), "");
    }

    @Test
    void namesAreOpaqueLeavesIdentifiedByTheirName() {
        GroupClaimParser.Result result = parser(StringFormat.NAME, false).parse(json("[\"dev\", \" ops \", \"dev\"]"));
        assertEquals(List.of(new ExternalGroup("dev", List.of("dev"), false), new ExternalGroup("ops", List.of("ops"), false)),
                result.groups());
        assertTrue(result.rejections().isEmpty());
    }

    @Test
    void aSingleStringIsOneGroup() {
        assertEquals(1, parser(StringFormat.NAME, false).parse(json("\"dev\"")).groups().size());
    }

    @Test
    void pathsBuildSegmentsAndUseThePathAsId() {
        ExternalGroup group = parser(StringFormat.PATH, false).parse(json("[\"/eng/backend\"]")).groups().get(0);
        assertEquals(List.of("eng", "backend"), group.path());
        assertEquals("/eng/backend", group.externalId());
        assertFalse(group.stableId());
    }

    @Test
    void objectsCarryAStableIdAndADisplayName() {
        ExternalGroup group = parser(StringFormat.NAME, false)
                .parse(json("[{\"id\":\"8f1c\",\"displayName\":\"Engineering\"}]")).groups().get(0);
        assertEquals(new ExternalGroup("8f1c", List.of("Engineering"), true), group);
    }

    @Test
    void inJsonFormatEachStringIsAnObjectWithIdAndName() {
        GroupClaimParser.Result result = parser(StringFormat.JSON, false).parse(json(
                "[\"{\\\"id\\\":\\\"8f1c\\\",\\\"displayName\\\":\\\"Engineering\\\"}\", \"plain\", \"[1]\","
                        + " \"{\\\"displayName\\\":\\\"no id\\\"}\"]"));
        assertEquals(List.of(new ExternalGroup("8f1c", List.of("Engineering"), true)), result.groups());
        assertEquals(3, result.rejections().size());
    }

    @Test
    void traversalEmptySegmentsControlCharsAndLongNamesAreRejected() {
        GroupClaimParser.Result result = parser(StringFormat.PATH, false).parse(json(
                "[\"/../admin\", \"/a//b\", \"/a/\", \"/\", \"/ok/\\u0000x\", \"/ok/\\u202eevil\", \"/" + "x".repeat(21) + "\","
                        + " \"/./a\", 42, {\"displayName\":\"no id\"}, \"/fine\"]"));
        assertEquals(List.of("/fine"), result.groups().stream().map(ExternalGroup::externalId).toList());
        assertEquals(10, result.rejections().size());
    }

    @Test
    void aSlashInANameIsRejectedInNameMode() {
        GroupClaimParser.Result result = parser(StringFormat.NAME, false).parse(json("[\"eng/backend\", \"..\"]"));
        assertTrue(result.groups().isEmpty());
        assertEquals(2, result.rejections().size());
    }

    @Test
    void unicodeIsNormalizedAndCaseFoldingMergesLookAlikes() {
        // "é" precomposed vs "e" + combining acute: one group after NFC
        GroupClaimParser.Result nfc = parser(StringFormat.NAME, false).parse(json("[\"caf\\u00e9\", \"cafe\\u0301\"]"));
        assertEquals(1, nfc.groups().size());
        GroupClaimParser.Result folded = parser(StringFormat.NAME, true).parse(json("[\"Admins\", \"admins\"]"));
        assertEquals(List.of("admins"), folded.groups().stream().map(ExternalGroup::name).toList());
    }

    @Test
    void aConfiguredPrefixIsStrippedFromNamesPathsAndObjectNames() {
        GroupClaimParser names = new GroupClaimParser(StringFormat.NAME, "id", "displayName", new GroupNameRules(20, false), "app-");
        assertEquals(List.of("crm", "other"), names.parse(json("[\"app-crm\", \"other\"]")).groups().stream()
                .map(ExternalGroup::name).toList());
        assertEquals("crm", names.parse(json("[{\"id\": \"1\", \"displayName\": \"app-crm\"}]")).groups().get(0).name());
        GroupClaimParser paths = new GroupClaimParser(StringFormat.PATH, "id", "displayName", new GroupNameRules(20, false), "/corp");
        assertEquals("/eng/backend", paths.parse(json("[\"/corp/eng/backend\"]")).groups().get(0).externalId());
    }
}
