package io.github.kcprovisioning.jit.attributes;

import java.util.List;

/**
 * The outcome of one mapping row at one login: values, or why there are none.
 *
 * @param values  the values (one for built-in fields, one or more for attributes); empty when there is a problem
 * @param claim   the claim the problem is about
 * @param problem null when fine; "missing" or a short reason (wrong type, too long)
 */
record MappedValue(List<String> values, String claim, String problem) {

    static final String MISSING = "missing";

    static MappedValue of(List<String> values) {
        return new MappedValue(List.copyOf(values), null, null);
    }

    static MappedValue missing(String claim) {
        return new MappedValue(List.of(), claim, MISSING);
    }

    static MappedValue problem(String claim, String reason) {
        return new MappedValue(List.of(), claim, reason);
    }

    boolean ok() {
        return problem == null;
    }

    boolean isMissing() {
        return MISSING.equals(problem);
    }
}
