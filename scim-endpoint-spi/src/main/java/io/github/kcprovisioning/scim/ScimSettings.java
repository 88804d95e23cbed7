package io.github.kcprovisioning.scim;

import io.github.kcprovisioning.scim.user.UserAttributeMapping;

/**
 * The settings of the SCIM endpoint in effect for a realm: the server defaults (SPI options), overridden by the realm's
 * SCIM endpoint settings where it sets a value ({@link io.github.kcprovisioning.scim.settings.RealmScimSettings}).
 *
 * @param requiredRole   role the calling client's service account (or user) must hold: {@code scim-provisioning} for a
 *                       realm role, {@code client-id.role} for a client role
 * @param audience       when set, access tokens must carry this audience
 * @param defaultPageSize page size when a list request gives no {@code count}
 * @param maxPageSize    upper bound for {@code count}, advertised in ServiceProviderConfig
 * @param maxBodyBytes   request bodies above this size are refused with 413
 * @param maxBulkOperations upper bound of operations in one /Bulk request
 * @param attributeMapping where SCIM attributes that Keycloak has no column for are stored
 */
public record ScimSettings(String requiredRole, String audience, int defaultPageSize, int maxPageSize,
                           int maxBodyBytes, int maxBulkOperations, UserAttributeMapping attributeMapping) {
}
