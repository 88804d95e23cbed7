package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.filter.BooleanValues;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Applies a complete SCIM user (from POST, PUT, or the result of a PATCH) to a Keycloak user with replace semantics:
 * writable attributes that are absent are cleared; read-only ones ({@code id}, {@code groups}, {@code meta}) are ignored.
 */
final class UserWriter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserAttributeMapping mapping;
    private final MappedAttributeCodec codec;

    UserWriter(KeycloakSession session, RealmModel realm, UserAttributeMapping mapping) {
        this.session = session;
        this.realm = realm;
        this.mapping = mapping;
        this.codec = new MappedAttributeCodec(mapping);
    }

    /** Validates what can be checked before the user exists; returns the requested userName. */
    static String requireUserName(ObjectNode input) throws BadRequestException {
        requireCoreSchema(input);
        String userName = ScimJsonFields.text(ScimJsonFields.get(input, "userName"), "userName");
        if (userName == null || userName.isBlank()) {
            throw BadRequestException.invalidValue("'userName' is required");
        }
        return userName.trim();
    }

    private static void requireCoreSchema(ObjectNode input) throws BadRequestException {
        JsonNode schemas = ScimJsonFields.get(input, "schemas");
        boolean hasCore = schemas != null && schemas.isArray()
                && java.util.stream.StreamSupport.stream(schemas.spliterator(), false)
                .anyMatch(s -> ScimSchemas.CORE_USER.equalsIgnoreCase(s.asText()));
        if (!hasCore) {
            throw BadRequestException.invalidValue("'schemas' must contain " + ScimSchemas.CORE_USER);
        }
    }

    void ensureUserNameAvailable(String userName, UserModel self) throws ScimException {
        UserModel existing = session.users().getUserByUsername(realm, userName);
        if (existing != null && (self == null || !existing.getId().equals(self.getId()))) {
            throw ResourceConflictException.uniqueness("userName '" + userName + "' is already taken");
        }
    }

    void apply(ObjectNode input, UserModel user, boolean creating) throws ScimException {
        String userName = requireUserName(input);
        if (!userName.toLowerCase(Locale.ROOT).equals(user.getUsername())) {
            ensureUserNameAvailable(userName, user);
            user.setUsername(userName);
        }
        JsonNode name = ScimJsonFields.get(input, "name");
        setIfChanged(ScimJsonFields.text(ScimJsonFields.get(name, "givenName"), "name.givenName"), user.getFirstName(), user::setFirstName);
        setIfChanged(ScimJsonFields.text(ScimJsonFields.get(name, "familyName"), "name.familyName"), user.getLastName(), user::setLastName);
        applyEmail(primaryEmail(input), user);
        applyActive(input, user, creating);
        for (MappedAttribute m : mapping.attributes()) {
            String value = codec.read(input, m);
            String current = user.getFirstAttribute(m.userAttribute());
            if (value == null && current != null) {
                user.removeAttribute(m.userAttribute());
            } else if (value != null && !value.equals(current)) {
                user.setSingleAttribute(m.userAttribute(), value);
            }
        }
        JsonNode password = ScimJsonFields.get(input, "password");
        if (!ScimJsonFields.isAbsent(password)) {
            applyPassword(ScimJsonFields.text(password, "password"), user);
        }
        user.setLastModifiedTimestamp(System.currentTimeMillis());
    }

    private static void setIfChanged(String value, String current, java.util.function.Consumer<String> setter) {
        if (!Objects.equals(value, current)) {
            setter.accept(value);
        }
    }

    /** Keycloak keeps one e-mail: the one marked primary, else the first. */
    private static String primaryEmail(ObjectNode input) throws BadRequestException {
        JsonNode emails = ScimJsonFields.get(input, "emails");
        if (ScimJsonFields.isAbsent(emails)) {
            return null;
        }
        if (!emails.isArray()) {
            throw BadRequestException.invalidValue("'emails' must be an array");
        }
        JsonNode chosen = emails.get(0);
        for (JsonNode email : emails) {
            if (Boolean.TRUE.equals(BooleanValues.parse(ScimJsonFields.get(email, "primary")))) {
                chosen = email;
                break;
            }
        }
        String value = ScimJsonFields.text(ScimJsonFields.get(chosen, "value"), "emails.value");
        if (value != null && !value.contains("@")) {
            throw BadRequestException.invalidValue("'" + value + "' is not an e-mail address");
        }
        return value;
    }

    private void applyEmail(String email, UserModel user) throws ScimException {
        if (email == null ? user.getEmail() == null : email.equalsIgnoreCase(user.getEmail())) {
            return;
        }
        if (email != null && !realm.isDuplicateEmailsAllowed()) {
            UserModel other = session.users().getUserByEmail(realm, email);
            if (other != null && !other.getId().equals(user.getId())) {
                throw ResourceConflictException.uniqueness("E-mail '" + email + "' is already used by another user");
            }
        }
        user.setEmail(email);
    }

    /**
     * {@code active} absent: enabled on create, unchanged on replace (a PUT must not silently re-enable a user).
     * Deactivation also ends the user's sessions: a leaver must not keep access through a session opened before.
     */
    private void applyActive(ObjectNode input, UserModel user, boolean creating) throws BadRequestException {
        JsonNode active = ScimJsonFields.get(input, "active");
        if (active == null || active.isNull()) {
            if (creating) {
                user.setEnabled(true);
            }
            return;
        }
        Boolean value = BooleanValues.parse(active);
        if (value == null) {
            throw BadRequestException.invalidValue("'active' must be a boolean, got " + active);
        }
        if (value != user.isEnabled()) {
            user.setEnabled(value);
            if (!value) {
                session.sessions().getUserSessionsStream(realm, user).toList()
                        .forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
            }
        }
    }

    private void applyPassword(String password, UserModel user) throws BadRequestException {
        if (password == null) {
            throw BadRequestException.invalidValue("'password' must not be empty");
        }
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error != null) {
            throw BadRequestException.invalidValue("Password rejected by the realm's password policy: " + error.getMessage()
                    + (error.getParameters().length == 0 ? "" : " " + Arrays.toString(error.getParameters())));
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
    }
}
