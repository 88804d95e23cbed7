package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.function.Supplier;

/**
 * Conditional request headers (RFC 7232, RFC 7644 §3.14): {@code If-Match} on writes (412 when the version moved on),
 * {@code If-None-Match} on reads (304 when unchanged). In /Bulk, an operation's {@code version} plays If-Match.
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    public static Preconditions from(HttpHeaders headers) {
        return new Preconditions(headers.getHeaderString(HttpHeaders.IF_MATCH), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
    }

    /** @param currentVersion asked for only when there is an {@code If-Match} (rendering a version has a cost) */
    public void checkIfMatch(Supplier<String> currentVersion) throws ScimException {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String version = currentVersion.get();
        if (!anyMatches(ifMatch, version)) {
            throw new PreconditionFailedException("Resource version is " + version + ", not " + ifMatch);
        }
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
