package io.github.kcprovisioning.jit.claims;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The claims of one brokered login, whatever the protocol: OIDC tokens/userinfo or SAML assertion attributes.
 * Values are JSON so that the JIT core handles strings, lists and objects the same way for both protocols.
 */
public interface ClaimSource {

    /** The value at {@code path}, or {@code null} when the identity provider did not send it. */
    JsonNode read(ClaimPath path);
}
