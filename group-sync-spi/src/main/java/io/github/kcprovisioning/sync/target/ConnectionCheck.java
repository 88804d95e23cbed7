package io.github.kcprovisioning.sync.target;

/**
 * Outcome of an admin's connection test: whether the target answered with success, its HTTP status (null when no
 * answer came) and what happened. Never carries configuration or credentials.
 */
public record ConnectionCheck(boolean ok, Integer status, String detail) {
}
