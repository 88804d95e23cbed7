package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.github.kcprovisioning.scim.api.ListResponses;
import io.github.kcprovisioning.scim.api.Preconditions;
import io.github.kcprovisioning.scim.api.ResourceOperations;
import io.github.kcprovisioning.scim.api.ScimContext;
import io.github.kcprovisioning.scim.api.ScimResponses;
import io.github.kcprovisioning.scim.query.AttributeProjection;
import io.github.kcprovisioning.scim.query.ListRequest;
import io.github.kcprovisioning.scim.query.PatchRequests;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;

/** The SCIM operations on /Users for one authenticated request. */
public final class UserOperations implements ResourceOperations {

    private static final String ENDPOINT = "Users";

    private final ScimContext context;
    private final UserAttributeMapping mapping;
    private final UserRenderer renderer;
    private final UserSnapshotLoader loader;
    private final UserWriter writer;
    private final EntityManager em;

    public UserOperations(ScimContext context) {
        this.context = context;
        this.mapping = context.settings().attributeMapping();
        this.renderer = new UserRenderer(mapping);
        this.em = context.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        this.loader = new UserSnapshotLoader(em, mapping, context.scope());
        this.writer = new UserWriter(context.session(), context.realm(), mapping);
    }

    @Override
    public Response create(ObjectNode body) throws ScimException {
        UserModel user = writer.create(body);
        context.scope().admit(user, context.session(), context.realm());
        ObjectNode created = renderer.render(loader.fromNewUser(user, context.realm()), context.location(ENDPOINT, user.getId()));
        context.audit().record(OperationType.CREATE, ResourceType.USER, created, "users", user.getId());
        return ScimResponses.resource(201, created, created);
    }

    @Override
    public Response get(String id, AttributeProjection projection, Preconditions preconditions) throws ScimException {
        return ScimResponses.conditionalGet(render(find(id), projection.includes("groups")), preconditions, projection);
    }

    @Override
    public Response list(ListRequest request) throws ScimException {
        String userName = UserNameLookup.userNameOf(request, context.realm());
        if (userName != null) {
            return listByUserName(userName, request);
        }
        UserQuery.Page page = new UserQuery(em, context.realm(), new UserFilterFields(mapping, context.scope()), context.scope()).run(request);
        boolean withGroups = request.projection().includes("groups");
        List<ObjectNode> resources = new ArrayList<>(page.users().size());
        for (UserSnapshot snapshot : loader.fromEntities(page.users(), withGroups)) {
            resources.add(request.projection().apply(renderer.render(snapshot, context.location(ENDPOINT, snapshot.id()))));
        }
        return ScimResponses.ok(ListResponses.of(page.total(), request.startIndex(), resources));
    }

    /** {@link UserNameLookup}: the same answer as the list query gives for {@code userName eq "…"}. */
    private Response listByUserName(String userName, ListRequest request) throws ScimException {
        UserModel user = context.session().users().getUserByUsername(context.realm(), userName);
        boolean found = user != null && isResource(user);
        List<ObjectNode> resources = found && request.startIndex() == 1 && request.count() > 0
                ? List.of(request.projection().apply(render(user, request.projection().includes("groups"))))
                : List.of();
        return ScimResponses.ok(ListResponses.of(found ? 1 : 0, request.startIndex(), resources));
    }

    @Override
    public Response replace(String id, ObjectNode body, Preconditions preconditions, AttributeProjection projection)
            throws ScimException {
        UserModel user = find(id);
        preconditions.checkIfMatch(() -> version(user));
        writer.replace(body, user);
        return updated(user, projection);
    }

    @Override
    public Response patch(String id, ObjectNode body, Preconditions preconditions, AttributeProjection projection)
            throws ScimException {
        PatchRequest patch = PatchRequests.parse(body);
        UserModel user = find(id);
        ObjectNode current = render(user, false);
        preconditions.checkIfMatch(() -> current.path("meta").path("version").asText());
        current.remove("meta");
        GenericScimResource patched = new GenericScimResource(current);
        patch.apply(patched);
        writer.replace(patched.getObjectNode(), user);
        return updated(user, projection);
    }

    @Override
    public Response delete(String id, Preconditions preconditions) throws ScimException {
        UserModel user = find(id);
        preconditions.checkIfMatch(() -> version(user));
        context.session().users().removeUser(context.realm(), user);
        context.audit().record(OperationType.DELETE, ResourceType.USER, null, "users", id);
        return ScimResponses.noContent();
    }

    private Response updated(UserModel user, AttributeProjection projection) throws ScimException {
        ObjectNode rendered = render(user, projection.includes("groups"));
        context.audit().record(OperationType.UPDATE, ResourceType.USER, rendered, "users", user.getId());
        return ScimResponses.resource(200, rendered, projection.apply(rendered));
    }

    private String version(UserModel user) {
        return render(user, false).path("meta").path("version").asText();
    }

    private ObjectNode render(UserModel user, boolean withGroups) {
        return renderer.render(loader.fromModel(user, withGroups), context.location(ENDPOINT, user.getId()));
    }

    /** Users of this realm in the client's scope only; service accounts are not SCIM resources. */
    private UserModel find(String id) throws ResourceNotFoundException {
        UserModel user = context.session().users().getUserById(context.realm(), id);
        if (user == null || !isResource(user)) {
            throw new ResourceNotFoundException("User " + id + " not found");
        }
        return user;
    }

    private boolean isResource(UserModel user) {
        return user.getServiceAccountClientLink() == null && context.scope().containsUser(user);
    }
}
