package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.SearchRequest;
import com.unboundid.scim2.common.messages.SortOrder;
import io.github.kcprovisioning.scim.api.ScimJson;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A list/search request (RFC 7644 §3.4.2, §3.4.3) from query parameters or a {@code /.search} body, normalized:
 * parsed filter, 1-based start index, count cut to the configured maximum.
 */
public record ListRequest(Filter filter, String sortBy, boolean descending, int startIndex, int count,
                          AttributeProjection projection) {

    public static ListRequest fromQuery(MultivaluedMap<String, String> query, int defaultCount, int maxCount) throws ScimException {
        return of(query.getFirst("filter"), query.getFirst("sortBy"), query.getFirst("sortOrder"),
                integer(query.getFirst("startIndex"), "startIndex"), integer(query.getFirst("count"), "count"),
                split(query.getFirst("attributes")), split(query.getFirst("excludedAttributes")), defaultCount, maxCount);
    }

    public static ListRequest fromSearchBody(ObjectNode body, int defaultCount, int maxCount) throws ScimException {
        SearchRequest search = ScimJson.convert(body, SearchRequest.class);
        SortOrder order = search.getSortOrder();
        return of(search.getFilter(), search.getSortBy(), order == null ? null : order.getName(), search.getStartIndex(),
                search.getCount(), search.getAttributes(), search.getExcludedAttributes(), defaultCount, maxCount);
    }

    /**
     * The total number of results when the page alone tells it: a page shorter than {@code count} is the end of the
     * result, so the total is what came before it plus the page, provided the page is not empty or starts at the first
     * result (an empty page further on says nothing about how far the result reaches). Spares the count query for the
     * most frequent provisioning requests, e.g. {@code filter=userName eq "…"}.
     */
    public OptionalLong totalFromPage(int pageSize) {
        boolean endOfResult = pageSize < count && (pageSize > 0 || startIndex == 1);
        return endOfResult ? OptionalLong.of(startIndex - 1L + pageSize) : OptionalLong.empty();
    }

    private static ListRequest of(String filter, String sortBy, String sortOrder, Integer startIndex, Integer count,
                                  Set<String> attributes, Set<String> excluded, int defaultCount, int maxCount) throws ScimException {
        Filter parsed = filter == null || filter.isBlank() ? null : parseFilter(filter);
        boolean descending;
        if (sortOrder == null || sortOrder.equalsIgnoreCase("ascending")) {
            descending = false;
        } else if (sortOrder.equalsIgnoreCase("descending")) {
            descending = true;
        } else {
            throw BadRequestException.invalidValue("sortOrder must be 'ascending' or 'descending', not '" + sortOrder + "'");
        }
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? defaultCount : Math.max(0, Math.min(count, maxCount));
        return new ListRequest(parsed, sortBy == null || sortBy.isBlank() ? null : sortBy, descending, start, size,
                AttributeProjection.of(attributes, excluded));
    }

    private static Filter parseFilter(String filter) throws BadRequestException {
        try {
            return Filter.fromString(filter);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidFilter("Cannot parse filter '" + filter + "': " + e.getMessage());
        }
    }

    private static Integer integer(String value, String parameter) throws BadRequestException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw BadRequestException.invalidValue("'" + parameter + "' must be an integer, not '" + value + "'");
        }
    }

    static Set<String> split(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }
}
