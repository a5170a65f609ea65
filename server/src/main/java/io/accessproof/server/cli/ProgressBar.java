package io.accessproof.server.cli;

/** A job's progress: redrawn in place for a person, one line per change for a log. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final Terminal terminal;
    private String last = "";

    ProgressBar(Terminal terminal) {
        this.terminal = terminal;
    }

    void show(int done, int failed, int total) {
        show(render(done, failed, total));
    }

    /** Progress without a known total, e.g. pages listed so far. */
    void show(String line) {
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal.interactive()) {
            terminal.out().print("\r" + line);
        } else {
            terminal.out().println(line);
        }
        terminal.out().flush();
    }

    void finish() {
        if (terminal.interactive() && !last.isEmpty()) {
            terminal.out().println();
        }
    }

    static String render(int done, int failed, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (failed > 0 ? " (" + failed + " failed)" : "");
    }
}
