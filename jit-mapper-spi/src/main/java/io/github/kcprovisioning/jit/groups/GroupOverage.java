package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import io.github.kcprovisioning.jit.claims.ClaimSource;

/**
 * Recognises "group overage": when a user is in more groups than fit in a token, Microsoft Entra ID leaves the groups
 * claim out and says where to fetch them instead: OIDC {@code _claim_names}/{@code _claim_sources} (distributed claims,
 * OIDC Core 5.6.2) or {@code hasgroups: true}; SAML a {@code http://schemas.microsoft.com/claims/groups.link} attribute.
 * Such a login must not be treated as "member of no group".
 */
final class GroupOverage {

    private static final ClaimPath CLAIM_NAMES = ClaimPath.parse("_claim_names");
    private static final ClaimPath CLAIM_SOURCES = ClaimPath.parse("_claim_sources");
    private static final ClaimPath HAS_GROUPS = ClaimPath.parse("hasgroups");
    private static final ClaimPath SAML_GROUPS_LINK = ClaimPath.parse("http://schemas.microsoft.com/claims/groups.link");

    private GroupOverage() {}

    /** True when the source signals that the groups claim {@code groupsClaim} was left out for size. */
    static boolean signalled(ClaimSource claims, ClaimPath groupsClaim) {
        JsonNode names = claims.read(CLAIM_NAMES);
        if (names != null && names.isObject() && names.has(groupsClaim.text())) {
            return true;
        }
        JsonNode hasGroups = claims.read(HAS_GROUPS);
        if (hasGroups != null && (hasGroups.asBoolean(false) || "true".equals(hasGroups.path(0).asText()))) {
            return true;
        }
        return claims.read(SAML_GROUPS_LINK) != null;
    }

    /**
     * The endpoint the source advertises for the full list: {@code _claim_sources[_claim_names[groups]].endpoint}, or the
     * SAML groups link; null when it names none (e.g. {@code hasgroups}). Data from the token: never trusted as it is.
     */
    static String advertisedEndpoint(ClaimSource claims, ClaimPath groupsClaim) {
        JsonNode names = claims.read(CLAIM_NAMES);
        JsonNode sourceName = names == null ? null : names.get(groupsClaim.text());
        if (sourceName != null && sourceName.isTextual()) {
            JsonNode sources = claims.read(CLAIM_SOURCES);
            JsonNode endpoint = sources == null ? null : sources.path(sourceName.asText()).get("endpoint");
            return endpoint != null && endpoint.isTextual() ? endpoint.asText() : null;
        }
        JsonNode link = claims.read(SAML_GROUPS_LINK);
        JsonNode value = link != null && link.isArray() ? link.path(0) : link;
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
