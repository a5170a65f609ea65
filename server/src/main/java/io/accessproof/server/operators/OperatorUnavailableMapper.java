package io.accessproof.server.operators;

import io.accessproof.server.api.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** An operator's action Temporal did not take in time answers 503 with what to do, never a bare 500. */
public final class OperatorUnavailableMapper implements ExceptionMapper<OperatorUnavailable> {
    @Override
    public Response toResponse(OperatorUnavailable unavailable) {
        return ApiError.response(503, unavailable.getMessage());
    }
}
