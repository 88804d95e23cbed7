package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies (bounded) and writes SCIM JSON with the SDK's own object mapper. */
public final class ScimJson {

    private ScimJson() {
    }

    public static String write(Object value) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize SCIM response", e);
        }
    }

    /** Reads at most {@code maxBytes}; a larger body is a 413, malformed JSON or a non-object an {@code invalidSyntax}. */
    public static ObjectNode readObject(InputStream body, int maxBytes) throws ScimException {
        byte[] bytes = readBounded(body, maxBytes);
        if (bytes.length == 0) {
            throw BadRequestException.invalidSyntax("Request body is empty");
        }
        JsonNode node;
        try {
            node = JsonUtils.getObjectReader().readTree(bytes);
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("Request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw BadRequestException.invalidSyntax("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static <T> T convert(JsonNode node, Class<T> type) throws ScimException {
        try {
            return JsonUtils.nodeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw BadRequestException.invalidSyntax("Malformed " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private static byte[] readBounded(InputStream body, int maxBytes) throws ScimException {
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ScimException(413, null, "Request body exceeds " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
