package io.accessproof.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A list as the API answers it, Stripe-like: {@code url} and {@code has_more} only where it pages. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPage<T>(String object, String url, Boolean hasMore, List<T> data) {

    public static <T> ListPage<T> of(List<T> data) {
        return new ListPage<>("list", null, null, data);
    }

    public static <T> ListPage<T> page(String url, boolean hasMore, List<T> data) {
        return new ListPage<>("list", url, hasMore, data);
    }
}
