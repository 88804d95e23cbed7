package io.github.kcprovisioning.jit.groups;

/** An asserted group that must not become a Keycloak group; the message says which rule it broke. */
public class InvalidGroupNameException extends IllegalArgumentException {

    public InvalidGroupNameException(String message) {
        super(message);
    }
}
