package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.query.AttributeProjection;
import io.github.kcprovisioning.scim.query.ListRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The RFC 7644 §3 operations of one resource type (Users, Groups) within one authenticated request. */
public interface ResourceOperations {

    Response create(ObjectNode body) throws ScimException;

    Response get(String id, AttributeProjection projection, HttpHeaders headers) throws ScimException;

    Response list(ListRequest request) throws ScimException;

    Response replace(String id, ObjectNode body, HttpHeaders headers) throws ScimException;

    Response patch(String id, ObjectNode body, HttpHeaders headers) throws ScimException;

    Response delete(String id, HttpHeaders headers) throws ScimException;
}
