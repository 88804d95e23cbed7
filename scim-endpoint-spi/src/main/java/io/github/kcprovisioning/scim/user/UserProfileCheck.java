package io.github.kcprovisioning.scim.user;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the values a SCIM write is about to store against the realm's declarative user profile, as Keycloak's admin
 * API does ({@link UserProfileContext#USER_API}): validators (length, pattern, e-mail, ...), required attributes and
 * attributes the administrator may not edit. Attributes the profile does not declare are unmanaged attributes and
 * follow the realm's unmanaged-attribute policy only for display, as before.
 */
final class UserProfileCheck {

    /** Keycloak's core user-profile attributes and the SCIM attributes they hold. */
    private static final Map<String, String> CORE = Map.of(
            UserModel.USERNAME, "userName", UserModel.EMAIL, "emails", UserModel.FIRST_NAME, "name.givenName",
            UserModel.LAST_NAME, "name.familyName");

    private final KeycloakSession session;
    private final UserAttributeMapping mapping;

    UserProfileCheck(KeycloakSession session, UserAttributeMapping mapping) {
        this.session = session;
        this.mapping = mapping;
    }

    /**
     * @param values user-profile attribute name to the value about to be stored ({@code null}: cleared)
     * @throws ResourceConflictException uniqueness when the username or e-mail is another user's (the profile's
     *                                   duplicate validators, the one place where SCIM writes check it)
     * @throws BadRequestException       invalidValue naming each rejected attribute, before anything is written
     */
    void validate(UserModel user, Map<String, String> values) throws ScimException {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        Map<String, List<String>> declared = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (config.getAttribute(name) != null) {
                declared.put(name, value == null ? List.of() : List.of(value));
            }
        });
        try {
            profiles.create(UserProfileContext.USER_API, declared, user).validate();
        } catch (ValidationException e) {
            List<ValidationException.Error> conflicts = e.getErrors().stream()
                    .filter(error -> error.getStatusCode() == Response.Status.CONFLICT).toList();
            if (!conflicts.isEmpty()) {
                throw ResourceConflictException.uniqueness("Already used by another user: " + conflicts.stream()
                        .map(error -> describe(error, values)).distinct().collect(Collectors.joining("; ")));
            }
            throw BadRequestException.invalidValue("Rejected by the realm's user profile: " + e.getErrors().stream()
                    .map(this::describe).distinct().collect(Collectors.joining("; ")));
        }
    }

    /** e.g. {@code emails 'ann@example.com'} */
    private static String describe(ValidationException.Error error, Map<String, String> values) {
        String attribute = error.getAttribute();
        return CORE.getOrDefault(attribute, attribute) + " '" + values.get(attribute) + "'";
    }

    private String describe(ValidationException.Error error) {
        String attribute = error.getAttribute();
        String scimPath = CORE.containsKey(attribute) ? CORE.get(attribute) : mapping.attributes().stream()
                .filter(m -> m.userAttribute().equals(attribute)).map(MappedAttribute::scimPath).findFirst().orElse(null);
        Object[] parameters = error.getMessageParameters();
        return "attribute '" + attribute + "'" + (scimPath == null ? "" : " (SCIM '" + scimPath + "')") + ": " + error.getMessage()
                + (parameters == null || parameters.length == 0 ? "" : " " + Arrays.toString(parameters));
    }
}
