package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading and answering an exchange. */
final class HttpIo {
    private HttpIo() {
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
        send(exchange, status, Json.bytes(json));
    }

    static ObjectNode envelope(StripeError e) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        if (e.code != null) {
            error.put("code", e.code);
        }
        error.put("message", e.getMessage());
        if (e.param != null) {
            error.put("param", e.param);
        }
        error.put("type", e.type);
        return root;
    }
}
