package io.github.kcprovisioning.scim.user;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM User attributes (RFC 7643 §4.1 and the enterprise extension §4.3) that can be kept in a Keycloak user
 * attribute: every attribute of those schemas except the ones Keycloak has a column or a model for ({@code id},
 * {@code userName}, {@code name.givenName}, {@code name.familyName}, {@code emails}, {@code active}, {@code password},
 * {@code groups}). A multi-valued attribute is mapped one element type at a time ({@code phoneNumbers[work].value}), a
 * complex one by its sub-attribute ({@code name.middleName}, {@code manager.value}). Names are case-insensitive.
 */
public final class MappableAttributes {

    /** how one attribute can be addressed: a simple value, or the listed sub-attributes, with or without element type */
    private record Shape(boolean multiValued, Set<String> subAttributes) {
    }

    private static final Shape SIMPLE = new Shape(false, Set.of());
    /** multi-valued attributes of simple elements: an omitted sub-attribute means {@code value} */
    private static final Shape VALUES = new Shape(true, Set.of("value", "display"));

    private static final Map<String, Shape> CORE = Map.ofEntries(
            Map.entry("externalid", SIMPLE), Map.entry("displayname", SIMPLE), Map.entry("nickname", SIMPLE),
            Map.entry("profileurl", SIMPLE), Map.entry("title", SIMPLE), Map.entry("usertype", SIMPLE),
            Map.entry("preferredlanguage", SIMPLE), Map.entry("locale", SIMPLE), Map.entry("timezone", SIMPLE),
            Map.entry("name", new Shape(false, Set.of("formatted", "middlename", "honorificprefix", "honorificsuffix"))),
            Map.entry("phonenumbers", VALUES), Map.entry("ims", VALUES), Map.entry("photos", VALUES),
            Map.entry("entitlements", VALUES), Map.entry("roles", VALUES), Map.entry("x509certificates", VALUES),
            Map.entry("addresses", new Shape(true, Set.of("formatted", "streetaddress", "locality", "region", "postalcode", "country"))));

    private static final Map<String, Shape> ENTERPRISE = Map.of(
            "employeenumber", SIMPLE, "costcenter", SIMPLE, "organization", SIMPLE, "division", SIMPLE, "department", SIMPLE,
            "manager", new Shape(false, Set.of("value", "displayname")));

    private MappableAttributes() {
    }

    public static boolean allows(MappedAttribute mapped) {
        Map<String, Shape> schema = mapped.schemaUrn() == null ? CORE
                : mapped.schemaUrn().equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER) ? ENTERPRISE : Map.of();
        Shape shape = schema.get(lower(mapped.attribute()));
        if (shape == null || shape.multiValued() != (mapped.type() != null)) {
            return false;
        }
        if (shape.subAttributes().isEmpty()) {
            return mapped.subAttribute() == null;
        }
        String sub = mapped.subAttribute() == null && shape == VALUES ? "value" : lower(mapped.subAttribute());
        return sub != null && shape.subAttributes().contains(sub);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
