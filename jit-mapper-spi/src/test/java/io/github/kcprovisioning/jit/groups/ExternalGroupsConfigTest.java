package io.github.kcprovisioning.jit.groups;

import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalGroupsConfigTest {

    @Test
    void defaultsNeedOnlyARoot() {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/external/corp"));
        assertEquals(List.of("external", "corp"), config.rootPath());
        assertEquals("groups", config.claim().text());
        assertEquals(GroupClaimParser.StringFormat.NAME, config.stringFormat());
        assertEquals(ExternalGroupsConfig.AbsentGroupsPolicy.KEEP, config.missingClaim());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidMapperConfigException e = assertThrows(InvalidMapperConfigException.class, () -> ExternalGroupsConfig.parse(Map.of(
                ExternalGroupsConfig.INCLUDE, "([a-z", ExternalGroupsConfig.MAX_GROUPS, "lots",
                ExternalGroupsConfig.CLAIM, "a..b", ExternalGroupsConfig.STRING_FORMAT, "tree")));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("Managed root group: required"));
        assertTrue(e.getMessage().contains("Include regex: invalid regular expression"));
    }

    @Test
    void aRootWithTraversalIsRejected() {
        assertThrows(InvalidMapperConfigException.class,
                () -> ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/external/../admins")));
        assertThrows(InvalidMapperConfigException.class,
                () -> ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/external//x")));
    }

    @Test
    void gateMatchesIdNameOrPath() {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/x",
                ExternalGroupsConfig.GATE, "staff##8f1c"));
        assertTrue(config.gateDenies(List.of()));
        assertTrue(config.gateDenies(List.of(new ExternalGroup("other", List.of("other"), false))));
        assertFalse(config.gateDenies(List.of(new ExternalGroup("staff", List.of("staff"), false))));
        assertFalse(config.gateDenies(List.of(new ExternalGroup("8f1c", List.of("Engineering"), true))));
    }

    @Test
    void groupRolesAreMatchedByIdNameOrPath() {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/x",
                ExternalGroupsConfig.GROUP_ROLES, "8f1c=eng##ops=app.operator##ops=auditor"));
        assertEquals(List.of("eng"), config.rolesFor(new ExternalGroup("8f1c", List.of("Engineering"), true)));
        assertEquals(List.of("app.operator", "auditor"), config.rolesFor(new ExternalGroup("ops", List.of("ops"), false)));
        assertEquals(List.of(), config.rolesFor(new ExternalGroup("dev", List.of("dev"), false)));
        assertThrows(InvalidMapperConfigException.class, () -> ExternalGroupsConfig.parse(Map.of(
                ExternalGroupsConfig.ROOT_GROUP, "/x", ExternalGroupsConfig.GROUP_ROLES, "no-role-here")));
    }

    @Test
    void gateTakesOneGroupPerLineAsTheConsoleTextAreaSendsIt() {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/x",
                ExternalGroupsConfig.GATE, "staff\r\n 8f1c \n\n"));
        assertFalse(config.gateDenies(List.of(new ExternalGroup("staff", List.of("staff"), false))));
        assertFalse(config.gateDenies(List.of(new ExternalGroup("8f1c", List.of("Engineering"), true))));
        assertTrue(config.gateDenies(List.of(new ExternalGroup("other", List.of("other"), false))));
    }

    @Test
    void aParentClaimIsOnlyForFlatGroups() {
        ExternalGroupsConfig flat = ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/x",
                ExternalGroupsConfig.PARENT_CLAIM, "group_parents"));
        assertEquals("group_parents", flat.parentClaim().text());
        InvalidMapperConfigException e = assertThrows(InvalidMapperConfigException.class, () -> ExternalGroupsConfig.parse(Map.of(
                ExternalGroupsConfig.ROOT_GROUP, "/x", ExternalGroupsConfig.PARENT_CLAIM, "group_parents",
                ExternalGroupsConfig.STRING_FORMAT, "path")));
        assertTrue(e.getMessage().contains("Parent claim: only for flat groups"), e.getMessage());
    }

    @Test
    void theGateOnlyRefusesUnlessToldToDisableTheAccount() {
        assertEquals(ExternalGroupsConfig.GateDenialAction.DENY,
                ExternalGroupsConfig.parse(Map.of(ExternalGroupsConfig.ROOT_GROUP, "/x")).gateDenialAction());
        assertEquals(ExternalGroupsConfig.GateDenialAction.DISABLE, ExternalGroupsConfig.parse(Map.of(
                ExternalGroupsConfig.ROOT_GROUP, "/x", ExternalGroupsConfig.GATE_DENIAL_ACTION, "disable")).gateDenialAction());
        InvalidMapperConfigException e = assertThrows(InvalidMapperConfigException.class, () -> ExternalGroupsConfig.parse(Map.of(
                ExternalGroupsConfig.ROOT_GROUP, "/x", ExternalGroupsConfig.GATE_DENIAL_ACTION, "delete")));
        assertTrue(e.getMessage().contains("not one of deny, disable"), e.getMessage());
    }
}
