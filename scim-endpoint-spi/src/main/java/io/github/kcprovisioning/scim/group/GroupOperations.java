package io.github.kcprovisioning.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.github.kcprovisioning.scim.api.ListResponses;
import io.github.kcprovisioning.scim.api.Preconditions;
import io.github.kcprovisioning.scim.api.ResourceOperations;
import io.github.kcprovisioning.scim.api.ScimContext;
import io.github.kcprovisioning.scim.api.ScimResponses;
import io.github.kcprovisioning.scim.query.AttributeProjection;
import io.github.kcprovisioning.scim.query.ListRequest;
import io.github.kcprovisioning.scim.query.PatchRequests;
import io.github.kcprovisioning.scim.user.ScimJsonFields;
import io.github.kcprovisioning.scim.user.ScimSchemas;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;

import java.util.ArrayList;
import java.util.List;

/** The SCIM operations on /Groups for one authenticated request. */
public final class GroupOperations implements ResourceOperations {

    private final ScimContext context;
    private final EntityManager em;
    private final GroupVersions versions;
    private final GroupSnapshotLoader loader;
    private final GroupRenderer renderer;

    public GroupOperations(ScimContext context) {
        this.context = context;
        this.em = context.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        this.versions = new GroupVersions(em);
        this.loader = new GroupSnapshotLoader(em, versions);
        this.renderer = new GroupRenderer(context);
    }

    @Override
    public Response create(ObjectNode body) throws ScimException {
        requireGroupSchema(body);
        String name = displayName(ScimJsonFields.get(body, "displayName"));
        GroupModel parent = context.scope().topLevel(context.session(), context.realm());
        if (context.session().groups().getGroupByName(context.realm(), parent, name) != null) {
            throw ResourceConflictException.uniqueness("A top-level group named '" + name + "' already exists");
        }
        GroupMembership membership;
        GroupModel group = context.session().groups().createGroup(context.realm(), null, name, parent);
        context.scope().admit(group);
        membership = new GroupMembership(context.session(), context.realm(), context.scope(), group);
        setExternalId(group, ScimJsonFields.get(body, "externalId"));
        for (GroupMembership.Resolved member : membership.resolve(ScimJsonFields.get(body, "members"))) {
            membership.add(member);
        }
        ObjectNode created = render(group, true);
        context.audit().record(OperationType.CREATE, ResourceType.GROUP, created, "groups", group.getId());
        return ScimResponses.resource(201, created, created);
    }

    @Override
    public Response get(String id, AttributeProjection projection, Preconditions preconditions) throws ScimException {
        return ScimResponses.conditionalGet(render(find(id), projection.includes("members")), preconditions, projection);
    }

    @Override
    public Response list(ListRequest request) throws ScimException {
        GroupQuery.Page page = new GroupQuery(em, context.realm(), context.scope()).run(request);
        List<ObjectNode> resources = new ArrayList<>(page.groups().size());
        for (GroupSnapshot snapshot : loader.fromEntities(page.groups(), request.projection().includes("members"))) {
            resources.add(request.projection().apply(renderer.render(snapshot)));
        }
        return ScimResponses.ok(ListResponses.of(page.total(), request.startIndex(), resources));
    }

    @Override
    public Response replace(String id, ObjectNode body, Preconditions preconditions, AttributeProjection projection)
            throws ScimException {
        requireGroupSchema(body);
        ScimGroupMetaEntity meta = lockForWrite(id);
        GroupModel group = find(id);
        GroupSnapshot current = loader.fromModel(group, true);
        preconditions.checkIfMatch(() -> renderer.render(current).path("meta").path("version").asText());
        GroupMembership membership = new GroupMembership(context.session(), context.realm(), context.scope(), group);
        List<GroupMembership.Resolved> desired = membership.resolve(ScimJsonFields.get(body, "members"));
        rename(group, displayName(ScimJsonFields.get(body, "displayName")));
        setExternalId(group, ScimJsonFields.get(body, "externalId"));
        membership.replace(desired, current.members());
        return updated(group, meta, projection, true);
    }

    @Override
    public Response patch(String id, ObjectNode body, Preconditions preconditions, AttributeProjection projection)
            throws ScimException {
        PatchRequest patch = PatchRequests.parse(body);
        if (preconditions.ifMatch() == null && !projection.requested() && onlyAddsOrRemovesMembers(patch)) {
            return patchMembersOnly(id, patch, body);
        }
        ScimGroupMetaEntity meta = lockForWrite(id);
        GroupModel group = find(id);
        preconditions.checkIfMatch(() -> version(group));
        GroupMembership membership = new GroupMembership(context.session(), context.realm(), context.scope(), group);
        for (PatchOperation operation : patch.getOperations()) {
            apply(operation, group, membership);
        }
        return updated(group, meta, projection, projection.requested());
    }

    /**
     * Adds and removes of given members: the PATCH Entra ID and Okta send for every membership change. Each membership is
     * a row of its own, so nothing is locked beforehand; the version is locked and moved afterwards, and only when a
     * membership changed (adding a member twice is not a change).
     */
    private Response patchMembersOnly(String id, PatchRequest patch, ObjectNode body) throws ScimException {
        GroupModel group = find(id);
        GroupMembership membership = new GroupMembership(context.session(), context.realm(), context.scope(), group);
        boolean changed = false;
        for (PatchOperation operation : patch.getOperations()) {
            changed |= patchMembers(operation.getOpType(), operation.getPath().getElement(0).getValueFilter(),
                    operation.getJsonNode(), group, membership);
        }
        if (changed) {
            if (!versions.bump(id, System.currentTimeMillis())) {
                throw notFound(id); // deleted meanwhile: nothing of this request is kept
            }
            context.audit().record(OperationType.UPDATE, ResourceType.GROUP, body, "groups", id);
        }
        return ScimResponses.noContent();
    }

    /** {@code add} of members, {@code remove} of named members: no operation reads the current members first */
    private static boolean onlyAddsOrRemovesMembers(PatchRequest patch) {
        for (PatchOperation operation : patch.getOperations()) {
            Path path = operation.getPath();
            if (path == null || path.size() != 1 || !path.getElement(0).getAttribute().equalsIgnoreCase("members")) {
                return false;
            }
            boolean namedRemove = operation.getOpType() == PatchOpType.REMOVE
                    && (path.getElement(0).getValueFilter() != null || !ScimJsonFields.isAbsent(operation.getJsonNode()));
            boolean add = operation.getOpType() == PatchOpType.ADD && path.getElement(0).getValueFilter() == null;
            if (!add && !namedRemove) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Response delete(String id, Preconditions preconditions) throws ScimException {
        lockForWrite(id);
        GroupRowLock.lockForWrite(em, id);
        GroupModel group = find(id);
        preconditions.checkIfMatch(() -> version(group));
        // member groups are resources of their own: they survive as top-level groups instead of being deleted with it
        GroupModel topLevel = context.scope().topLevel(context.session(), context.realm());
        for (GroupModel child : group.getSubGroupsStream().toList()) {
            GroupRowLock.lockForWrite(em, child.getId());
            context.session().groups().moveGroup(context.realm(), child, topLevel);
        }
        context.session().groups().removeGroup(context.realm(), group);
        context.audit().record(OperationType.DELETE, ResourceType.GROUP, null, "groups", id);
        return ScimResponses.noContent();
    }

    private void apply(PatchOperation operation, GroupModel group, GroupMembership membership) throws ScimException {
        Path path = operation.getPath();
        if (path == null || path.isRoot() || path.size() != 1) {
            throw BadRequestException.noTarget("PATCH on Groups needs a path of displayName, externalId or members; got '" + path + "'");
        }
        String attribute = path.getElement(0).getAttribute();
        Filter valueFilter = path.getElement(0).getValueFilter();
        PatchOpType op = operation.getOpType();
        JsonNode value = operation.getJsonNode();
        if (attribute.equalsIgnoreCase("displayName") && valueFilter == null) {
            if (op == PatchOpType.REMOVE) {
                throw BadRequestException.mutability("displayName is required and cannot be removed");
            }
            rename(group, displayName(value));
        } else if (attribute.equalsIgnoreCase("externalId") && valueFilter == null) {
            setExternalId(group, op == PatchOpType.REMOVE ? null : value);
        } else if (attribute.equalsIgnoreCase("members")) {
            patchMembers(op, valueFilter, value, group, membership);
        } else {
            throw BadRequestException.invalidPath("Groups have no patchable attribute '" + path + "'");
        }
    }

    /** @return whether a membership changed (always {@code true} for a replacement of all members) */
    private boolean patchMembers(PatchOpType op, Filter valueFilter, JsonNode value, GroupModel group, GroupMembership membership)
            throws ScimException {
        boolean changed = false;
        if (valueFilter != null) {
            if (op != PatchOpType.REMOVE) {
                throw BadRequestException.invalidPath("A members value filter is only supported with 'remove'");
            }
            for (String id : memberIds(valueFilter)) {
                changed |= removeIfResolvable(membership, id);
            }
            return changed;
        }
        switch (op) {
            case ADD -> {
                for (GroupMembership.Resolved member : membership.resolve(value)) {
                    changed |= membership.add(member);
                }
            }
            case REPLACE -> {
                membership.replace(membership.resolve(value), loader.fromModel(group, true).members());
                changed = true;
            }
            case REMOVE -> {
                if (ScimJsonFields.isAbsent(value)) {
                    membership.replace(List.of(), loader.fromModel(group, true).members());
                    changed = true;
                } else {
                    for (JsonNode member : value.isArray() ? value : List.of(value)) {
                        String id = ScimJsonFields.text(ScimJsonFields.get(member, "value"), "members.value");
                        if (id != null) {
                            changed |= removeIfResolvable(membership, id);
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Removing a member that no longer exists is already done: not an error (Entra ID retries removals). */
    private static boolean removeIfResolvable(GroupMembership membership, String id) {
        try {
            return membership.remove(membership.resolve(id, null));
        } catch (BadRequestException unknownMember) {
            return false;
        }
    }

    /** {@code value eq "id"}, possibly or-ed: the forms SCIM clients use to name members to remove. */
    private static List<String> memberIds(Filter filter) throws BadRequestException {
        List<String> ids = new ArrayList<>();
        if (filter.getFilterType() == FilterType.OR) {
            for (Filter f : filter.getCombinedFilters()) {
                ids.addAll(memberIds(f));
            }
            return ids;
        }
        if (filter.getFilterType() == FilterType.EQUAL && filter.getAttributePath().size() == 1
                && filter.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("value")) {
            ids.add(filter.getComparisonValue().asText());
            return ids;
        }
        throw BadRequestException.invalidFilter("Member filters must be 'value eq \"id\"' (or several joined with 'or'), not '"
                + filter + "'");
    }

    private void rename(GroupModel group, String name) throws ScimException {
        if (name.equals(group.getName())) {
            return;
        }
        GroupModel sibling = context.session().groups().getGroupByName(context.realm(), group.getParent(), name);
        if (sibling != null && !sibling.getId().equals(group.getId())) {
            throw ResourceConflictException.uniqueness("A sibling group named '" + name + "' already exists");
        }
        GroupRowLock.lockForWrite(em, group.getId()); // the rename rewrites Keycloak's row of the group
        group.setName(name);
    }

    private static String displayName(JsonNode node) throws BadRequestException {
        String name = ScimJsonFields.text(node, "displayName");
        if (name == null || name.isBlank()) {
            throw BadRequestException.invalidValue("'displayName' is required");
        }
        if (name.contains("/")) {
            // Keycloak group paths use '/' as separator
            throw BadRequestException.invalidValue("'displayName' must not contain '/'");
        }
        return name.trim();
    }

    private static void setExternalId(GroupModel group, JsonNode node) throws BadRequestException {
        String externalId = ScimJsonFields.text(node, "externalId");
        if (externalId == null) {
            group.removeAttribute(GroupSnapshotLoader.EXTERNAL_ID_ATTRIBUTE);
        } else {
            group.setSingleAttribute(GroupSnapshotLoader.EXTERNAL_ID_ATTRIBUTE, externalId);
        }
    }

    private static void requireGroupSchema(ObjectNode body) throws BadRequestException {
        JsonNode schemas = ScimJsonFields.get(body, "schemas");
        if (schemas == null || !schemas.isArray()
                || java.util.stream.StreamSupport.stream(schemas.spliterator(), false).noneMatch(s -> ScimSchemas.CORE_GROUP.equalsIgnoreCase(s.asText()))) {
            throw BadRequestException.invalidValue("'schemas' must contain " + ScimSchemas.CORE_GROUP);
        }
    }

    /**
     * Moves the group's SCIM version and lastModified (not Keycloak's row of the group: a membership change leaves the
     * group in Keycloak's caches). Answers with the group (200) or without it (204, with its ETag); members are loaded
     * only for an answer that shows them.
     */
    private Response updated(GroupModel group, ScimGroupMetaEntity meta, AttributeProjection projection, boolean withResource)
            throws ScimException {
        meta.bump(System.currentTimeMillis());
        ObjectNode rendered = render(group, withResource && projection.includes("members"));
        context.audit().record(OperationType.UPDATE, ResourceType.GROUP, rendered, "groups", group.getId());
        return withResource ? ScimResponses.resource(200, rendered, projection.apply(rendered)) : ScimResponses.noContent(rendered);
    }

    /** Serializes this request's write of the group with every other SCIM write of it ({@link GroupVersions}). */
    private ScimGroupMetaEntity lockForWrite(String id) throws ResourceNotFoundException {
        ScimGroupMetaEntity meta = versions.lockForWrite(id);
        if (meta == null) {
            throw notFound(id);
        }
        return meta;
    }

    private String version(GroupModel group) {
        return render(group, false).path("meta").path("version").asText();
    }

    private ObjectNode render(GroupModel group, boolean withMembers) {
        return renderer.render(loader.fromModel(group, withMembers));
    }

    private GroupModel find(String id) throws ResourceNotFoundException {
        GroupModel group = context.session().groups().getGroupById(context.realm(), id);
        if (group == null || group.getType() != GroupModel.Type.REALM || !context.scope().containsGroup(id)) {
            throw notFound(id);
        }
        return group;
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("Group " + id + " not found");
    }
}
