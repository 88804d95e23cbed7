package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /** Weak comparison (RFC 7232 §2.3.2): {@code W/"x"} and {@code "x"} name the same version. */
    static boolean sameTag(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
