package io.github.kcprovisioning.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A result table: printed aligned to stdout and written as text and CSV under {@code target/bench/}. */
public final class BenchTable {
    private final String name;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public BenchTable(String name, String... header) {
        this.name = name;
        this.header = List.of(header);
    }

    /** Adds a row; numbers are formatted with one decimal. */
    public BenchTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell instanceof Double || cell instanceof Float ? String.format(Locale.ROOT, "%.1f", ((Number) cell).doubleValue()) : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    /** Adds the standard latency columns (n, median ms, p95 ms, p99 ms, ops/s) after the given leading cells. */
    public BenchTable latencyRow(Latencies latencies, Object... leading) {
        List<Object> cells = new ArrayList<>(List.of(leading));
        cells.addAll(List.of(latencies.count(), latencies.medianMillis(), latencies.p95Millis(), latencies.p99Millis(),
                latencies.sequentialOpsPerSecond()));
        return row(cells.toArray());
    }

    public static String[] latencyHeader(String... leading) {
        List<String> header = new ArrayList<>(List.of(leading));
        header.addAll(List.of("n", "median ms", "p95 ms", "p99 ms", "ops/s"));
        return header.toArray(String[]::new);
    }

    /** Prints the table and writes {@code target/bench/<name>.txt} and {@code .csv}; returns the text. */
    public String publish() {
        String text = render();
        System.out.println(text);
        try {
            Path dir = Path.of(System.getProperty("bench.out", "target/bench"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text);
            Files.writeString(dir.resolve(name + ".csv"), csv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }

    String render() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder("== ").append(name).append(" ==\n");
        out.append(line(header, widths)).append('\n');
        out.append(line(header.stream().map(h -> "-".repeat(h.length())).toList(), widths)).append('\n');
        rows.forEach(row -> out.append(line(row, widths)).append('\n'));
        return out.toString();
    }

    private String csv() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all.stream().map(r -> String.join(",", r)).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("  %" + widths[i] + "s", cell));
        }
        return line.toString();
    }
}
