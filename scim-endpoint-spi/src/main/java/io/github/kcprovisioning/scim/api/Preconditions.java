package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Conditional request headers (RFC 7232, RFC 7644 §3.14): {@code If-Match} on writes (412 when the version moved on),
 * {@code If-None-Match} on reads (304 when unchanged). In /Bulk, an operation's {@code version} plays If-Match.
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    public static Preconditions from(HttpHeaders headers) {
        return new Preconditions(headers.getHeaderString(HttpHeaders.IF_MATCH), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
    }

    public void checkIfMatch(String currentVersion) throws ScimException {
        if (ifMatch == null || ifMatch.isBlank() || anyMatches(ifMatch, currentVersion)) {
            return;
        }
        throw new PreconditionFailedException("Resource version is " + currentVersion + ", not " + ifMatch);
    }

    /** @return true when {@code If-None-Match} names the current version (a GET may then answer 304) */
    public boolean unchangedSince(String currentVersion) {
        return ifNoneMatch != null && anyMatches(ifNoneMatch, currentVersion);
    }

    private static boolean anyMatches(String header, String currentVersion) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || ResourceVersions.sameTag(tag, currentVersion)) {
                return true;
            }
        }
        return false;
    }
}
