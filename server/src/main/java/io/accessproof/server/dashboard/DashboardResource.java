package io.accessproof.server.dashboard;

import io.accessproof.server.api.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's static page and assets. They hold no data: the page asks for an operator token and
 * reads everything through the same {@code /api/…} the CLI uses, so the token guards it all.
 */
@Path("/")
public final class DashboardResource {
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    @GET
    public Response page() {
        return asset("index.html");
    }

    @GET
    @Path("dashboard/{file}")
    public Response asset(@PathParam("file") String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            return ApiError.response(404, "no such dashboard file: " + file);
        }
        return Response.ok(read(file), type)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/" + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
