package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code attributes} / {@code excludedAttributes} (RFC 7644 §3.9). {@code id}, {@code schemas} and {@code meta} are
 * always returned. Also tells loaders whether an expensive attribute (group members, user groups) is wanted at all.
 */
public final class AttributeProjection {

    private static final AttributeProjection ALL = new AttributeProjection(List.of(), List.of());
    private static final Set<String> ALWAYS_RETURNED = Set.of("id", "schemas", "meta");

    private final List<Path> attributes;
    private final List<Path> excluded;

    private AttributeProjection(List<Path> attributes, List<Path> excluded) {
        this.attributes = attributes;
        this.excluded = excluded;
    }

    public static AttributeProjection all() {
        return ALL;
    }

    public static AttributeProjection fromQuery(MultivaluedMap<String, String> query) throws ScimException {
        return of(ListRequest.split(query.getFirst("attributes")), ListRequest.split(query.getFirst("excludedAttributes")));
    }

    static AttributeProjection of(Set<String> attributes, Set<String> excluded) throws BadRequestException {
        if ((attributes == null || attributes.isEmpty()) && (excluded == null || excluded.isEmpty())) {
            return ALL;
        }
        return new AttributeProjection(paths(attributes), paths(excluded));
    }

    private static List<Path> paths(Set<String> names) throws BadRequestException {
        List<Path> paths = new ArrayList<>();
        if (names != null) {
            for (String name : names) {
                try {
                    paths.add(Path.fromString(name));
                } catch (BadRequestException e) {
                    throw BadRequestException.invalidPath("Invalid attribute '" + name + "': " + e.getMessage());
                }
            }
        }
        return paths;
    }

    /** @return whether the request named {@code attributes} or {@code excludedAttributes} */
    public boolean requested() {
        return this != ALL;
    }

    /** @return whether the top-level attribute (e.g. {@code members}, {@code groups}) will be part of the response */
    public boolean includes(String topLevelAttribute) {
        if (excluded.stream().anyMatch(p -> p.size() == 1 && isTop(p, topLevelAttribute))) {
            return false;
        }
        return attributes.isEmpty() || attributes.stream().anyMatch(p -> isTop(p, topLevelAttribute));
    }

    private static boolean isTop(Path path, String attribute) {
        return path.size() >= 1 && path.getElement(0).getAttribute().equalsIgnoreCase(attribute);
    }

    public ObjectNode apply(ObjectNode resource) throws ScimException {
        if (this == ALL) {
            return resource;
        }
        ObjectNode result;
        if (attributes.isEmpty()) {
            result = resource.deepCopy();
        } else {
            result = JsonUtils.getJsonNodeFactory().objectNode();
            for (String always : ALWAYS_RETURNED) {
                if (resource.has(always)) {
                    result.set(always, resource.get(always));
                }
            }
            for (Path path : attributes) {
                for (JsonNode value : JsonUtils.findMatchingPaths(path, resource)) {
                    JsonUtils.replaceValue(path, result, value);
                }
            }
        }
        for (Path path : excluded) {
            if (!(path.size() == 1 && ALWAYS_RETURNED.contains(path.getElement(0).getAttribute()))) {
                JsonUtils.removeValues(path, result);
            }
        }
        return result;
    }
}
