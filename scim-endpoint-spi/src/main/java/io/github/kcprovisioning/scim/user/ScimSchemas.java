package io.github.kcprovisioning.scim.user;

/** Schema URNs served by this endpoint. */
public final class ScimSchemas {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private ScimSchemas() {
    }
}
