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
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

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

    /** @return the requested userName of a body with the core schema */
    private static String requireUserName(ObjectNode input) throws BadRequestException {
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

    /** The user a create is about to insert, as it is right after the insert: a userName and nothing else. */
    private static final class FutureUser extends AbstractInMemoryUserAdapter {
        FutureUser(KeycloakSession session, RealmModel realm, String userName) {
            super(session, realm, KeycloakModelUtils.generateId());
            setUsername(userName);
        }

        @Override
        public SubjectCredentialManager credentialManager() {
            return session.users().getUserCredentialManager(this);
        }
    }

    /** A SCIM user as read from a request, before anything is written. */
    private record Values(String userName, String firstName, String lastName, String email, Map<String, String> mapped,
                          ObjectNode input) {
    }

    /**
     * Creates the user. The request is checked against the realm's user profile as the user it is about to become (a
     * userName and nothing else), so that nothing is inserted for a rejected value or a taken userName or e-mail (the
     * profile's duplicate validators, a query each); a concurrent create of the same userName meets the database's
     * unique constraint at the insert, also a 409.
     */
    UserModel create(ObjectNode input) throws ScimException {
        Values values = read(input);
        UserModel future = new FutureUser(session, realm, values.userName());
        profileCheck.validate(future, profileValues(values, future.getUsername()));
        UserModel user;
        try {
            user = session.users().addUser(realm, values.userName());
            // Keycloak skips this flush in its batch mode (a /Bulk operation): a concurrent create must fail here
            em.flush();
        } catch (ModelDuplicateException e) {
            throw taken(values.userName());
        }
        write(values, user, true);
        return user;
    }

    /**
     * Replaces the user's writable attributes. Reads everything first, checks a new userName and the realm's user profile
     * (400; its duplicate check of a changed e-mail is a 409) and only then writes, so that a rejected value leaves the
     * user untouched.
     */
    void replace(ObjectNode input, UserModel user) throws ScimException {
        Values values = read(input);
        if (renamed(values, user)) {
            UserModel existing = session.users().getUserByUsername(realm, values.userName());
            if (existing != null && !existing.getId().equals(user.getId())) {
                throw taken(values.userName());
            }
        }
        // SCIM clients rename users (an Entra ID UPN change) whatever the realm's "edit username" switch says, which the
        // profile would enforce: the profile sees the current username, uniqueness of the new one is checked above
        profileCheck.validate(user, profileValues(values, user.getUsername()));
        write(values, user, false);
    }

    private Values read(ObjectNode input) throws BadRequestException {
        String userName = requireUserName(input);
        JsonNode name = ScimJsonFields.get(input, "name");
        Map<String, String> mapped = new LinkedHashMap<>();
        for (MappedAttribute m : mapping.attributes()) {
            mapped.put(m.userAttribute(), codec.read(input, m));
        }
        return new Values(userName, ScimJsonFields.text(ScimJsonFields.get(name, "givenName"), "name.givenName"),
                ScimJsonFields.text(ScimJsonFields.get(name, "familyName"), "name.familyName"), primaryEmail(input), mapped, input);
    }

    private static Map<String, String> profileValues(Values values, String userName) {
        Map<String, String> profileValues = new LinkedHashMap<>(values.mapped());
        profileValues.put(UserModel.USERNAME, userName);
        profileValues.put(UserModel.EMAIL, values.email());
        profileValues.put(UserModel.FIRST_NAME, values.firstName());
        profileValues.put(UserModel.LAST_NAME, values.lastName());
        return profileValues;
    }

    private static boolean renamed(Values values, UserModel user) {
        return !values.userName().toLowerCase(Locale.ROOT).equals(user.getUsername());
    }

    private static ResourceConflictException taken(String userName) {
        return ResourceConflictException.uniqueness("userName '" + userName + "' is already taken");
    }

    private void write(Values values, UserModel user, boolean creating) throws BadRequestException {
        if (renamed(values, user)) {
            user.setUsername(values.userName());
        }
        setIfChanged(values.firstName(), user.getFirstName(), user::setFirstName);
        setIfChanged(values.lastName(), user.getLastName(), user::setLastName);
        String email = values.email();
        if (email == null ? user.getEmail() != null : !email.equalsIgnoreCase(user.getEmail())) {
            user.setEmail(email);
        }
        applyActive(values.input(), user, creating);
        for (Map.Entry<String, String> attribute : values.mapped().entrySet()) {
            String value = attribute.getValue();
            String current = user.getFirstAttribute(attribute.getKey());
            if (value == null && current != null) {
                user.removeAttribute(attribute.getKey());
            } else if (value != null && !value.equals(current)) {
                user.setSingleAttribute(attribute.getKey(), value);
            }
        }
        JsonNode password = ScimJsonFields.get(values.input(), "password");
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
