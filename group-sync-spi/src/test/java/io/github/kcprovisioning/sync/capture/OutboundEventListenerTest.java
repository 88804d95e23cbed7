package io.github.kcprovisioning.sync.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class OutboundEventListenerTest {

    @Test
    void aReturningUsersBrokeredLoginPushesTheUser() {
        // Keycloak ends a returning user's IdP login with LOGIN + identity_provider; the IdP may have changed the profile
        assertTrue(OutboundEventListener.changesUser(event(EventType.LOGIN, Map.of(Details.IDENTITY_PROVIDER, "upstream-oidc")), false));
    }

    @Test
    void aLocalLoginDoesNotPushTheUser() {
        assertFalse(OutboundEventListener.changesUser(event(EventType.LOGIN, Map.of(Details.USERNAME, "joe")), false));
        assertFalse(OutboundEventListener.changesUser(event(EventType.LOGIN, null), false));
        assertFalse(OutboundEventListener.changesUser(event(EventType.LOGOUT, Map.of(Details.IDENTITY_PROVIDER, "upstream-oidc")), false));
    }

    @Test
    void aFederatedUsersLoginPushesTheUserForTheLookupMayHaveImportedIt() {
        assertTrue(OutboundEventListener.changesUser(event(EventType.LOGIN, Map.of(Details.USERNAME, "ldap-joe")), true));
        assertFalse(OutboundEventListener.changesUser(event(EventType.LOGOUT, null), true));
    }

    @Test
    void profileChangingEventsPushTheUser() {
        assertTrue(OutboundEventListener.changesUser(event(EventType.UPDATE_PROFILE, null), false));
        assertTrue(OutboundEventListener.changesUser(event(EventType.REGISTER, Map.of(Details.IDENTITY_PROVIDER, "upstream-oidc")), false));
    }

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setUserId("u1");
        event.setDetails(details);
        return event;
    }
}
