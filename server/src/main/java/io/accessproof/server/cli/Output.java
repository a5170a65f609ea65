package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Prints either the API's JSON as it came (for scripts) or what a person reads. */
final class Output {
    private final Terminal terminal;
    private final boolean json;

    Output(Terminal terminal, boolean json) {
        this.terminal = terminal;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    Terminal terminal() {
        return terminal;
    }

    /** In JSON mode the answer's body; otherwise {@code human}. */
    void print(ApiClient.Answer answer, Runnable human) {
        if (json) {
            terminal.out().println(answer.body());
        } else {
            human.run();
        }
        terminal.out().flush();
    }

    void line(String text) {
        terminal.out().println(text);
    }

    /** A field's text, or "-" when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }

    /** One side of a run (expected or observed): the plan when it grants access, else "no access". */
    static String side(JsonNode side) {
        if (side == null || side.isMissingNode() || side.isNull()) {
            return "-";
        }
        return side.path("access").asBoolean() ? text(side, "plan") : "no access";
    }
}
