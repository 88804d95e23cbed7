package io.github.kcprovisioning.sync.outbox;

/** Kind of local resource a row or a remote link is about; its code is what the tables store. */
public enum ResourceKind {
    USER("U"), GROUP("G");

    private final String code;

    ResourceKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** the per-target ordering key: rows with the same key are delivered one at a time in commit order */
    public String key(String localId) {
        return keyPrefix() + localId;
    }

    public String keyPrefix() {
        return code + ":";
    }
}
