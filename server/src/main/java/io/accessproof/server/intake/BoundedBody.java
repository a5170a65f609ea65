package io.accessproof.server.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reads a request body, stopping as soon as it passes the limit instead of buffering it all first, and
 * refusing one that takes longer than the deadline in all (a slow sender must not hold a request thread;
 * the connector's minimum data rate bounds each read in between).
 */
public final class BoundedBody {
    /** The whole body must arrive within this; Stripe sends a webhook in milliseconds. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private BoundedBody() {
    }

    /** The body did not arrive within the deadline, or slower than the connector's minimum data rate. */
    public static final class TooSlow extends IOException {
        TooSlow(String message) {
            super(message, null);
        }
    }

    /** Returns the body, or null when it is longer than {@code limit} bytes; throws {@link TooSlow} past the deadline. */
    public static byte[] read(InputStream in, long limit) throws IOException {
        return read(in, limit, DEADLINE);
    }

    static byte[] read(InputStream in, long limit, Duration deadline) throws IOException {
        long until = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = readSome(in, buffer)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            if (System.nanoTime() > until) {
                throw new TooSlow("request body not received within " + deadline.toSeconds() + " s");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Jetty fails a read slower than the connector's minimum data rate with its own 408. */
    private static int readSome(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (BadMessageException e) {
            if (e.getCode() == 408) {
                throw new TooSlow("request body arrived too slowly (" + e.getReason() + ")");
            }
            throw e;
        }
    }
}
