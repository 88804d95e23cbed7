package io.github.kcprovisioning.scim.filter;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a parsed SCIM filter into a JPA criteria predicate on a resource entity, so that filtering runs in the
 * database. Attributes the resolver cannot place, and operators that make no sense for a value kind, are an
 * {@code invalidFilter} error, never an empty result.
 */
public final class CriteriaFilterTranslator implements FilterVisitor<Predicate, CriteriaFilterTranslator.Scope> {

    /** Inside {@code attr[...]}: the enclosing attribute and the element type the conditions are restricted to. */
    public record Scope(AttributeRef parent, String elementType) {
        static final Scope TOP = new Scope(null, null);
    }

    private final CriteriaBuilder cb;
    private final AbstractQuery<?> query;
    private final Root<?> root;
    private final Class<?> attributeEntity;
    private final String attributeOwnerField;
    private final FilterFieldResolver resolver;

    /**
     * @param attributeEntity     entity holding name/value rows of the resource (e.g. {@code UserAttributeEntity})
     * @param attributeOwnerField its field pointing back at the resource entity (e.g. {@code user})
     */
    public CriteriaFilterTranslator(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> root, Class<?> attributeEntity,
                                    String attributeOwnerField, FilterFieldResolver resolver) {
        this.cb = cb;
        this.query = query;
        this.root = root;
        this.attributeEntity = attributeEntity;
        this.attributeOwnerField = attributeOwnerField;
        this.resolver = resolver;
    }

    public Predicate translate(Filter filter) throws ScimException {
        return filter.visit(this, Scope.TOP);
    }

    @Override
    public Predicate visit(EqualFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(NotEqualFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(ContainsFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(StartsWithFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(EndsWithFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(GreaterThanFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(GreaterThanOrEqualFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(LessThanFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(LessThanOrEqualFilter filter, Scope scope) throws ScimException {
        return compare(filter, scope);
    }

    @Override
    public Predicate visit(PresentFilter filter, Scope scope) throws ScimException {
        FilterField field = resolve(filter.getAttributePath(), scope);
        if (field instanceof FilterField.Column column) {
            Expression<?> x = column.value().of(cb, query, root);
            return column.kind() == FilterField.Kind.STRING
                    ? cb.and(cb.isNotNull(x), cb.notEqual(x, "")) : cb.isNotNull(x);
        }
        if (field instanceof FilterField.StoredAttribute attribute) {
            return attributeExists(attribute, null);
        }
        if (field instanceof FilterField.Related related) {
            return related.rows().exists(cb, query, root, null);
        }
        return cb.conjunction();
    }

    @Override
    public Predicate visit(AndFilter filter, Scope scope) throws ScimException {
        return cb.and(translateAll(filter.getCombinedFilters(), scope));
    }

    @Override
    public Predicate visit(OrFilter filter, Scope scope) throws ScimException {
        return cb.or(translateAll(filter.getCombinedFilters(), scope));
    }

    @Override
    public Predicate visit(NotFilter filter, Scope scope) throws ScimException {
        return cb.not(filter.getInvertedFilter().visit(this, scope));
    }

    /**
     * {@code attr[cond]}: conditions on {@code type} pick the element type (Keycloak keeps one value per type), the
     * remaining conditions are evaluated against that element's storage.
     */
    @Override
    public Predicate visit(ComplexValueFilter filter, Scope scope) throws ScimException {
        if (scope.parent() != null) {
            throw BadRequestException.invalidFilter("Nested complex attribute filters are not supported");
        }
        AttributeRef parent = AttributeRef.of(filter.getAttributePath());
        List<Filter> conditions = filter.getValueFilter().getFilterType() == FilterType.AND
                ? filter.getValueFilter().getCombinedFilters() : List.of(filter.getValueFilter());
        String elementType = null;
        List<Filter> rest = new ArrayList<>();
        for (Filter condition : conditions) {
            if (condition.getFilterType() == FilterType.EQUAL && isTypeAttribute(condition.getAttributePath())) {
                elementType = condition.getComparisonValue().asText();
            } else {
                rest.add(condition);
            }
        }
        Scope inner = new Scope(parent, elementType);
        if (rest.isEmpty()) {
            // "has an element of this type": the element's value is present
            return visit((PresentFilter) Filter.pr(Path.root().attribute("value")), inner);
        }
        return cb.and(translateAll(rest, inner));
    }

    private static boolean isTypeAttribute(Path path) {
        return path.size() == 1 && "type".equalsIgnoreCase(path.getElement(0).getAttribute());
    }

    private Predicate[] translateAll(List<Filter> filters, Scope scope) throws ScimException {
        Predicate[] predicates = new Predicate[filters.size()];
        for (int i = 0; i < predicates.length; i++) {
            predicates[i] = filters.get(i).visit(this, scope);
        }
        return predicates;
    }

    private FilterField resolve(Path path, Scope scope) throws BadRequestException {
        AttributeRef ref = scope.parent() == null ? AttributeRef.of(path) : AttributeRef.within(scope.parent(), path);
        return resolver.resolve(ref, scope.elementType());
    }

    private Predicate compare(Filter filter, Scope scope) throws ScimException {
        FilterField field = resolve(filter.getAttributePath(), scope);
        ValueNode operand = filter.getComparisonValue();
        if (operand == null || operand.isNull()) {
            throw BadRequestException.invalidFilter("Comparison with null in '" + filter + "'; use 'pr' instead");
        }
        if (field instanceof FilterField.Constant constant) {
            return constantComparison(filter, constant, operand);
        }
        if (field instanceof FilterField.StoredAttribute attribute) {
            if (filter.getFilterType() == FilterType.NOT_EQUAL) {
                return cb.not(attributeExists(attribute, value -> stringComparison(FilterType.EQUAL, value, attribute.caseExact(), false, operand.asText())));
            }
            return attributeExists(attribute, value -> stringComparison(filter.getFilterType(), value, attribute.caseExact(), false, operand.asText()));
        }
        if (field instanceof FilterField.Related related) {
            return relatedComparison(filter, related, operand);
        }
        FilterField.Column column = (FilterField.Column) field;
        Expression<?> x = column.value().of(cb, query, root);
        return switch (column.kind()) {
            case STRING -> columnString(filter, column, x.as(String.class), operand);
            case BOOLEAN -> columnBoolean(filter, x.as(Boolean.class), operand);
            case DATETIME -> columnDate(filter, x.as(Long.class), operand);
        };
    }

    private Predicate columnString(Filter filter, FilterField.Column column, Expression<String> x, ValueNode operand) throws BadRequestException {
        if (!operand.isTextual()) {
            throw BadRequestException.invalidFilter("'" + filter.getAttributePath() + "' compares with a string, not " + operand);
        }
        if (filter.getFilterType() == FilterType.NOT_EQUAL) {
            return cb.or(cb.isNull(x), cb.not(stringComparison(FilterType.EQUAL, x, column.caseExact(), column.storedLowercase(), operand.asText())));
        }
        return stringComparison(filter.getFilterType(), x, column.caseExact(), column.storedLowercase(), operand.asText());
    }

    private Predicate stringComparison(FilterType type, Expression<String> x, boolean caseExact, boolean storedLowercase, String value) {
        Expression<String> left = caseExact || storedLowercase ? x : cb.lower(x);
        String right = caseExact ? value : value.toLowerCase(Locale.ROOT);
        return switch (type) {
            case EQUAL -> cb.equal(left, right);
            case CONTAINS -> cb.like(left, "%" + escapeLike(right) + "%", '\\');
            case STARTS_WITH -> cb.like(left, escapeLike(right) + "%", '\\');
            case ENDS_WITH -> cb.like(left, "%" + escapeLike(right), '\\');
            case GREATER_THAN -> cb.greaterThan(left, right);
            case GREATER_OR_EQUAL -> cb.greaterThanOrEqualTo(left, right);
            case LESS_THAN -> cb.lessThan(left, right);
            case LESS_OR_EQUAL -> cb.lessThanOrEqualTo(left, right);
            default -> throw new IllegalArgumentException("not a comparison: " + type);
        };
    }

    private Predicate columnBoolean(Filter filter, Expression<Boolean> x, ValueNode operand) throws BadRequestException {
        Boolean value = BooleanValues.parse(operand);
        if (value == null) {
            throw BadRequestException.invalidFilter("'" + filter.getAttributePath() + "' is boolean; got " + operand);
        }
        return switch (filter.getFilterType()) {
            case EQUAL -> cb.equal(x, value);
            case NOT_EQUAL -> cb.notEqual(x, value);
            default -> throw BadRequestException.invalidFilter("Operator '" + filter.getFilterType() + "' is not defined for boolean '"
                    + filter.getAttributePath() + "'");
        };
    }

    private Predicate columnDate(Filter filter, Expression<Long> x, ValueNode operand) throws BadRequestException {
        long millis = DateValues.parseMillis(operand, filter);
        return switch (filter.getFilterType()) {
            case EQUAL -> cb.equal(x, millis);
            case NOT_EQUAL -> cb.notEqual(x, millis);
            case GREATER_THAN -> cb.greaterThan(x, millis);
            case GREATER_OR_EQUAL -> cb.greaterThanOrEqualTo(x, millis);
            case LESS_THAN -> cb.lessThan(x, millis);
            case LESS_OR_EQUAL -> cb.lessThanOrEqualTo(x, millis);
            default -> throw BadRequestException.invalidFilter("Operator '" + filter.getFilterType() + "' is not defined for dateTime '"
                    + filter.getAttributePath() + "'");
        };
    }

    private Predicate constantComparison(Filter filter, FilterField.Constant constant, ValueNode operand) throws BadRequestException {
        boolean equal = constant.value().equalsIgnoreCase(operand.asText());
        return switch (filter.getFilterType()) {
            case EQUAL -> equal ? cb.conjunction() : cb.disjunction();
            case NOT_EQUAL -> equal ? cb.disjunction() : cb.conjunction();
            default -> throw BadRequestException.invalidFilter("Only 'eq' and 'ne' are supported on '" + filter.getAttributePath() + "'");
        };
    }

    /**
     * A comparison with related rows: some row matches; for {@code ne} no row has the value (as for stored attributes).
     * Ids are opaque, so only equality applies to them.
     */
    private Predicate relatedComparison(Filter filter, FilterField.Related related, ValueNode operand) throws BadRequestException {
        FilterType type = filter.getFilterType();
        if (related.identifier() && type != FilterType.EQUAL && type != FilterType.NOT_EQUAL) {
            throw BadRequestException.invalidFilter("'" + filter.getAttributePath() + "' holds ids: only 'eq', 'ne' and 'pr' apply");
        }
        if (!operand.isTextual()) {
            throw BadRequestException.invalidFilter("'" + filter.getAttributePath() + "' compares with a string, not " + operand);
        }
        if (type == FilterType.NOT_EQUAL) {
            return cb.not(related.rows().exists(cb, query, root,
                    value -> stringComparison(FilterType.EQUAL, value, related.caseExact(), false, operand.asText())));
        }
        return related.rows().exists(cb, query, root,
                value -> stringComparison(type, value, related.caseExact(), false, operand.asText()));
    }

    /** EXISTS (select 1 from attribute a where a.owner = root and a.name in (...) [and condition(a.value)]). */
    private Predicate attributeExists(FilterField.StoredAttribute attribute, RelatedRows.ValueCondition condition) {
        Subquery<String> sub = query.subquery(String.class);
        Root<?> row = sub.from(attributeEntity);
        Predicate owner = cb.equal(row.get(attributeOwnerField), root);
        Predicate name = attribute.names().size() == 1
                ? cb.equal(row.get("name"), attribute.names().get(0)) : row.get("name").in(attribute.names());
        Predicate where = condition == null ? cb.and(owner, name) : cb.and(owner, name, condition.on(row.get("value")));
        sub.select(row.get("id")).where(where);
        return cb.exists(sub);
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
