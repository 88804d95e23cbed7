package io.github.kcprovisioning.jit.claims;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.broker.oidc.KeycloakOIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.util.JsonSerialization;

import java.util.ArrayList;
import java.util.List;

/**
 * Claims of an OIDC login, searched in the same order as Keycloak's own {@code AbstractClaimMapper}:
 * validated access token, ID token, then the userinfo response.
 */
public final class OidcClaimSource implements ClaimSource {

    private final List<JsonNode> claimSets;

    private OidcClaimSource(List<JsonNode> claimSets) {
        this.claimSets = claimSets;
    }

    public static OidcClaimSource of(BrokeredIdentityContext context) {
        List<JsonNode> sets = new ArrayList<>(3);
        addToken(sets, context.getContextData().get(KeycloakOIDCIdentityProvider.VALIDATED_ACCESS_TOKEN));
        addToken(sets, context.getContextData().get(KeycloakOIDCIdentityProvider.VALIDATED_ID_TOKEN));
        Object userInfo = context.getContextData().get(OIDCIdentityProvider.USER_INFO);
        if (userInfo instanceof JsonNode node) {
            sets.add(node);
        }
        return new OidcClaimSource(sets);
    }

    /** For tests and for callers that already hold the claim sets. */
    public static OidcClaimSource of(List<JsonNode> claimSets) {
        return new OidcClaimSource(List.copyOf(claimSets));
    }

    private static void addToken(List<JsonNode> sets, Object token) {
        if (token != null) {
            sets.add(JsonSerialization.mapper.valueToTree(token));
        }
    }

    @Override
    public JsonNode read(ClaimPath path) {
        for (JsonNode set : claimSets) {
            JsonNode value = path.select(set);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
