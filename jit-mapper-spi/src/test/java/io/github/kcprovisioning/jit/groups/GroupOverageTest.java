package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import io.github.kcprovisioning.jit.claims.OidcClaimSource;
import io.github.kcprovisioning.jit.claims.SamlClaimSource;
import org.junit.jupiter.api.Test;
import org.keycloak.dom.saml.v2.assertion.AttributeType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupOverageTest {

    private static final ClaimPath GROUPS = ClaimPath.parse("groups");

    private static boolean oidc(String json) throws Exception {
        return GroupOverage.signalled(OidcClaimSource.of(List.of(new ObjectMapper().readTree(json))), GROUPS);
    }

    @Test
    void distributedClaimsForTheGroupsClaimAreOverage() throws Exception {
        assertTrue(oidc("{\"_claim_names\": {\"groups\": \"src1\"}, \"_claim_sources\": {\"src1\": {\"endpoint\": \"https://x\"}}}"));
        assertFalse(oidc("{\"_claim_names\": {\"roles\": \"src1\"}}"), "another claim's link is not about groups");
    }

    @Test
    void hasGroupsIsOverage() throws Exception {
        assertTrue(oidc("{\"hasgroups\": true}"));
        assertFalse(oidc("{\"hasgroups\": false}"));
        assertFalse(oidc("{}"));
    }

    @Test
    void theSamlGroupsLinkIsOverage() {
        AttributeType link = new AttributeType("http://schemas.microsoft.com/claims/groups.link");
        link.addAttributeValue("https://graph.microsoft.com/v1.0/users/x/getMemberObjects");
        assertTrue(GroupOverage.signalled(SamlClaimSource.of(List.of(link)), GROUPS));
        assertFalse(GroupOverage.signalled(SamlClaimSource.of(List.of(new AttributeType("email"))), GROUPS));
    }

    @Test
    void theAdvertisedEndpointIsTheGroupsClaimsSource() throws Exception {
        String json = "{\"_claim_names\": {\"groups\": \"src1\"}, \"_claim_sources\": {\"src1\": {\"endpoint\": \"https://x/y\"}}}";
        assertEquals("https://x/y", GroupOverage.advertisedEndpoint(OidcClaimSource.of(List.of(new ObjectMapper().readTree(json))),
                GROUPS));
        assertNull(GroupOverage.advertisedEndpoint(OidcClaimSource.of(List.of(new ObjectMapper().readTree("{\"hasgroups\": true}"))),
                GROUPS));
    }
}
