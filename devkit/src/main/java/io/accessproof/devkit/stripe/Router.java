package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method + path pattern → handler; path groups are read with {@link ApiRequest#pathParam}. */
final class Router {
    @FunctionalInterface
    interface Handler {
        JsonNode handle(ApiRequest request);
    }

    record Route(String method, Pattern pattern, Handler handler) {
    }

    record Match(Route route, Matcher matcher) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String path, Handler h) {
        return add("GET", path, h);
    }

    Router post(String path, Handler h) {
        return add("POST", path, h);
    }

    Router delete(String path, Handler h) {
        return add("DELETE", path, h);
    }

    private Router add(String method, String path, Handler h) {
        routes.add(new Route(method, Pattern.compile(path.replace("{id}", "([^/]+)")), h));
        return this;
    }

    Match find(String method, String path) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (route.method().equals(method) && m.matches()) {
                return new Match(route, m);
            }
        }
        return null;
    }
}
