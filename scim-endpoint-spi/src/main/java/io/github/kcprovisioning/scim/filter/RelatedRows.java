package io.github.kcprovisioning.scim.filter;

import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/** Rows related to a resource (a user's groups, a group's members) that a filter reaches through an EXISTS subquery. */
@FunctionalInterface
public interface RelatedRows {

    /** A condition on the compared value of one related row. */
    @FunctionalInterface
    interface ValueCondition {
        Predicate on(Expression<String> value);
    }

    /**
     * @param condition {@code null}: any related row
     * @return EXISTS (a related row of {@code root} [whose value satisfies {@code condition}])
     */
    Predicate exists(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> root, ValueCondition condition);

    /** Rows of either kind, e.g. the user members and the sub-groups of a group. */
    static RelatedRows anyOf(RelatedRows first, RelatedRows second) {
        return (cb, query, root, condition) -> cb.or(first.exists(cb, query, root, condition), second.exists(cb, query, root, condition));
    }
}
