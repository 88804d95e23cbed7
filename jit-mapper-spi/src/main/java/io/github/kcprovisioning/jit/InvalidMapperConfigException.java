package io.github.kcprovisioning.jit;

import java.util.List;

/** A mapper configuration that cannot work; lists every problem found, worded for the admin who saved it. */
public class InvalidMapperConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidMapperConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
