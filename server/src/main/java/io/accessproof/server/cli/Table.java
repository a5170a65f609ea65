package io.accessproof.server.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned on the widest cell; the last column is never padded. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c).toArray(String[]::new));
        return this;
    }

    boolean empty() {
        return rows.size() == 1;
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Label/value lines, labels aligned. */
    static void pairs(PrintStream out, String indent, String... labelsAndValues) {
        int width = 0;
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            width = Math.max(width, labelsAndValues[i].length());
        }
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            out.println(indent + String.format("%-" + width + "s  ", labelsAndValues[i]) + (labelsAndValues[i + 1] == null ? "-" : labelsAndValues[i + 1]));
        }
    }
}
