package io.accessproof.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Named operators with roles: the audit names them, a read operator reads and changes nothing. */
class BearerTokenFilterTest {
    private static final String ADA = "ada-token-0123456789abcdefghij";
    private static final String GRACE = "grace-token-0123456789abcdefgh";
    private static final String FLAT = "flat-token-0123456789abcdefghi";
    private final BearerTokenFilter filter = new BearerTokenFilter(Operator.all(List.of(
            new Operator("ada", ADA, Operator.Role.READ), new Operator("grace", GRACE, Operator.Role.OPERATE)),
            List.of(FLAT)));

    @Test
    void readOperator_mayList_isNamedInTheAudit() {
        ContainerRequestContext request = request("GET", ADA);

        filter.filter(request);

        verify(request, never()).abortWith(any());
        verify(request).setProperty(BearerTokenFilter.ACTOR, "ada");
    }

    @Test
    void readOperator_mayNotRetry_403NamingTheRole() {
        ContainerRequestContext request = request("POST", ADA);

        filter.filter(request);

        ArgumentCaptor<Response> refused = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(refused.capture());
        assertThat(refused.getValue().getStatus()).isEqualTo(403);
        assertThat(String.valueOf(refused.getValue().getEntity())).contains("operator ada may only read (role read)");
    }

    @Test
    void operateOperator_andTheFlatTokens_mayAct() {
        ContainerRequestContext grace = request("POST", GRACE);
        ContainerRequestContext flat = request("POST", FLAT);

        filter.filter(grace);
        filter.filter(flat);

        verify(grace).setProperty(BearerTokenFilter.ACTOR, "grace");
        verify(flat).setProperty(BearerTokenFilter.ACTOR, "token-1");
        verify(grace, never()).abortWith(any());
        verify(flat, never()).abortWith(any());
    }

    @Test
    void unknownToken_401() {
        ContainerRequestContext request = request("GET", "not-a-token-of-anyone-at-all");

        filter.filter(request);

        ArgumentCaptor<Response> refused = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(refused.capture());
        assertThat(refused.getValue().getStatus()).isEqualTo(401);
    }

    private static ContainerRequestContext request(String method, String token) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        UriInfo uri = mock(UriInfo.class);
        when(uri.getPath()).thenReturn("api/runs");
        when(request.getUriInfo()).thenReturn(uri);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeaderString(HttpHeaders.AUTHORIZATION)).thenReturn("Bearer " + token);
        return request;
    }
}
