package io.accessproof.server.api;

import io.accessproof.server.api.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Guards the operator API ({@code /api/…}): {@code Authorization: Bearer <token>} of one of the operators,
 * compared in constant time; 401 otherwise, and 403 when a {@code read} operator asks for anything but
 * GET. The operator's identity for the audit log is their name ({@code token-N} for the flat token list),
 * never the token itself.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    /** Request property holding who acts, for audit records. */
    public static final String ACTOR = "accessproof.actor";
    private static final String PREFIX = "Bearer ";
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final List<Operator> operators;
    private final List<byte[]> tokens;

    public BearerTokenFilter(List<Operator> operators) {
        this.operators = List.copyOf(operators);
        this.tokens = operators.stream().map(o -> o.token.trim().getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("api/") && !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Operator operator = header != null && header.startsWith(PREFIX)
                ? operatorOf(header.substring(PREFIX.length()).trim()) : null;
        if (operator == null) {
            request.abortWith(ApiError.response(401, "missing or unknown bearer token (Authorization: Bearer <token>)"));
            return;
        }
        if (operator.role == Operator.Role.READ && !READING.contains(request.getMethod())) {
            request.abortWith(ApiError.response(403, "operator " + operator.name + " may only read (role read): "
                    + "retry, terminate, acknowledge and resolve need role operate"));
            return;
        }
        request.setProperty(ACTOR, operator.name);
    }

    /** Checks every token, so the time taken does not tell which one nearly matched. */
    private Operator operatorOf(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        Operator found = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(tokens.get(i), candidate) && found == null) {
                found = operators.get(i);
            }
        }
        return found;
    }
}
