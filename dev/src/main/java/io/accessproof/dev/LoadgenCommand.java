package io.accessproof.dev;

import io.accessproof.devkit.standins.PostgresLocator;
import io.accessproof.devkit.load.EventTemplates;
import io.accessproof.devkit.load.LoadGenerator;
import io.accessproof.devkit.load.LoadResult;
import io.accessproof.devkit.load.ReceiptPlayer;
import io.accessproof.devkit.load.Schedule;
import io.accessproof.devkit.load.StoredEvents;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code loadgen}: sends signed Stripe events to a deployment's webhook endpoint at a fixed rate or as a
 * burst, prints progress and a summary, and fails (exit code 1) when the ledger does not balance, a 2xx
 * event is missing from the database, or any request did not get a 2xx.
 */
public final class LoadgenCommand extends Command {
    static final int MAX_EVENTS = 1_000_000;

    private final PrintStream out;

    public LoadgenCommand() {
        this(System.out);
    }

    /** @param out where progress and the summary go */
    public LoadgenCommand(PrintStream out) {
        super("loadgen", "Sends Stripe-signed webhook events to an accessproof deployment and accounts for every one");
        this.out = out;
    }

    @Override
    public void configure(Subparser p) {
        p.addArgument("--url").required(true).help("the webhook endpoint, e.g. https://staging.example.com/webhooks/stripe");
        p.addArgument("--secret").help("endpoint signing secret(s), comma-separated (default: STRIPE_WEBHOOK_SECRET)");
        p.addArgument("--rate").type(Double.class).setDefault(10.0).help("events per second (default 10)");
        p.addArgument("--duration").type(Double.class).setDefault(10.0).help("seconds at that rate (default 10)");
        p.addArgument("--burst").type(Integer.class).help("send N events as a burst instead of a constant rate");
        p.addArgument("--over").type(Double.class).setDefault(10.0).help("seconds the burst is spread over (default 10; 0: at once)");
        p.addArgument("--types").setDefault(String.join(",", EventTemplates.TYPES))
                .help("event types to cycle through (default: " + String.join(",", EventTemplates.TYPES) + ")");
        p.addArgument("--duplicates").type(Double.class).setDefault(0.0).help("share of requests that redeliver the previous event");
        p.addArgument("--warmup").type(Double.class).setDefault(2.0)
                .help("seconds of sending before the measurement starts (default 2; counted in the ledger, not in latency)");
        p.addArgument("--timeout").type(Double.class).setDefault(10.0).help("seconds before a request counts as a timeout");
        p.addArgument("--max-in-flight").type(Integer.class).setDefault(512).help("open requests at most (default 512)");
        p.addArgument("--database-url").setDefault(System.getenv("DATABASE_URL"))
                .help("the deployment's PostgreSQL, to find every 2xx event afterwards (default: DATABASE_URL; none: not checked)");
        p.addArgument("--receipts-url").help("also play the app: send a signed receipt to this /receipts URL per accepted event");
        p.addArgument("--receipt-secret").setDefault(System.getenv("ACCESSPROOF_RECEIPT_SECRET"))
                .help("receipt signing secret (default: ACCESSPROOF_RECEIPT_SECRET)");
        p.addArgument("--receipt-delay").type(Double.class).setDefault(0.2).help("seconds from an event's 2xx to its receipt");
        p.addArgument("--receipt-duplicates").type(Double.class).setDefault(0.0).help("share of receipts sent twice");
        p.addArgument("--receipt-early").type(Double.class).setDefault(0.0).help("share of receipts sent before their event");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        List<String> secrets = secrets(ns.getString("secret"));
        Schedule schedule = schedule(ns);
        LoadGenerator.Options options = new LoadGenerator.Options(URI.create(ns.getString("url")), secrets,
                seconds(ns.getDouble("timeout")), ns.getInt("max_in_flight"), ns.getDouble("duplicates"));
        List<String> types = Arrays.stream(ns.getString("types").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        EventTemplates templates = EventTemplates.bundled();
        types.forEach(templates::next); // fails now on an unknown type, not mid-run

        out.println("loadgen: " + schedule + " to " + options.url() + " (" + schedule.size() + " events: " + types + ")");
        ReceiptPlayer receipts = receipts(ns);
        LoadResult result;
        try {
            result = new LoadGenerator(options).run("loadgen", schedule, templates.cycling(types),
                    receipts != null ? receipts : new LoadGenerator.Player() { }, out::println, Duration.ofSeconds(1));
            if (receipts != null) {
                receipts.awaitQuiet(Duration.ofSeconds(30));
            }
        } finally {
            if (receipts != null) {
                receipts.close();
            }
        }
        checkStore(ns.getString("database_url"), result, out);
        out.println(result.summary());
        if (receipts != null) {
            out.println("  " + receipts);
        }
        if (!result.ledger().valid()) {
            throw new LoadgenFailed("the run is void: its ledger does not balance or 2xx events are missing");
        }
        if (result.ledger().hadErrors()) {
            throw new LoadgenFailed((result.ledger().sentCount() - result.ledger().ok()) + " requests did not get a 2xx");
        }
    }

    private static void checkStore(String databaseUrl, LoadResult result, PrintStream out) throws Exception {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            out.println("  (no --database-url or DATABASE_URL: 2xx events not looked up in stripe_events)");
            return;
        }
        try (PostgresLocator.Located db = PostgresLocator.locate(databaseUrl, "accessproof", null)) {
            StoredEvents.check(result.ledger(), db.jdbcUrl(), db.user(), db.password());
        }
    }

    private static ReceiptPlayer receipts(Namespace ns) {
        String url = ns.getString("receipts_url");
        if (url == null) {
            return null;
        }
        String secret = ns.getString("receipt_secret");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("--receipts-url needs --receipt-secret or ACCESSPROOF_RECEIPT_SECRET");
        }
        return new ReceiptPlayer(new ReceiptPlayer.Options(URI.create(url), secret.split(",")[0].trim(),
                seconds(ns.getDouble("receipt_delay")), ns.getDouble("receipt_duplicates"), ns.getDouble("receipt_early")));
    }

    static Schedule schedule(Namespace ns) {
        Integer burst = ns.getInt("burst");
        Schedule schedule = burst != null ? Schedule.burst(burst, seconds(ns.getDouble("over")))
                : Schedule.constant(ns.getDouble("rate"), seconds(ns.getDouble("duration")));
        Double warmup = ns.getDouble("warmup");
        if (warmup != null && warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more seconds");
        }
        schedule = warmup == null ? schedule : schedule.withWarmup(seconds(warmup));
        if (schedule.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events per run; asked for " + schedule.size());
        }
        return schedule;
    }

    private static List<String> secrets(String flag) {
        String value = flag != null && !flag.isBlank() ? flag : System.getenv("STRIPE_WEBHOOK_SECRET");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no signing secret: pass --secret or set STRIPE_WEBHOOK_SECRET");
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof LoadgenFailed || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.util.concurrent.TimeoutException) {
            cli.getStdErr().println("accessproof loadgen: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** The run ended, but not cleanly; the summary above says why. */
    static final class LoadgenFailed extends Exception {
        LoadgenFailed(String message) {
            super(message);
        }
    }
}
