package io.accessproof.server.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code server CONFIG}, reporting an unreachable database or a taken port in one line. */
public final class ServerCommandWithPlainErrors<C extends Configuration> extends ServerCommand<C> {

    public ServerCommandWithPlainErrors(Application<C> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!PlainErrors.print(cli, "server", e)) {
            super.onError(cli, namespace, e);
        }
    }
}
