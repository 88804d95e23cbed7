package io.github.kcprovisioning.scim.user;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.github.kcprovisioning.scim.query.ListRequest;
import org.keycloak.models.RealmModel;

/**
 * The list request every provisioning client (Entra ID, Okta) sends before it creates a user: {@code filter=userName eq "…"}.
 * It is answered by Keycloak's look-up by username, which Keycloak's user cache serves (a plan-cached query when the
 * user is not cached yet), instead of a criteria query that Hibernate translates into SQL anew on every request. The
 * result is the same as the query's: Keycloak keeps usernames in lower case and looks them up in lower case, as the
 * filter compares them (userName is not case-exact).
 * <p>
 * Only in realms without user federation (LDAP, Kerberos, custom user storage): there a look-up by username asks the
 * federation provider and imports what it finds, where the list query shows local users only.
 */
final class UserNameLookup {

    /** the component type of user federation providers ({@code org.keycloak.storage.UserStorageProvider}) */
    private static final String USER_STORAGE_PROVIDER = "org.keycloak.storage.UserStorageProvider";

    private UserNameLookup() {
    }

    /**
     * @return the userName asked for when the request's filter is exactly {@code userName eq "<string>"} without a
     * {@code sortBy} (one user at most: nothing to sort), and the realm has no user federation; {@code null} otherwise
     */
    static String userNameOf(ListRequest request, RealmModel realm) {
        Filter filter = request.filter();
        if (filter == null || filter.getFilterType() != FilterType.EQUAL || request.sortBy() != null
                || !isUserName(filter.getAttributePath()) || !filter.getComparisonValue().isTextual()) {
            return null;
        }
        if (realm.getComponentsStream(realm.getId(), USER_STORAGE_PROVIDER).findAny().isPresent()) {
            return null;
        }
        return filter.getComparisonValue().asText();
    }

    private static boolean isUserName(Path path) {
        return path.size() == 1 && path.getElement(0).getValueFilter() == null
                && "userName".equalsIgnoreCase(path.getElement(0).getAttribute())
                && (path.getSchemaUrn() == null || ScimSchemas.CORE_USER.equalsIgnoreCase(path.getSchemaUrn()));
    }
}
