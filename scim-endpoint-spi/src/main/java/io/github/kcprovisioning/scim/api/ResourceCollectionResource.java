package io.github.kcprovisioning.scim.api;

import io.github.kcprovisioning.scim.query.AttributeProjection;
import io.github.kcprovisioning.scim.query.ListRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.function.Function;

/**
 * HTTP binding of a resource collection ({@code /Users}, {@code /Groups}). Bodies are read as streams so that their
 * size can be bounded; every call goes through the {@link ScimDispatcher}.
 */
public class ResourceCollectionResource {

    private final KeycloakSession session;
    private final ScimDispatcher dispatcher;
    private final Function<ScimContext, ResourceOperations> operations;

    ResourceCollectionResource(KeycloakSession session, ScimDispatcher dispatcher,
                               Function<ScimContext, ResourceOperations> operations) {
        this.session = session;
        this.dispatcher = dispatcher;
        this.operations = operations;
    }

    @POST
    public Response create(InputStream body) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).create(ScimJson.readObject(body, ctx.settings().maxBodyBytes())));
    }

    @GET
    public Response list() {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).list(
                ListRequest.fromQuery(query(), ctx.settings().defaultPageSize(), ctx.settings().maxPageSize())));
    }

    @POST
    @Path(".search")
    public Response search(InputStream body) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).list(ListRequest.fromSearchBody(
                ScimJson.readObject(body, ctx.settings().maxBodyBytes()),
                ctx.settings().defaultPageSize(), ctx.settings().maxPageSize())));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).get(id, AttributeProjection.fromQuery(query()), headers()));
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, InputStream body) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).replace(id, ScimJson.readObject(body, ctx.settings().maxBodyBytes()), headers(),
                AttributeProjection.fromQuery(query())));
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, InputStream body) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).patch(id, ScimJson.readObject(body, ctx.settings().maxBodyBytes()), headers(),
                AttributeProjection.fromQuery(query())));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return dispatcher.dispatch(ctx -> operations.apply(ctx).delete(id, headers()));
    }

    private MultivaluedMap<String, String> query() {
        return session.getContext().getUri().getQueryParameters();
    }

    private Preconditions headers() {
        return Preconditions.from(session.getContext().getRequestHeaders());
    }
}
