package io.github.kcprovisioning.jit.groups;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a user's memberships JIT made, and which an admin excluded, per identity provider: two multi-valued user
 * attributes holding group ids. Stored on the user so that a login reads only that user's rows (no scan of a group's
 * members), and exported with the realm. Entries of groups outside this mapper's tree (another mapper of the same
 * identity provider) are kept as they are; entries of deleted groups are dropped.
 */
final class MembershipLedger {

    static final String OWNED_PREFIX = "kcprov.jit.owned.";
    static final String EXCLUDED_PREFIX = "kcprov.jit.excluded.";

    private final UserModel user;
    private final String ownedAttribute;
    private final String excludedAttribute;
    private final Partition owned;
    private final Partition excluded;

    private record Partition(Set<String> inTree, List<String> elsewhere, int stale) {}

    MembershipLedger(KeycloakSession session, RealmModel realm, UserModel user, String idpAlias, ManagedGroupTree tree) {
        this.user = user;
        this.ownedAttribute = OWNED_PREFIX + idpAlias;
        this.excludedAttribute = EXCLUDED_PREFIX + idpAlias;
        this.owned = partition(session, realm, tree, ownedAttribute);
        this.excluded = partition(session, realm, tree, excludedAttribute);
    }

    Set<String> owned() {
        return owned.inTree();
    }

    Set<String> excluded() {
        return excluded.inTree();
    }

    void record(MembershipPlan plan) {
        if (plan.changesLedger(owned.inTree(), excluded.inTree()) || owned.stale() > 0 || excluded.stale() > 0) {
            write(ownedAttribute, plan.owned(), owned.elsewhere());
            write(excludedAttribute, plan.excluded(), excluded.elsewhere());
        }
    }

    private Partition partition(KeycloakSession session, RealmModel realm, ManagedGroupTree tree, String attribute) {
        Set<String> inTree = new LinkedHashSet<>();
        List<String> elsewhere = new ArrayList<>();
        int stale = 0;
        for (String id : user.getAttributeStream(attribute).toList()) {
            GroupModel group = session.groups().getGroupById(realm, id);
            if (group == null) {
                stale++;
            } else if (tree.contains(group)) {
                inTree.add(id);
            } else {
                elsewhere.add(id);
            }
        }
        return new Partition(inTree, elsewhere, stale);
    }

    private void write(String attribute, Set<String> inTree, List<String> elsewhere) {
        List<String> values = new ArrayList<>(elsewhere);
        values.addAll(inTree);
        if (values.isEmpty()) {
            user.removeAttribute(attribute);
        } else {
            values.sort(null); // stable order: an unchanged set never rewrites rows
            user.setAttribute(attribute, values);
        }
    }
}
