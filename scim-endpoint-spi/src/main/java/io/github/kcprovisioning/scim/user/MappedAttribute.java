package io.github.kcprovisioning.scim.user;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SCIM attribute stored as a Keycloak user attribute. The SCIM side is written
 * {@code [schemaUrn:]attribute[\[type\]][.subAttribute]}, e.g. {@code title}, {@code name.middleName},
 * {@code phoneNumbers[mobile].value}, {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 * A {@code [type]} stands for the element of a multi-valued attribute with that {@code type}: Keycloak keeps one value per type.
 */
public record MappedAttribute(String schemaUrn, String attribute, String type, String subAttribute, String userAttribute) {

    private static final Pattern SCIM_PATH = Pattern.compile("([A-Za-z][\\w$-]*)(?:\\[([A-Za-z][\\w-]*)])?(?:\\.([A-Za-z][\\w$-]*))?");

    public static MappedAttribute parse(String scimPath, String userAttribute) {
        String path = scimPath.trim();
        String urn = null;
        if (path.regionMatches(true, 0, "urn:", 0, 4)) {
            int lastColon = path.lastIndexOf(':');
            urn = path.substring(0, lastColon);
            path = path.substring(lastColon + 1);
            if (urn.equalsIgnoreCase(ScimSchemas.CORE_USER)) {
                urn = null;
            }
        }
        Matcher m = SCIM_PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid SCIM attribute path in mapping: '" + scimPath + "'");
        }
        return new MappedAttribute(urn, m.group(1), m.group(2), m.group(3), userAttribute.trim());
    }

    /** The canonical SCIM path, used as the mapping's key. */
    public String scimPath() {
        return path().toLowerCase(Locale.ROOT);
    }

    /** The SCIM path as configured (attribute names in their case), for display. */
    public String path() {
        StringBuilder b = new StringBuilder();
        if (schemaUrn != null) {
            b.append(schemaUrn).append(':');
        }
        b.append(attribute);
        if (type != null) {
            b.append('[').append(type).append(']');
        }
        if (subAttribute != null) {
            b.append('.').append(subAttribute);
        }
        return b.toString();
    }

    /** RFC 7643: externalId is case-exact; the string attributes mapped here are not. */
    public boolean caseExact() {
        return schemaUrn == null && attribute.equals("externalId");
    }
}
