package io.github.kcprovisioning.jit.attributes;

import java.util.Set;

/** Where a mapped value goes: one of Keycloak's built-in user fields, or a user attribute. */
record UserField(String name, Kind kind) {

    enum Kind { USERNAME, EMAIL, FIRST_NAME, LAST_NAME, ENABLED, ATTRIBUTE }

    private static final Set<String> BOOLEANS = Set.of("true", "false");

    static UserField of(String name) {
        return new UserField(name, switch (name) {
            case "username" -> Kind.USERNAME;
            case "email" -> Kind.EMAIL;
            case "firstName" -> Kind.FIRST_NAME;
            case "lastName" -> Kind.LAST_NAME;
            case "enabled" -> Kind.ENABLED;
            default -> Kind.ATTRIBUTE;
        });
    }

    boolean multiValued() {
        return kind == Kind.ATTRIBUTE;
    }

    boolean accepts(String value) {
        return kind != Kind.ENABLED || BOOLEANS.contains(value);
    }
}
