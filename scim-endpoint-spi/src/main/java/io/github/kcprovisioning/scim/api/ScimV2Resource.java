package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.NotImplementedException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import io.github.kcprovisioning.scim.bulk.BulkProcessor;
import io.github.kcprovisioning.scim.discovery.DiscoveryDocuments;
import io.github.kcprovisioning.scim.group.GroupOperations;
import io.github.kcprovisioning.scim.user.UserOperations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/provisioning/scim/v2}: discovery endpoints and the resource collections. */
public class ScimV2Resource {

    private final KeycloakSession session;
    private final ScimDispatcher dispatcher;

    ScimV2Resource(KeycloakSession session, ScimDispatcher dispatcher) {
        this.session = session;
        this.dispatcher = dispatcher;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        return dispatcher.dispatch(ctx -> ScimResponses.ok(DiscoveryDocuments.serviceProviderConfig(ctx)));
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return dispatcher.dispatch(ctx -> ScimResponses.ok(DiscoveryDocuments.resourceTypes(ctx)));
    }

    @GET
    @Path("ResourceTypes/{id}")
    public Response resourceType(@PathParam("id") String id) {
        return dispatcher.dispatch(ctx -> ScimResponses.ok(DiscoveryDocuments.resourceType(ctx, id)
                .orElseThrow(() -> new ResourceNotFoundException("No resource type '" + id + "'"))));
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        return dispatcher.dispatch(ctx -> ScimResponses.ok(DiscoveryDocuments.schemas(ctx)));
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        return dispatcher.dispatch(ctx -> ScimResponses.ok(DiscoveryDocuments.schema(ctx, id)
                .orElseThrow(() -> new ResourceNotFoundException("No schema '" + id + "'"))));
    }

    @jakarta.ws.rs.POST
    @Path("Bulk")
    public Response bulk(java.io.InputStream body) {
        return dispatcher.dispatch(ctx -> new BulkProcessor(ctx).run(ScimJson.readObject(body, ctx.settings().maxBodyBytes())));
    }

    /** RFC 7644 §3.11: /Me is optional; it answers 501 for every method. */
    @Path("Me")
    public MeResource me() {
        return new MeResource(dispatcher);
    }

    @Path("Users")
    public ResourceCollectionResource users() {
        return new ResourceCollectionResource(session, dispatcher, UserOperations::new);
    }

    @Path("Groups")
    public ResourceCollectionResource groups() {
        return new ResourceCollectionResource(session, dispatcher, GroupOperations::new);
    }

    public static class MeResource {
        private final ScimDispatcher dispatcher;

        MeResource(ScimDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @GET
        public Response get() {
            return notImplemented();
        }

        @jakarta.ws.rs.POST
        public Response post() {
            return notImplemented();
        }

        @jakarta.ws.rs.PUT
        public Response put() {
            return notImplemented();
        }

        @jakarta.ws.rs.PATCH
        public Response patch() {
            return notImplemented();
        }

        @jakarta.ws.rs.DELETE
        public Response delete() {
            return notImplemented();
        }

        private Response notImplemented() {
            return dispatcher.dispatch(ctx -> {
                throw new NotImplementedException("/Me is not supported: SCIM clients here are service accounts, not users");
            });
        }
    }
}
