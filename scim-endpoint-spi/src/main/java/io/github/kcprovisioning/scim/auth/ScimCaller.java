package io.github.kcprovisioning.scim.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/** Who is calling: the SCIM client, its service-account user and the verified access token. */
public record ScimCaller(ClientModel client, UserModel user, AccessToken token) {

    public String clientId() {
        return client.getClientId();
    }
}
