package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.ws.rs.core.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Resource versions (meta.version, ETag) are a hash of the rendered resource: every visible change, whoever made it
 * (SCIM, admin console, login), changes the version without any bookkeeping column.
 */
public final class ResourceVersions {

    private ResourceVersions() {
    }

    /** Weak ETag of a rendered resource without its {@code meta}. */
    public static String of(ObjectNode renderedWithoutMeta) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(renderedWithoutMeta.toString().getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7644 §3.14 / RFC 7232: a write with {@code If-Match} not matching the current version fails with 412. */
    public static void checkIfMatch(HttpHeaders headers, String currentVersion) throws ScimException {
        checkIfMatch(headers.getHeaderString(HttpHeaders.IF_MATCH), currentVersion);
    }

    static void checkIfMatch(String ifMatch, String currentVersion) throws ScimException {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || sameTag(tag, currentVersion)) {
                return;
            }
        }
        throw new PreconditionFailedException("Resource version is " + currentVersion + ", not " + ifMatch);
    }

    /** @return true when {@code If-None-Match} names the current version (a GET may then answer 304) */
    public static boolean matchesIfNoneMatch(HttpHeaders headers, String currentVersion) {
        return matchesIfNoneMatch(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), currentVersion);
    }

    static boolean matchesIfNoneMatch(String ifNoneMatch, String currentVersion) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || sameTag(tag, currentVersion)) {
                return true;
            }
        }
        return false;
    }

    /** Weak comparison (RFC 7232 §2.3.2): {@code W/"x"} and {@code "x"} name the same version. */
    private static boolean sameTag(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
