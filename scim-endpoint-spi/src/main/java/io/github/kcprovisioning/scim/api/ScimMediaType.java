package io.github.kcprovisioning.scim.api;

/** RFC 7644 §8.1: responses are {@code application/scim+json}; requests may also use {@code application/json}. */
public final class ScimMediaType {

    public static final String SCIM_JSON = "application/scim+json";

    private ScimMediaType() {
    }
}
