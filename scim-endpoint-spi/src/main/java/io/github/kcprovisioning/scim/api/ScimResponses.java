package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.query.AttributeProjection;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Successful SCIM responses: {@code application/scim+json}, ETag from {@code meta.version}, Location on create. */
public final class ScimResponses {

    private ScimResponses() {
    }

    public static Response ok(JsonNode body) {
        return Response.ok(ScimJson.write(body), ScimMediaType.SCIM_JSON).build();
    }

    /** A single resource; {@code fullResource} carries the meta of the resource even when the body is projected. */
    public static Response resource(int status, ObjectNode fullResource, ObjectNode body) {
        Response.ResponseBuilder builder = Response.status(status).type(ScimMediaType.SCIM_JSON).entity(ScimJson.write(body));
        JsonNode meta = fullResource.get("meta");
        if (meta != null) {
            builder.header(HttpHeaders.ETAG, meta.path("version").asText());
            if (status == 201) {
                builder.location(URI.create(meta.path("location").asText()));
            }
        }
        return builder.build();
    }

    /** GET of one resource: 304 when If-None-Match names its current version, else 200 with the projected body. */
    public static Response conditionalGet(ObjectNode resource, Preconditions preconditions, AttributeProjection projection)
            throws ScimException {
        String version = resource.path("meta").path("version").asText();
        if (preconditions.unchangedSince(version)) {
            return notModified(version);
        }
        return resource(200, resource, projection.apply(resource));
    }

    public static Response notModified(String version) {
        return Response.notModified().header(HttpHeaders.ETAG, version).build();
    }

    public static Response noContent() {
        return Response.noContent().build();
    }

    /** 204 after a change, with the changed resource's version as ETag */
    public static Response noContent(ObjectNode changedResource) {
        return Response.noContent().header(HttpHeaders.ETAG, changedResource.path("meta").path("version").asText()).build();
    }
}
