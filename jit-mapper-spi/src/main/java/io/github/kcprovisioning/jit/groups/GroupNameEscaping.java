package io.github.kcprovisioning.jit.groups;

import java.nio.charset.StandardCharsets;

/**
 * Turns any external name into one safe Keycloak group name by percent-encoding (as in URLs) what could make it address
 * another group or hide what it is: {@code /} (the path separator), {@code ~} (Keycloak's escape in group paths), {@code %}
 * itself (so that the encoding stays unambiguous: two different names never become the same group), control and invisible
 * formatting characters; and the dots of a name that is only {@code .} or {@code ..}. Everything else is kept as it is.
 */
final class GroupNameEscaping {

    private GroupNameEscaping() {}

    static String escape(String name) {
        if (name.equals(".") || name.equals("..")) {
            return "%2E".repeat(name.length());
        }
        StringBuilder escaped = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp == '/' || cp == '~' || cp == '%' || GroupNameRules.isForbiddenCodePoint(cp)) {
                if (Character.getType(cp) == Character.SURROGATE) {
                    throw new InvalidGroupNameException("name contains an unpaired surrogate");
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else {
                escaped.appendCodePoint(cp);
            }
        });
        return escaped.toString();
    }
}
