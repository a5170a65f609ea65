package io.accessproof.server.proofs;

import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.store.proofs.ProofDao;
import io.accessproof.store.proofs.ProofStream;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Proof records of a time window: {@code GET /api/proofs?since=&until=&format=jsonl|csv} streams them oldest
 * first (constant memory, whatever the window), {@code GET /api/proofs/count} says how many there are.
 */
@Path("/api/proofs")
public final class ProofsResource {
    private final ProofDao proofs;
    private final ProofStream stream;
    private final Clock clock;

    public ProofsResource(ProofDao proofs, ProofStream stream, Clock clock) {
        this.proofs = proofs;
        this.stream = stream;
        this.clock = clock;
    }

    @GET
    public Response export(@QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("format") String format) {
        Window window;
        ProofFormat lines;
        try {
            window = window(since, until);
            lines = format == null || format.isBlank() ? ProofFormat.JSONL : ProofFormat.of(format);
        } catch (IllegalArgumentException e) {
            return ApiError.response(422, e.getMessage());
        }
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(lines.header());
            stream.forEach(window.since(), window.until(), row -> {
                try {
                    writer.write(lines.line(row));
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return Response.ok(body, lines.mediaType()).build();
    }

    @GET
    @Path("count")
    public Response count(@QueryParam("since") String since, @QueryParam("until") String until) {
        try {
            Window window = window(since, until);
            return Response.ok(Map.of("count", proofs.count(window.since(), window.until())),
                    MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IllegalArgumentException e) {
            return ApiError.response(422, e.getMessage());
        }
    }

    private record Window(Instant since, Instant until) {
    }

    private Window window(String since, String until) {
        Instant from = ApiRequests.instant(since, "since");
        if (from == null) {
            throw new IllegalArgumentException("since is required: the start of the window, e.g. 2026-12-01T00:00:00Z");
        }
        Instant to = ApiRequests.instant(until, "until");
        to = to == null ? clock.instant() : to;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("until must be after since");
        }
        return new Window(from, to);
    }
}
