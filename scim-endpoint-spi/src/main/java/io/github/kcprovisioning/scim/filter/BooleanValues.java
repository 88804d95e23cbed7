package io.github.kcprovisioning.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** SCIM booleans, tolerating the {@code "True"}/{@code "False"} strings Entra ID sends. */
public final class BooleanValues {

    private BooleanValues() {
    }

    /** @return the boolean, or {@code null} when the node is neither a boolean nor a boolean string */
    public static Boolean parse(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
