package io.github.kcprovisioning.scim.settings;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Refusal reasons in the language of the administrator who saves. Keycloak's component admin REST API would translate a
 * {@link ComponentValidationException} itself, but with the locale claim of the admin's access token, which the admin
 * console's (lightweight) access tokens do not carry in Keycloak 26.7: every admin would read English. So the reason is
 * translated here, with the locale Keycloak resolves for the admin (their {@code locale} attribute, else the request's
 * language, else the realm's default) and the admin theme's messages, which include the themes bundle.
 */
final class AdminLanguage {

    private AdminLanguage() {
    }

    /**
     * @param english    the reason in English, shown where the admin theme's messages cannot be had (no realm in context)
     * @param parameters String parameters are message keys (e.g. a field's label) and translated too; other objects are
     *                   shown as they are
     */
    static ComponentValidationException refusal(KeycloakSession session, String english, String key, Object... parameters) {
        Locale locale = session.getContext().getRealm() == null ? Locale.ENGLISH
                : session.getContext().resolveLocale(session.getContext().getUser());
        Properties messages = messages(session, locale);
        String pattern = messages.getProperty(key);
        String reason = english;
        if (pattern != null) {
            Object[] arguments = Arrays.stream(parameters)
                    .map(parameter -> parameter instanceof String text ? messages.getProperty(text, text) : parameter).toArray();
            reason = new MessageFormat(pattern, locale).format(arguments);
        }
        // Keycloak formats the exception's message once more: hand the reason over as the verbatim argument of "{0}"
        return new ComponentValidationException("{0}", new InvalidSettingException.Verbatim(reason));
    }

    private static Properties messages(KeycloakSession session, Locale locale) {
        if (session.getContext().getRealm() == null) {
            return new Properties();
        }
        try {
            return session.theme().getTheme(Theme.Type.ADMIN).getMessages("messages", locale);
        } catch (IOException e) {
            return new Properties();
        }
    }
}
