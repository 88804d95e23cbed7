package io.github.kcprovisioning.sync.scim;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.RemoteLinkStore;
import io.github.kcprovisioning.sync.outbox.ResourceKind;
import io.github.kcprovisioning.sync.scim.ScimTargetConfig.Deprovision;
import io.github.kcprovisioning.sync.scim.ScimTargetConfig.GroupMode;
import io.github.kcprovisioning.sync.target.ConnectionCheck;
import io.github.kcprovisioning.sync.target.DeliveryException;
import io.github.kcprovisioning.sync.target.OutboundTargetProvider;
import io.github.kcprovisioning.sync.target.TargetScope;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Applies outbox rows to one SCIM 2.0 service. State-based: upserts push the user's or group's current state; a
 * resource that no longer exists locally is skipped (its delete row follows). Creates are idempotent: look up by
 * externalId, then userName/displayName, before POST; a 409 links the existing resource and updates it.
 */
public class ScimTargetProvider implements OutboundTargetProvider {

    private static final String USERS = "Users";
    private static final String GROUPS = "Groups";
    private static final String SERVICE_PROVIDER_CONFIG = "ServiceProviderConfig";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScimTargetConfig config;
    private final ScimClient client;
    private final RemoteLinkStore links;
    private final TargetScope scope;

    ScimTargetProvider(KeycloakSession session, RealmModel realm, ScimTargetConfig config, ScimClient client,
                       RemoteLinkStore links, TargetScope scope) {
        this.session = session;
        this.realm = realm;
        this.config = config;
        this.client = client;
        this.links = links;
        this.scope = scope;
    }

    @Override
    public void deliver(OutboxEntry entry) throws DeliveryException {
        switch (entry.getOperation()) {
            case USER_UPSERT -> {
                UserModel user = user(entry);
                if (user != null) {
                    upsertOrDeprovision(user);
                }
            }
            case USER_DELETE -> deprovisionUser(entry.getUserId(), entry.getResourceName());
            case GROUP_UPSERT -> {
                GroupModel group = realm.getGroupById(entry.getGroupId());
                if (group != null) {
                    upsertOrRemoveGroup(group);
                }
            }
            case GROUP_DELETE -> deleteGroup(entry.getGroupId(), entry.getResourceName());
            case MEMBER_ADD -> addMember(user(entry), realm.getGroupById(entry.getGroupId()));
            case MEMBER_REMOVE -> removeMember(user(entry), realm.getGroupById(entry.getGroupId()));
        }
    }

    /** GET /ServiceProviderConfig (RFC 7644, section 4): every SCIM service has it, and it changes nothing */
    @Override
    public ConnectionCheck checkConnection() {
        try {
            ScimClient.Response response = client.get(SERVICE_PROVIDER_CONFIG);
            if (!response.ok()) {
                return new ConnectionCheck(false, response.status(), ScimClient.failure(response, "GET " + SERVICE_PROVIDER_CONFIG).getMessage());
            }
            return new ConnectionCheck(true, response.status(), "GET " + SERVICE_PROVIDER_CONFIG + ": HTTP " + response.status()
                    + ", PATCH " + supported(response, "patch") + ", filter " + supported(response, "filter"));
        } catch (DeliveryException e) {
            return new ConnectionCheck(false, null, e.getMessage());
        }
    }

    private static String supported(ScimClient.Response response, String feature) {
        JsonNode supported = response.body().path(feature).path("supported");
        return supported.isBoolean() ? (supported.asBoolean() ? "supported" : "not supported") : "not stated";
    }

    private UserModel user(OutboxEntry entry) {
        return entry.getUserId() == null ? null : session.users().getUserById(realm, entry.getUserId());
    }

    // ---- users

    private void upsertOrDeprovision(UserModel user) throws DeliveryException {
        if (scope.includesUser(user)) {
            upsertUser(user);
        } else {
            deprovisionUser(user.getId(), null); // only acts if we provisioned it before
        }
    }

    private String upsertUser(UserModel user) throws DeliveryException {
        ObjectNode body = ScimResources.user(ScimResources.UserSnapshot.of(user), config.attributeMapping());
        Optional<String> linked = links.remoteId(ResourceKind.USER, user.getId());
        if (linked.isPresent()) {
            ScimClient.Response response = client.send("PUT", USERS + "/" + linked.get(), body);
            if (response.ok()) {
                return linked.get();
            }
            if (response.status() != 404) {
                throw ScimClient.failure(response, "update user " + user.getUsername());
            }
            links.unlink(ResourceKind.USER, user.getId()); // deleted on the target behind our back: create it again
        }
        return createUser(user, body);
    }

    private String createUser(UserModel user, ObjectNode body) throws DeliveryException {
        Optional<String> existing = findUser(user.getId(), user.getUsername());
        if (existing.isPresent()) {
            // a previous attempt created it but crashed before committing the link, or it was there before us
            links.link(ResourceKind.USER, user.getId(), existing.get(), false);
            put(USERS, existing.get(), body, "update user " + user.getUsername());
            return existing.get();
        }
        ScimClient.Response created = client.send("POST", USERS, body);
        if (created.status() == 409) {
            String id = findUser(user.getId(), user.getUsername())
                    .orElseThrow(() -> DeliveryException.hopeless("create user " + user.getUsername()
                            + ": HTTP 409 but no user with that externalId/userName is visible"));
            links.link(ResourceKind.USER, user.getId(), id, false);
            put(USERS, id, body, "update user " + user.getUsername());
            return id;
        }
        if (!created.ok()) {
            throw ScimClient.failure(created, "create user " + user.getUsername());
        }
        String id = remoteIdOf(created, "create user " + user.getUsername());
        links.link(ResourceKind.USER, user.getId(), id, true);
        return id;
    }

    private Optional<String> findUser(String localId, String userName) throws DeliveryException {
        Optional<String> byExternalId = client.findId(USERS, "externalId", localId);
        return byExternalId.isPresent() || userName == null ? byExternalId : client.findId(USERS, "userName", userName);
    }

    /** the user's remote id, creating the user there first if needed (a membership can overtake the user's own row) */
    private String ensureUser(UserModel user) throws DeliveryException {
        Optional<String> linked = links.remoteId(ResourceKind.USER, user.getId());
        return linked.isPresent() ? linked.get() : upsertUser(user);
    }

    private void deprovisionUser(String localId, String userName) throws DeliveryException {
        Optional<String> remote = links.remoteId(ResourceKind.USER, localId);
        if (remote.isEmpty()) {
            return; // never provisioned by us (or already deprovisioned): nothing to undo
        }
        if (config.deprovision() == Deprovision.DELETE) {
            ScimClient.Response response = client.send("DELETE", USERS + "/" + remote.get(), null);
            if (!response.ok() && response.status() != 404) {
                throw ScimClient.failure(response, "delete user " + (userName == null ? localId : userName));
            }
        } else {
            ScimClient.Response response = client.send("PATCH", USERS + "/" + remote.get(), ScimResources.deactivate());
            if (!response.ok() && response.status() != 404) {
                throw ScimClient.failure(response, "deactivate user " + (userName == null ? localId : userName));
            }
        }
        links.unlink(ResourceKind.USER, localId);
    }

    // ---- groups

    private void upsertOrRemoveGroup(GroupModel group) throws DeliveryException {
        if (!scope.includesGroup(group)) {
            deleteGroup(group.getId(), group.getName());
            return;
        }
        String id = upsertGroup(group);
        GroupModel parent = group.getParent();
        if (config.groupMode() == GroupMode.NESTED && parent != null && scope.includesGroup(parent)) {
            addMember(ensureGroup(parent), id, "Group", "add group " + group.getName() + " to " + parent.getName());
        }
    }

    private String upsertGroup(GroupModel group) throws DeliveryException {
        ObjectNode body = ScimResources.group(group.getId(), group.getName());
        Optional<String> linked = links.remoteId(ResourceKind.GROUP, group.getId());
        if (linked.isPresent()) {
            // PATCH displayName rather than PUT: a PUT without members would wipe the group's members on the target
            ScimClient.Response response = client.send("PATCH", GROUPS + "/" + linked.get(), ScimResources.rename(group.getName()));
            if (response.ok()) {
                return linked.get();
            }
            if (response.status() != 404) {
                throw ScimClient.failure(response, "update group " + group.getName());
            }
            links.unlink(ResourceKind.GROUP, group.getId());
        }
        Optional<String> existing = findGroup(group.getId(), group.getName());
        if (existing.isPresent()) {
            return adoptGroup(group, existing.get());
        }
        ScimClient.Response created = client.send("POST", GROUPS, body);
        if (created.status() == 409) {
            return adoptGroup(group, findGroup(group.getId(), group.getName())
                    .orElseThrow(() -> DeliveryException.hopeless("create group " + group.getName() + ": HTTP 409, and no group "
                            + "with our externalId, nor one with that displayName that no other Keycloak group owns, is visible")));
        }
        if (!created.ok()) {
            throw ScimClient.failure(created, "create group " + group.getName());
        }
        String id = remoteIdOf(created, "create group " + group.getName());
        links.link(ResourceKind.GROUP, group.getId(), id, true);
        return id;
    }

    /** links a group that is already on the target (not created by us, or created by an attempt that crashed) and updates it */
    private String adoptGroup(GroupModel group, String remoteId) throws DeliveryException {
        links.link(ResourceKind.GROUP, group.getId(), remoteId, false);
        patch(remoteId, ScimResources.adopt(group.getId(), group.getName()), "adopt group " + group.getName());
        return remoteId;
    }

    private Optional<String> findGroup(String localId, String displayName) throws DeliveryException {
        Optional<String> byExternalId = client.findId(GROUPS, "externalId", localId);
        if (byExternalId.isPresent()) {
            return byExternalId;
        }
        // displayNames repeat across the tree (/crm/admins, /erp/admins): a group another local group owns is not this one
        return client.findId(GROUPS, "displayName", displayName).filter(id -> !links.isLinked(ResourceKind.GROUP, id));
    }

    /**
     * The group's remote id. Never creates it: only the group's own row does, one at a time, because targets need not
     * keep displayName unique and two concurrent creates would leave a duplicate. Until then, retry.
     */
    private String ensureGroup(GroupModel group) throws DeliveryException {
        return links.remoteId(ResourceKind.GROUP, group.getId()).orElseThrow(() -> DeliveryException.retryable(
                "group " + group.getName() + " is not on the target yet (its own change is pending; for groups that "
                        + "existed before the target, run a sync)", null, null));
    }

    private void deleteGroup(String localId, String name) throws DeliveryException {
        Optional<String> remote = links.remoteId(ResourceKind.GROUP, localId);
        if (remote.isEmpty()) {
            return;
        }
        ScimClient.Response response = client.send("DELETE", GROUPS + "/" + remote.get(), null);
        if (!response.ok() && response.status() != 404) {
            throw ScimClient.failure(response, "delete group " + name);
        }
        links.unlink(ResourceKind.GROUP, localId);
    }

    // ---- memberships

    private void addMember(UserModel user, GroupModel group) throws DeliveryException {
        if (user == null || group == null) {
            return; // removed meanwhile; their delete rows take care of the target
        }
        if (!scope.includesUser(user)) {
            deprovisionUser(user.getId(), user.getUsername());
            return;
        }
        if (!scope.includesGroup(group)) {
            return;
        }
        String member = ensureUser(user);
        for (GroupModel target : groupsToJoin(group)) {
            addMember(ensureGroup(target), member, "User", "add " + user.getUsername() + " to " + target.getName());
        }
    }

    private Iterable<GroupModel> groupsToJoin(GroupModel group) {
        return config.groupMode() == GroupMode.FLATTEN ? scope.selfAndAncestorsInScope(group) : List.of(group);
    }

    private void removeMember(UserModel user, GroupModel group) throws DeliveryException {
        if (user == null) {
            return;
        }
        Optional<String> member = links.remoteId(ResourceKind.USER, user.getId());
        if (member.isPresent() && group != null) {
            for (GroupModel target : groupsToLeave(user, group)) {
                Optional<String> remoteGroup = links.remoteId(ResourceKind.GROUP, target.getId());
                if (remoteGroup.isPresent()) {
                    patch(remoteGroup.get(), ScimResources.removeMember(member.get()),
                            "remove " + user.getUsername() + " from " + target.getName());
                }
            }
        }
        if (!scope.includesUser(user)) {
            deprovisionUser(user.getId(), user.getUsername());
        }
    }

    /** when flattened, an ancestor is left only if the user is no longer a member anywhere below it */
    private Iterable<GroupModel> groupsToLeave(UserModel user, GroupModel group) {
        if (config.groupMode() != GroupMode.FLATTEN) {
            return List.of(group);
        }
        Set<String> stillIn = new HashSet<>();
        user.getGroupsStream().forEach(g -> {
            for (GroupModel a = g; a != null; a = a.getParent()) {
                stillIn.add(a.getId());
            }
        });
        return scope.selfAndAncestorsInScope(group).stream().filter(g -> !stillIn.contains(g.getId())).toList();
    }

    // ---- helpers

    private void put(String collection, String id, ObjectNode body, String what) throws DeliveryException {
        ScimClient.Response response = client.send("PUT", collection + "/" + id, body);
        if (!response.ok()) {
            throw ScimClient.failure(response, what);
        }
    }

    private void addMember(String groupId, String memberId, String type, String what) throws DeliveryException {
        if (!client.isMember(groupId, memberId).orElse(false)) {
            patch(groupId, ScimResources.addMember(memberId, type), what);
        }
    }

    private void patch(String groupId, ObjectNode body, String what) throws DeliveryException {
        ScimClient.Response response = client.send("PATCH", GROUPS + "/" + groupId, body);
        if (!response.ok()) {
            throw ScimClient.failure(response, what);
        }
    }

    private static String remoteIdOf(ScimClient.Response created, String what) throws DeliveryException {
        String id = created.body().path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw DeliveryException.hopeless(what + ": target answered " + created.status() + " without an id");
        }
        return id;
    }
}
