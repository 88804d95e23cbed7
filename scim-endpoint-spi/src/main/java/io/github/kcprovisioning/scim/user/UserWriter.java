package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.filter.BooleanValues;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private final UserProfileCheck profileCheck;
    private final EntityManager em;

    UserWriter(KeycloakSession session, RealmModel realm, UserAttributeMapping mapping) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.mapping = mapping;
        this.codec = new MappedAttributeCodec(mapping);
        this.profileCheck = new UserProfileCheck(session, mapping);
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

    /**
     * Inserts the user row at once. A taken userName (in any case) is then a 409 from the database's unique constraint,
     * which also decides between concurrent creates, without a look-up query beforehand.
     */
    UserModel addUser(String userName) throws ResourceConflictException {
        try {
            UserModel user = session.users().addUser(realm, userName);
            // Keycloak skips this flush in its batch mode (a /Bulk operation): the constraint must answer here
            em.flush();
            return user;
        } catch (ModelDuplicateException e) {
            throw taken(userName);
        }
    }

    private void ensureUserNameAvailable(String userName, UserModel self) throws ResourceConflictException {
        UserModel existing = session.users().getUserByUsername(realm, userName);
        if (existing != null && !existing.getId().equals(self.getId())) {
            throw taken(userName);
        }
    }

    private static ResourceConflictException taken(String userName) {
        return ResourceConflictException.uniqueness("userName '" + userName + "' is already taken");
    }

    /**
     * Reads everything first, checks the realm's user profile (400; its duplicate checks of username and e-mail are the
     * 409s) and only then writes, so that a rejected value leaves the user untouched.
     */
    void apply(ObjectNode input, UserModel user, boolean creating) throws ScimException {
        String userName = requireUserName(input);
        JsonNode name = ScimJsonFields.get(input, "name");
        String firstName = ScimJsonFields.text(ScimJsonFields.get(name, "givenName"), "name.givenName");
        String lastName = ScimJsonFields.text(ScimJsonFields.get(name, "familyName"), "name.familyName");
        String email = primaryEmail(input);
        Map<String, String> mapped = new LinkedHashMap<>();
        for (MappedAttribute m : mapping.attributes()) {
            mapped.put(m.userAttribute(), codec.read(input, m));
        }
        boolean renamed = !userName.toLowerCase(Locale.ROOT).equals(user.getUsername());
        if (renamed) {
            ensureUserNameAvailable(userName, user);
        }
        boolean emailChanged = email == null ? user.getEmail() != null : !email.equalsIgnoreCase(user.getEmail());
        Map<String, String> profileValues = new LinkedHashMap<>(mapped);
        // SCIM clients rename users (an Entra ID UPN change) whatever the realm's "edit username" switch says, which the
        // profile would enforce: the profile sees the current username, uniqueness of the new one is checked above; the
        // profile checks that a changed e-mail is not another user's (Keycloak's up-duplicate-email validator)
        profileValues.put(UserModel.USERNAME, user.getUsername());
        profileValues.put(UserModel.EMAIL, email);
        profileValues.put(UserModel.FIRST_NAME, firstName);
        profileValues.put(UserModel.LAST_NAME, lastName);
        profileCheck.validate(user, profileValues);

        if (renamed) {
            user.setUsername(userName);
        }
        setIfChanged(firstName, user.getFirstName(), user::setFirstName);
        setIfChanged(lastName, user.getLastName(), user::setLastName);
        if (emailChanged) {
            user.setEmail(email);
        }
        applyActive(input, user, creating);
        for (Map.Entry<String, String> attribute : mapped.entrySet()) {
            String value = attribute.getValue();
            String current = user.getFirstAttribute(attribute.getKey());
            if (value == null && current != null) {
                user.removeAttribute(attribute.getKey());
            } else if (value != null && !value.equals(current)) {
                user.setSingleAttribute(attribute.getKey(), value);
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
