package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Happy paths through UnboundID's SCIM 2 client: what a standards-following SCIM client sees. */
@KeycloakIntegrationTest
class ScimSdkClientIT {

    private static ScimService service(ScimFixture fixture) {
        String token = fixture.accessToken();
        Client client = ClientBuilder.newClient()
                .register(new JacksonJsonProvider(JsonUtils.createObjectMapper()))
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return new ScimService(client.target(fixture.scimUrl()));
    }

    @Test
    void userLifecycle(KeycloakServer kc) throws Exception {
        ScimService scim = service(ScimFixture.create(kc));
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());

        UserResource user = new UserResource().setUserName("sdk.user")
                .setName(new Name().setGivenName("Sdk").setFamilyName("User"))
                .setEmails(List.of(new Email().setValue("sdk@example.com").setType("work").setPrimary(true)))
                .setActive(true).setTitle("Tester");
        user.setExternalId("sdk-1");
        user.setExtension(new EnterpriseUserExtension().setDepartment("QA"));
        UserResource created = scim.create("Users", user);
        assertEquals("sdk.user", created.getUserName());
        assertEquals("QA", created.getExtension(EnterpriseUserExtension.class).getDepartment());
        assertTrue(created.getMeta().getVersion() != null);

        UserResource retrieved = scim.retrieve("Users", created.getId(), UserResource.class);
        assertEquals(created.getMeta().getVersion(), retrieved.getMeta().getVersion());

        ListResponse<UserResource> found = scim.searchRequest("Users").filter("userName eq \"SDK.user\"").invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        UserResource patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("title", "Lead").replaceValue("active", false).invoke(UserResource.class);
        assertEquals("Lead", patched.getTitle());
        assertFalse(patched.getActive());

        retrieved = scim.retrieve("Users", created.getId(), UserResource.class);
        retrieved.setDisplayName("Sdk U.");
        UserResource replaced = scim.replace(retrieved);
        assertEquals("Sdk U.", replaced.getDisplayName());

        assertThrows(ResourceConflictException.class, () -> scim.create("Users", new UserResource().setUserName("sdk.user")));

        scim.delete("Users", created.getId());
        assertEquals(0, scim.searchRequest("Users").filter("userName eq \"sdk.user\"").invoke(UserResource.class).getTotalResults());
    }

    @Test
    void groupWithUserAndGroupMembers(KeycloakServer kc) throws Exception {
        ScimService scim = service(ScimFixture.create(kc));
        UserResource member = scim.create("Users", new UserResource().setUserName("member"));
        GroupResource sub = scim.create("Groups", new GroupResource().setDisplayName("sub"));
        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName("top")
                .setMembers(List.of(new Member().setValue(member.getId()), new Member().setValue(sub.getId()))));
        assertEquals(2, group.getMembers().size());
        // a group PATCH answers 204 (the client returns no resource) unless attributes ask for the group
        assertNull(scim.modifyRequest("Groups", group.getId())
                .removeValues("members[value eq \"" + member.getId() + "\"]").invoke(GroupResource.class));
        assertEquals(List.of(sub.getId()), scim.retrieve("Groups", group.getId(), GroupResource.class).getMembers().stream()
                .map(Member::getValue).toList());
        GroupResource patched = scim.modifyRequest("Groups", group.getId()).attributes("displayName", "members")
                .addValues("members", new Member().setValue(member.getId())).invoke(GroupResource.class);
        assertEquals(2, patched.getMembers().size());
        assertEquals("top", patched.getDisplayName());
        ListResponse<GroupResource> groups = scim.searchRequest("Groups").filter("displayName eq \"top\"")
                .excludedAttributes("members").invoke(GroupResource.class);
        assertEquals(1, groups.getTotalResults());
        assertEquals(null, groups.getResources().get(0).getMembers());
    }
}
