package io.github.kcprovisioning.scim.filter;

import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;

import java.util.List;

/** Where the value of a filterable SCIM attribute lives in Keycloak's tables. */
public sealed interface FilterField {

    enum Kind { STRING, BOOLEAN, DATETIME }

    /**
     * A single value of each resource: a column of the resource's own entity, or an expression over it.
     *
     * @param storedLowercase Keycloak lower-cases the value on write (username, email): compare against the lower-cased
     *                        operand without {@code lower()} on the column, which keeps the column's index usable
     */
    record Column(Value value, Kind kind, boolean caseExact, boolean storedLowercase) implements FilterField {

        /** The column behind a field of the resource's entity. */
        public Column(String entityField, Kind kind, boolean caseExact, boolean storedLowercase) {
            this((cb, query, root) -> root.get(entityField), kind, caseExact, storedLowercase);
        }

        /** How a column's value is read in a query whose root is the resource's entity. */
        @FunctionalInterface
        public interface Value {
            Expression<?> of(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> root);
        }
    }

    /** One or more rows of the resource's attribute table (any of the names may hold the value). */
    record StoredAttribute(List<String> names, boolean caseExact) implements FilterField {
    }

    /**
     * Values of related rows, e.g. the ids of a user's groups or of a group's members, tested with EXISTS subqueries.
     *
     * @param identifier the values are opaque ids: only {@code eq}, {@code ne} and {@code pr} are meaningful
     */
    record Related(RelatedRows rows, boolean caseExact, boolean identifier) implements FilterField {
    }

    /** A value fixed for every resource, e.g. the {@code type} of the single e-mail Keycloak keeps. */
    record Constant(String value) implements FilterField {
    }
}
