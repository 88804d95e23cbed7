package io.github.kcprovisioning.scim.user;

import io.github.kcprovisioning.scim.filter.AttributeRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which SCIM user attributes are stored in which Keycloak user attributes. Core attributes Keycloak has columns for
 * (userName, name.givenName, name.familyName, emails, active) are not part of it. Names follow Keycloak's user-profile
 * and OIDC conventions where one exists ({@code locale}, {@code zoneinfo}, {@code phoneNumber}).
 */
public final class UserAttributeMapping {

    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER + ":";

    static final Map<String, String> DEFAULTS = defaults();

    private final List<MappedAttribute> attributes;

    private UserAttributeMapping(Collection<MappedAttribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    public static UserAttributeMapping defaultMapping() {
        return withOverrides(null);
    }

    /** @param overrides {@code scimPath=userAttribute} entries; an empty user attribute removes the SCIM attribute */
    public static UserAttributeMapping withOverrides(String[] overrides) {
        Map<String, MappedAttribute> byPath = new LinkedHashMap<>();
        DEFAULTS.forEach((path, attribute) -> put(byPath, MappedAttribute.parse(path, attribute)));
        if (overrides != null) {
            for (String entry : overrides) {
                if (entry.isBlank()) {
                    continue;
                }
                MappedAttribute parsed = parseEntry(entry);
                if (parsed.userAttribute().isEmpty()) {
                    byPath.remove(parsed.scimPath());
                } else {
                    put(byPath, parsed);
                }
            }
        }
        return new UserAttributeMapping(byPath.values());
    }

    /**
     * One override entry, {@code scimPath=userAttribute} (an empty user attribute means: drop the SCIM attribute).
     *
     * @throws IllegalArgumentException when it is not of that form or the SCIM path is not a valid path
     */
    public static MappedAttribute parseEntry(String entry) {
        int eq = entry.lastIndexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("Attribute mapping '" + entry + "' is not of the form scimPath=userAttribute");
        }
        return MappedAttribute.parse(entry.substring(0, eq), entry.substring(eq + 1));
    }

    private static void put(Map<String, MappedAttribute> byPath, MappedAttribute attribute) {
        byPath.put(attribute.scimPath(), attribute);
    }

    public List<MappedAttribute> attributes() {
        return attributes;
    }

    public Set<String> userAttributeNames() {
        return attributes.stream().map(MappedAttribute::userAttribute).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * User attributes that may hold the value of a filter's attribute reference; an omitted sub-attribute means
     * {@code value} (RFC 7644 §3.4.2.2), an element type narrows multi-valued attributes to that element.
     */
    public List<MappedAttribute> matching(AttributeRef ref, String elementType) {
        String urn = ref.schemaUrn() == null || ref.schemaUrn().equalsIgnoreCase(ScimSchemas.CORE_USER) ? null : ref.schemaUrn();
        List<MappedAttribute> result = new ArrayList<>();
        for (MappedAttribute m : attributes) {
            boolean sameSchema = urn == null ? m.schemaUrn() == null : urn.equalsIgnoreCase(m.schemaUrn());
            boolean sameAttribute = m.attribute().equalsIgnoreCase(ref.attribute());
            boolean sameSub = ref.subAttribute() == null
                    ? m.subAttribute() == null || m.subAttribute().equalsIgnoreCase("value")
                    : ref.subAttribute().equalsIgnoreCase(m.subAttribute());
            boolean sameType = elementType == null || elementType.equalsIgnoreCase(m.type());
            if (sameSchema && sameAttribute && sameSub && sameType) {
                result.add(m);
            }
        }
        return result;
    }

    /** The first declared element type of a multi-valued attribute receives incoming elements that carry no type. */
    boolean isFirstTypeOf(MappedAttribute mapped) {
        return attributes.stream()
                .filter(m -> m.type() != null && m.attribute().equalsIgnoreCase(mapped.attribute())
                        && Objects.equals(m.schemaUrn(), mapped.schemaUrn()))
                .findFirst().map(m -> m.type().equalsIgnoreCase(mapped.type())).orElse(false);
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("externalId", "scim.externalId");
        m.put("displayName", "displayName");
        m.put("nickName", "nickName");
        m.put("name.formatted", "name.formatted");
        m.put("name.middleName", "middleName");
        m.put("name.honorificPrefix", "honorificPrefix");
        m.put("name.honorificSuffix", "honorificSuffix");
        m.put("profileUrl", "profileUrl");
        m.put("title", "title");
        m.put("userType", "userType");
        m.put("preferredLanguage", "preferredLanguage");
        m.put("locale", "locale");
        m.put("timezone", "zoneinfo");
        m.put("phoneNumbers[work].value", "phoneNumber");
        m.put("phoneNumbers[mobile].value", "mobile");
        m.put("phoneNumbers[fax].value", "fax");
        m.put("addresses[work].formatted", "address.formatted");
        m.put("addresses[work].streetAddress", "address.street");
        m.put("addresses[work].locality", "address.locality");
        m.put("addresses[work].region", "address.region");
        m.put("addresses[work].postalCode", "address.postalCode");
        m.put("addresses[work].country", "address.country");
        m.put(ENTERPRISE + "employeeNumber", "employeeNumber");
        m.put(ENTERPRISE + "costCenter", "costCenter");
        m.put(ENTERPRISE + "organization", "organization");
        m.put(ENTERPRISE + "division", "division");
        m.put(ENTERPRISE + "department", "department");
        m.put(ENTERPRISE + "manager.value", "manager");
        return m;
    }
}
