package io.github.kcprovisioning.jit.groups;

import org.keycloak.models.GroupModel;

/**
 * Attributes that mark a group as coming from outside (shared group model, see DESIGN.md): where it came from and the
 * stable id it has there. The display name is data; these attributes are the group's identity at the source.
 */
public final class GroupProvenance {

    public static final String SOURCE = "kcprov.source";
    public static final String EXTERNAL_ID = "kcprov.external-id";

    private GroupProvenance() {}

    /** The source value for groups created by the JIT mapper of identity provider {@code alias}. */
    public static String idpSource(String alias) {
        return "idp:" + alias;
    }

    public static void mark(GroupModel group, String source, String externalId) {
        group.setSingleAttribute(SOURCE, source);
        group.setSingleAttribute(EXTERNAL_ID, externalId);
    }

    public static boolean isMarked(GroupModel group) {
        return group.getFirstAttribute(EXTERNAL_ID) != null;
    }
}
