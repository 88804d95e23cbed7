package io.github.kcprovisioning.sync.admin;

import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.sync.outbox.Operation;
import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.github.kcprovisioning.sync.outbox.RemoteLink;
import io.github.kcprovisioning.sync.outbox.RemoteLinkStore;
import io.github.kcprovisioning.sync.outbox.ResourceKind;
import io.github.kcprovisioning.sync.target.TargetScope;
import jakarta.persistence.EntityManager;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Initial sync / reconcile of one target: queues an upsert for every group and user in scope and an add for every
 * membership, through the same outbox as live changes (so it is durable, ordered and retried like them). Upserts are
 * idempotent, so running it again repairs drift: missing resources are created, differing ones updated, and ones we
 * created that are gone here or out of scope are deprovisioned.
 */
final class FullSync {

    /** counts of queued rows; {@code deprovisions}: resources we provisioned that are gone locally or out of scope */
    record Report(long groups, long users, long memberships, long deprovisions) {
    }

    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ComponentModel target;
    private final OutboxRepository outbox;
    private final EntityManager em;
    private long written;

    FullSync(KeycloakSession session, RealmModel realm, ComponentModel target, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.target = target;
        this.em = em;
        this.outbox = new OutboxRepository(em);
    }

    Report run() {
        TargetScope scope = TargetScope.of(session, realm, target);
        long now = System.currentTimeMillis();
        long[] groups = {0};
        long[] memberships = {0};
        // parents before children so that nested groups find their parent on the target
        realm.getTopLevelGroupsStream().forEach(top -> queueSubtree(top, scope, now, groups));
        long users = 0;
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).toList();
            for (UserModel user : page) {
                if (!scope.includesUser(user)) {
                    continue;
                }
                queue(Operation.USER_UPSERT, user.getId(), null, user.getUsername(), now);
                users++;
                for (GroupModel group : user.getGroupsStream().filter(scope::includesGroup).toList()) {
                    queue(Operation.MEMBER_ADD, user.getId(), group.getId(), null, now);
                    memberships[0]++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        long deprovisions = queueDeprovisions(scope, now);
        return new Report(groups[0], users, memberships[0], deprovisions);
    }

    /**
     * Drift the other way: links to resources that no longer exist here (their delete was lost, e.g. a dead letter) or
     * left the scope. Only what we created is deleted; the upsert row of an out-of-scope resource deprovisions it.
     */
    private long queueDeprovisions(TargetScope scope, long now) {
        RemoteLinkStore links = new RemoteLinkStore(em, target.getId());
        long count = 0;
        for (int first = 0; ; first += PAGE) {
            List<RemoteLink> page = links.page(ResourceKind.USER, first, PAGE);
            for (RemoteLink link : page) {
                UserModel user = session.users().getUserById(realm, link.getLocalId());
                if (user == null && link.isCreatedByUs()) {
                    queue(Operation.USER_DELETE, link.getLocalId(), null, null, now);
                    count++;
                } else if (user != null && !scope.includesUser(user)) {
                    queue(Operation.USER_UPSERT, user.getId(), null, user.getUsername(), now);
                    count++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        for (int first = 0; ; first += PAGE) {
            List<RemoteLink> page = links.page(ResourceKind.GROUP, first, PAGE);
            for (RemoteLink link : page) {
                GroupModel group = realm.getGroupById(link.getLocalId());
                if (group == null && link.isCreatedByUs()) {
                    queue(Operation.GROUP_DELETE, null, link.getLocalId(), null, now);
                    count++;
                } else if (group != null && !scope.includesGroup(group)) {
                    queue(Operation.GROUP_UPSERT, null, group.getId(), group.getName(), now);
                    count++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return count;
    }

    private void queueSubtree(GroupModel group, TargetScope scope, long now, long[] count) {
        if (scope.includesGroup(group)) {
            queue(Operation.GROUP_UPSERT, null, group.getId(), group.getName(), now);
            count[0]++;
        }
        group.getSubGroupsStream().forEach(child -> queueSubtree(child, scope, now, count));
    }

    private void queue(Operation operation, String userId, String groupId, String name, long now) {
        OutboxEntry entry = new OutboxEntry(realm.getId(), target.getId(), operation, userId, groupId, name, now);
        outbox.add(entry);
        if (++written % PAGE == 0) {
            em.flush(); // keep the persistence context small on big realms
        }
        em.detach(entry);
    }
}
