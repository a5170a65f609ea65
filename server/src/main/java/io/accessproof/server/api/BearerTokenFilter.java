package io.accessproof.server.api;

import io.accessproof.server.ApiError;
import io.accessproof.server.CommaLists;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Guards the operator API ({@code /api/…}): {@code Authorization: Bearer <token>} with one of the
 * configured tokens, compared in constant time; 401 otherwise. The operator's identity for the audit log
 * is the token's position ("token-1", …), never the token itself.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    /** Request property holding who acts, for audit records. */
    public static final String ACTOR = "accessproof.actor";
    private static final String PREFIX = "Bearer ";

    private final List<byte[]> tokens;

    public BearerTokenFilter(List<String> tokens) {
        this.tokens = CommaLists.split(tokens).stream()
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("api/") && !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String actor = header != null && header.startsWith(PREFIX) ? actorOf(header.substring(PREFIX.length()).trim()) : null;
        if (actor == null) {
            request.abortWith(ApiError.response(401, "missing or unknown bearer token (Authorization: Bearer <token>)"));
            return;
        }
        request.setProperty(ACTOR, actor);
    }

    /** Checks every token, so the time taken does not tell which one nearly matched. */
    private String actorOf(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        String actor = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(tokens.get(i), candidate)) {
                actor = "token-" + (i + 1);
            }
        }
        return actor;
    }
}
