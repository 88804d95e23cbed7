package io.github.kcprovisioning.scim.filter;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import java.util.Locale;

/**
 * A SCIM attribute reference reduced to what filters and sorting need: optional schema URN, attribute, optional
 * sub-attribute. Names are compared case-insensitively (RFC 7643 §2.1).
 */
public record AttributeRef(String schemaUrn, String attribute, String subAttribute) {

    public AttributeRef {
        attribute = attribute.toLowerCase(Locale.ROOT);
        subAttribute = subAttribute == null ? null : subAttribute.toLowerCase(Locale.ROOT);
        schemaUrn = schemaUrn == null ? null : schemaUrn.toLowerCase(Locale.ROOT);
    }

    public static AttributeRef of(Path path) throws BadRequestException {
        if (path.size() == 1) {
            return new AttributeRef(path.getSchemaUrn(), path.getElement(0).getAttribute(), null);
        }
        if (path.size() == 2) {
            return new AttributeRef(path.getSchemaUrn(), path.getElement(0).getAttribute(), path.getElement(1).getAttribute());
        }
        throw BadRequestException.invalidFilter("Unsupported attribute path '" + path + "'");
    }

    /** A path relative to a complex attribute, e.g. {@code value} inside {@code emails[...]}. */
    public static AttributeRef within(AttributeRef parent, Path relative) throws BadRequestException {
        if (relative.size() != 1 || parent.subAttribute != null) {
            throw BadRequestException.invalidFilter("Unsupported attribute path '" + relative + "' inside '" + parent + "'");
        }
        return new AttributeRef(parent.schemaUrn, parent.attribute, relative.getElement(0).getAttribute());
    }

    public boolean is(String attribute, String subAttribute) {
        return this.attribute.equalsIgnoreCase(attribute)
                && (subAttribute == null ? this.subAttribute == null : subAttribute.equalsIgnoreCase(this.subAttribute));
    }

    @Override
    public String toString() {
        String name = subAttribute == null ? attribute : attribute + "." + subAttribute;
        return schemaUrn == null ? name : schemaUrn + ":" + name;
    }
}
