package io.github.kcprovisioning.scim.group;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.github.kcprovisioning.scim.filter.AttributeRef;
import io.github.kcprovisioning.scim.filter.FilterField;
import io.github.kcprovisioning.scim.filter.FilterField.Column;
import io.github.kcprovisioning.scim.filter.FilterField.Kind;
import io.github.kcprovisioning.scim.filter.FilterFieldResolver;
import io.github.kcprovisioning.scim.filter.MembershipRows;
import io.github.kcprovisioning.scim.filter.RelatedRows;
import io.github.kcprovisioning.scim.user.ScimSchemas;

import java.util.List;

/**
 * Where each filterable SCIM group attribute lives in {@code GroupEntity} / {@code GroupAttributeEntity} (and
 * {@code meta.lastModified} in {@link ScimGroupMetaEntity}).
 */
final class GroupFilterFields implements FilterFieldResolver {

    @Override
    public FilterField resolve(AttributeRef ref, String elementType) throws BadRequestException {
        boolean core = ref.schemaUrn() == null || ref.schemaUrn().equalsIgnoreCase(ScimSchemas.CORE_GROUP);
        FilterField field = !core ? null : ref.attribute().equalsIgnoreCase("members") ? members(ref, elementType) : field(ref);
        if (field == null) {
            throw BadRequestException.invalidFilter("Cannot filter Groups on '" + ref + "'; filterable: id, displayName, "
                    + "externalId, members.value, members[type eq \"User\"|\"Group\"], meta.created, meta.lastModified");
        }
        return field;
    }

    Column sortColumn(AttributeRef ref) throws BadRequestException {
        if (resolve(ref, null) instanceof Column column) {
            return column;
        }
        throw BadRequestException.invalidValue("Cannot sort Groups by '" + ref + "'");
    }

    /** {@code members.value}: the group's user members and member groups (direct sub-groups) by id; not {@code display}. */
    private static FilterField members(AttributeRef ref, String elementType) throws BadRequestException {
        if (ref.subAttribute() != null && !ref.is("members", "value")) {
            return null;
        }
        RelatedRows rows;
        if (elementType == null) {
            rows = RelatedRows.anyOf(MembershipRows.userMembersOfGroup(), MembershipRows.groupMembersOfGroup());
        } else if (elementType.equalsIgnoreCase(GroupRenderer.USER_MEMBER)) {
            rows = MembershipRows.userMembersOfGroup();
        } else if (elementType.equalsIgnoreCase(GroupRenderer.GROUP_MEMBER)) {
            rows = MembershipRows.groupMembersOfGroup();
        } else {
            throw BadRequestException.invalidFilter("Group members are of type 'User' or 'Group', not '" + elementType + "'");
        }
        return new FilterField.Related(rows, true, true);
    }

    private static FilterField field(AttributeRef ref) {
        if (ref.is("id", null)) {
            return new Column("id", Kind.STRING, true, false);
        }
        if (ref.is("displayName", null)) {
            return new Column("name", Kind.STRING, false, false);
        }
        if (ref.is("externalId", null)) {
            return new FilterField.StoredAttribute(List.of(GroupSnapshotLoader.EXTERNAL_ID_ATTRIBUTE), true);
        }
        if (ref.is("meta", "created")) {
            return new Column("createdTimestamp", Kind.DATETIME, true, false);
        }
        if (ref.is("meta", "lastModified")) {
            return new Column(GroupVersions::lastModified, Kind.DATETIME, true, false);
        }
        return null;
    }
}
