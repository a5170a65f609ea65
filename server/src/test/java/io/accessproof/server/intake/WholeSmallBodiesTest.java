package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * Jetty with the application's 1 KiB/s minimum data rate and a handler that reads a tiny body in two steps
 * with a pause between them, as Jersey (peek) and Jackson (first use of a deserializer) do.
 */
class WholeSmallBodiesTest {

    /** Reads one byte, pauses as a cold deserializer does, reads the rest; answers what it read. */
    private static final class TwoStepReader extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            InputStream in = request.getInputStream();
            int first = in.read();
            LockSupport.parkNanos(Duration.ofMillis(30).toNanos()); // the handler's own pause, not a wait for a result
            String rest = new String(in.readAllBytes());
            response.setStatus(200);
            response.getWriter().write((char) first + rest);
        }
    }

    @Test
    void aTinyBodyReadInTwoSteps_failsTheRateCheckAlone_andPassesWhenReadWhole() throws Exception {
        assertThat(post(false).statusCode()).as("without the filter: Jetty's own 408/500 for a 2-byte body")
                .isNotEqualTo(200);

        HttpResponse<String> whole = post(true);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("{}");
    }

    private static HttpResponse<String> post(boolean wholeBodies) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setMinRequestDataRate(SlowBodies.MINIMUM_RATE.toBytes());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TwoStepReader()), "/*");
        if (wholeBodies) {
            context.addFilter(new FilterHolder(new WholeSmallBodies()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop();
        }
    }
}
