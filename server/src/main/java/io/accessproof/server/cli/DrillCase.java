package io.accessproof.server.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** One case of the drill (the broken one or its control): what was checked, and whether each held. */
final class DrillCase {
    record Check(boolean ok, String text) {
    }

    private final String name;
    private final List<Check> checks = new ArrayList<>();
    private String verdict;

    DrillCase(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    DrillCase check(boolean ok, String text) {
        checks.add(new Check(ok, text));
        return this;
    }

    /** The one line that sums the case up (the incident's title, the proven run). */
    DrillCase verdict(String line) {
        this.verdict = line;
        return this;
    }

    DrillCase fail(String why) {
        return check(false, why);
    }

    boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    void print(PrintStream out) {
        out.println("  " + (passed() ? "PASS" : "FAIL") + "  " + (verdict == null ? name : verdict));
        for (Check check : checks) {
            out.println("        " + (check.ok() ? "ok    " : "FAILED") + "  " + check.text());
        }
        out.flush();
    }
}
