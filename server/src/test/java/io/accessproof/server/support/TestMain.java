package io.accessproof.server.support;

import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.cli.Terminal;

/** {@code java -cp … TestMain server test.yml}: the application as its own JVM, with the tests' embedded Temporal. */
public final class TestMain {
    private TestMain() {
    }

    public static void main(String[] args) throws Exception {
        new AccessproofApplication(Terminal.system(), TestTemporal.EMBEDDED).run(args);
    }
}
