package io.github.kcprovisioning.jit.groups;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a group name (or path segment) coming from an identity provider must look like before it may become a Keycloak group.
 * Names are opaque data: a name is never interpreted as a path unless the mapper reads paths, and even then each segment
 * passes these rules, so nothing the IdP sends can address a group outside the managed root.
 */
public final class GroupNameRules {

    /** Keycloak stores group names in a 255-character column. */
    public static final int HARD_MAX_LENGTH = 255;

    /** What becomes of a leaf name with a path separator, {@code ~}, a relative segment or a control character. */
    public enum UnsafeNames {
        /** the name is skipped (and logged) */
        REJECT,
        /** the name is percent-encoded into one safe leaf name, see {@link GroupNameEscaping} */
        ESCAPE
    }

    private final int maxLength;
    private final boolean lowerCase;
    private final UnsafeNames unsafeNames;

    public GroupNameRules(int maxLength, boolean lowerCase) {
        this(maxLength, lowerCase, UnsafeNames.REJECT);
    }

    public GroupNameRules(int maxLength, boolean lowerCase, UnsafeNames unsafeNames) {
        if (maxLength < 1 || maxLength > HARD_MAX_LENGTH) {
            throw new IllegalArgumentException("maximum name length must be between 1 and " + HARD_MAX_LENGTH);
        }
        this.maxLength = maxLength;
        this.lowerCase = lowerCase;
        this.unsafeNames = unsafeNames;
    }

    /**
     * Normalizes a name that becomes one group directly (a name, not a path segment): like {@link #normalizeSegment}, but
     * in {@link UnsafeNames#ESCAPE} mode a name that breaks the character rules is escaped into a safe one instead.
     */
    public String normalizeLeaf(String raw) {
        if (unsafeNames == UnsafeNames.REJECT || raw == null) {
            return normalizeSegment(raw);
        }
        String name = normalized(raw);
        if (name.isEmpty()) {
            throw new InvalidGroupNameException("name is empty");
        }
        return withinLength(GroupNameEscaping.escape(name));
    }

    /**
     * Normalizes one name: Unicode NFC (so that look-alike encodings of the same text are one group), trimmed,
     * optionally lower-cased.
     *
     * @throws InvalidGroupNameException naming the rule the input broke
     */
    public String normalizeSegment(String raw) {
        if (raw == null) {
            throw new InvalidGroupNameException("name is missing");
        }
        String name = normalized(raw);
        if (name.isEmpty()) {
            throw new InvalidGroupNameException("name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidGroupNameException("name '" + name + "' is a relative path segment");
        }
        if (name.indexOf('/') >= 0) {
            throw new InvalidGroupNameException("name contains '/'");
        }
        if (name.codePoints().anyMatch(GroupNameRules::isForbiddenCodePoint)) {
            throw new InvalidGroupNameException("name contains a control or invisible formatting character");
        }
        return withinLength(name);
    }

    private String normalized(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    private String withinLength(String name) {
        if (name.length() > maxLength) {
            throw new InvalidGroupNameException("name is longer than " + maxLength + " characters");
        }
        return name;
    }

    /** An external id: opaque, but still bounded and printable because it is stored as a group attribute and logged. */
    public String normalizeId(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidGroupNameException("id is missing or empty");
        }
        String id = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (id.codePoints().anyMatch(GroupNameRules::isForbiddenCodePoint)) {
            throw new InvalidGroupNameException("id contains a control or invisible formatting character");
        }
        if (id.length() > HARD_MAX_LENGTH) {
            throw new InvalidGroupNameException("id is longer than " + HARD_MAX_LENGTH + " characters");
        }
        return id;
    }

    static boolean isForbiddenCodePoint(int cp) {
        int type = Character.getType(cp);
        // controls (incl. newline, NUL), format chars (zero-width joiners, bidi overrides), unassigned and private use
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
