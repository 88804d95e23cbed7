package io.github.kcprovisioning.scim.user;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.github.kcprovisioning.scim.filter.AttributeRef;
import io.github.kcprovisioning.scim.filter.FilterField;
import io.github.kcprovisioning.scim.filter.FilterField.Column;
import io.github.kcprovisioning.scim.filter.FilterField.Kind;
import io.github.kcprovisioning.scim.filter.FilterFieldResolver;
import io.github.kcprovisioning.scim.filter.MembershipRows;
import io.github.kcprovisioning.scim.scope.ClientScope;

import java.util.List;

/** Where each filterable SCIM user attribute lives: {@code UserEntity} columns or mapped user attributes. */
final class UserFilterFields implements FilterFieldResolver {

    private final UserAttributeMapping mapping;
    private final ClientScope scope;

    UserFilterFields(UserAttributeMapping mapping, ClientScope scope) {
        this.mapping = mapping;
        this.scope = scope;
    }

    @Override
    public FilterField resolve(AttributeRef ref, String elementType) throws BadRequestException {
        boolean core = ref.schemaUrn() == null || ref.schemaUrn().equalsIgnoreCase(ScimSchemas.CORE_USER);
        if (core) {
            FilterField column = coreColumn(ref, elementType);
            if (column != null) {
                return column;
            }
        }
        List<MappedAttribute> mapped = mapping.matching(ref, elementType);
        if (mapped.isEmpty()) {
            throw BadRequestException.invalidFilter("Cannot filter Users on '" + ref + "'"
                    + (elementType == null ? "" : " of type '" + elementType + "'"));
        }
        return new FilterField.StoredAttribute(mapped.stream().map(MappedAttribute::userAttribute).distinct().toList(),
                mapped.stream().allMatch(MappedAttribute::caseExact));
    }

    /** Sorting is offered on columns only; attribute rows have no single value to order by. */
    Column sortColumn(AttributeRef ref) throws BadRequestException {
        FilterField column = ref.schemaUrn() == null || ref.schemaUrn().equalsIgnoreCase(ScimSchemas.CORE_USER)
                ? coreColumn(ref, null) : null;
        if (column instanceof Column c) {
            return c;
        }
        throw BadRequestException.invalidValue("Cannot sort Users by '" + ref + "'; sortable: id, userName, name.givenName, "
                + "name.familyName, emails, active, meta.created, meta.lastModified");
    }

    /**
     * The read-only {@code groups}: direct memberships in realm groups, by id ({@code value}) or name ({@code display}).
     * Keycloak has no indirect memberships of the kind SCIM means, so only elements of type {@code direct} exist.
     */
    private FilterField groups(AttributeRef ref, String elementType) throws BadRequestException {
        if (elementType != null && !elementType.equalsIgnoreCase(UserRenderer.GROUP_TYPE)) {
            throw BadRequestException.invalidFilter("Users only have groups of type '" + UserRenderer.GROUP_TYPE + "'");
        }
        if (ref.subAttribute() == null || ref.is("groups", "value")) {
            return new FilterField.Related(MembershipRows.groupsOfUser("id", scope::groups), true, true);
        }
        if (ref.is("groups", "display")) {
            return new FilterField.Related(MembershipRows.groupsOfUser("name", scope::groups), false, false);
        }
        throw BadRequestException.invalidFilter("Cannot filter Users on '" + ref + "'; of groups: value, display, and "
                + "groups[type eq \"" + UserRenderer.GROUP_TYPE + "\"]");
    }

    private FilterField coreColumn(AttributeRef ref, String elementType) throws BadRequestException {
        if (ref.is("id", null)) {
            return new Column("id", Kind.STRING, true, false);
        }
        if (ref.is("userName", null)) {
            return new Column("username", Kind.STRING, false, true);
        }
        if (ref.is("name", "givenName")) {
            return new Column("firstName", Kind.STRING, false, false);
        }
        if (ref.is("name", "familyName")) {
            return new Column("lastName", Kind.STRING, false, false);
        }
        if (ref.is("active", null)) {
            return new Column("enabled", Kind.BOOLEAN, true, false);
        }
        if (ref.is("meta", "created")) {
            return new Column("createdTimestamp", Kind.DATETIME, true, false);
        }
        if (ref.is("meta", "lastModified")) {
            return new Column("lastModifiedTimestamp", Kind.DATETIME, true, false);
        }
        if (ref.attribute().equalsIgnoreCase("groups")) {
            return groups(ref, elementType);
        }
        if (ref.attribute().equalsIgnoreCase("emails")
                && (elementType == null || elementType.equalsIgnoreCase(UserRenderer.EMAIL_TYPE))) {
            if (ref.subAttribute() == null || ref.is("emails", "value")) {
                return new Column("email", Kind.STRING, false, true);
            }
            if (ref.is("emails", "type")) {
                return new FilterField.Constant(UserRenderer.EMAIL_TYPE);
            }
        }
        return null;
    }
}
