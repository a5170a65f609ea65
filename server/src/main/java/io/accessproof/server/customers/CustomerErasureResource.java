package io.accessproof.server.customers;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.retention.CustomerErasure;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code POST /api/customers/{customer_id}/erase} (role operate): erases the customer's raw event bodies and
 * free-form fields, keeping ids, plans and states, and says how many rows it changed. Idempotent: a second
 * erase changes nothing and says so. Audited.
 */
@Path("/api/customers/{customer_id}/erase")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomerErasureResource {
    private final CustomerErasure erasure;
    private final AuditLog audit;

    /** What was erased: rows changed per table (0 when already erased). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Erasure(String customerId, int events, int receipts, int subscriptions) {
    }

    public CustomerErasureResource(CustomerErasure erasure, AuditLog audit) {
        this.erasure = erasure;
        this.audit = audit;
    }

    @POST
    public Response erase(@PathParam("customer_id") String customerId, @Context ContainerRequestContext request) {
        if (!customerId.matches("cus_[A-Za-z0-9_]{1,250}")) {
            return ApiError.response(400, "customer_id must be a Stripe customer id (cus_…)");
        }
        try {
            CustomerErasure.Erased erased = erasure.erase(customerId);
            Erasure body = new Erasure(customerId, erased.events(), erased.receipts(), erased.subscriptions());
            audit.record(ApiRequests.actor(request), "erase", customerId, Map.of("events", body.events(),
                    "receipts", body.receipts(), "subscriptions", body.subscriptions()));
            return Response.ok(body).build();
        } catch (JdbiException e) {
            return ApiError.response(503, "database unavailable; nothing was erased, retry later");
        }
    }
}
