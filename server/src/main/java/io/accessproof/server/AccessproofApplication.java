package io.accessproof.server;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import io.accessproof.activities.events.EventParser;
import io.accessproof.activities.probes.Probe;
import io.accessproof.server.api.BearerTokenFilter;
import io.accessproof.server.api.Operator;
import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.audit.Audits;
import io.accessproof.server.cli.AuditCommand;
import io.accessproof.server.cli.CustomersCommand;
import io.accessproof.server.cli.DbCommand;
import io.accessproof.server.cli.DrillCommand;
import io.accessproof.server.cli.EraseCommand;
import io.accessproof.server.cli.ExitCode;
import io.accessproof.server.cli.ExportCommand;
import io.accessproof.server.cli.IncidentsCommand;
import io.accessproof.server.cli.RunsCommand;
import io.accessproof.server.cli.ServerCommandWithPlainErrors;
import io.accessproof.server.cli.SweepCommand;
import io.accessproof.server.cli.Terminal;
import io.accessproof.server.cli.VerifyExportCommand;
import io.accessproof.server.customers.CustomerAccessResource;
import io.accessproof.server.customers.CustomerErasureResource;
import io.accessproof.server.dashboard.DashboardResource;
import io.accessproof.server.database.Database;
import io.accessproof.server.database.DatabaseConfig;
import io.accessproof.server.health.DatabaseHealthCheck;
import io.accessproof.server.health.ProbeHealthCheck;
import io.accessproof.server.health.ServiceGauges;
import io.accessproof.server.health.StripeHealthCheck;
import io.accessproof.server.health.TemporalHealthCheck;
import io.accessproof.server.health.WorkerHealthCheck;
import io.accessproof.server.incidents.IncidentsResource;
import io.accessproof.server.intake.EventStore;
import io.accessproof.server.intake.GroupCommit;
import io.accessproof.server.intake.IntakeMetrics;
import io.accessproof.server.intake.OutboxDispatcher;
import io.accessproof.server.intake.RunStarter;
import io.accessproof.server.intake.SlowBodies;
import io.accessproof.server.intake.StripeWebhookResource;
import io.accessproof.server.intake.TracedHandOver;
import io.accessproof.server.intake.WholeSmallBodies;
import io.accessproof.server.metrics.PrometheusEndpoint;
import io.accessproof.server.metrics.ProofMetrics;
import io.accessproof.server.operators.OperatorActions;
import io.accessproof.server.operators.OperatorUnavailableMapper;
import io.accessproof.server.proofs.ProofsResource;
import io.accessproof.server.receipts.Receipts;
import io.accessproof.server.receipts.StoredReceiptsReader;
import io.accessproof.server.runs.BulkActivitiesImpl;
import io.accessproof.server.runs.BulkJobs;
import io.accessproof.server.runs.Probes;
import io.accessproof.server.runs.RunLinks;
import io.accessproof.server.runs.RunOperations;
import io.accessproof.server.runs.RunsResource;
import io.accessproof.server.runs.SeriesResource;
import io.accessproof.server.runs.SummaryResource;
import io.accessproof.server.secrets.SecretRules;
import io.accessproof.server.sweep.Sweeps;
import io.accessproof.server.temporal.LocalTemporal;
import io.accessproof.server.temporal.OutcomeWorker;
import io.accessproof.server.temporal.TemporalConnection;
import io.accessproof.server.temporal.WorkerActivities;
import io.accessproof.server.tracing.Tracing;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.incidents.IncidentQueries;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.proofs.ProofDao;
import io.accessproof.store.proofs.ProofStream;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.retention.CustomerErasure;
import io.accessproof.store.runs.CustomerRunsDao;
import io.accessproof.store.runs.RunQueries;
import io.accessproof.store.runs.SeriesDao;
import io.accessproof.store.runs.SummaryDao;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires accessproof by hand: stores, Temporal, worker, outbox, resources, health checks. */
public class AccessproofApplication extends Application<AccessproofConfiguration> {
    private final Terminal terminal;
    private final LocalTemporal localTemporal;

    public AccessproofApplication() {
        this(Terminal.system());
    }

    /** With the streams and environment the operator commands use (tests capture them). */
    public AccessproofApplication(Terminal terminal) {
        this(terminal, LocalTemporal.NONE);
    }

    /** With an embedded Temporal for {@code temporal.embedded} (the dev build and the tests supply one). */
    public AccessproofApplication(Terminal terminal, LocalTemporal localTemporal) {
        this.terminal = terminal;
        this.localTemporal = localTemporal;
    }

    public static void main(String[] args) throws Exception {
        new AccessproofApplication().run(args);
    }

    @Override
    public String getName() {
        return "accessproof";
    }

    @Override
    public void initialize(Bootstrap<AccessproofConfiguration> bootstrap) {
        // Strict: an unset ${VAR} without a default is an error, never the literal text as a secret. dev has its own.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.addCommand(new DbCommand<>(AccessproofConfiguration.class, config -> config.database));
        bootstrap.addCommand(new RunsCommand(terminal));
        bootstrap.addCommand(new IncidentsCommand(terminal));
        bootstrap.addCommand(new CustomersCommand(terminal));
        bootstrap.addCommand(new EraseCommand(terminal));
        bootstrap.addCommand(new SweepCommand(terminal));
        bootstrap.addCommand(new AuditCommand(terminal));
        bootstrap.addCommand(new DrillCommand(terminal));
        bootstrap.addCommand(new ExportCommand(terminal));
        bootstrap.addCommand(new VerifyExportCommand(terminal));
    }

    /** Operator commands end with the documented exit codes; everything else with 1, as Dropwizard does. */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(ExitCode.of(t).code());
    }

    /** Public so the command line can be driven in-process (tests, the launcher's own checks). */
    @Override
    public void addDefaultCommands(Bootstrap<AccessproofConfiguration> bootstrap) {
        bootstrap.addCommand(new ServerCommandWithPlainErrors<>(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(AccessproofConfiguration config, Environment environment) {
        if (!config.dev.running) {
            SecretRules.refuseUnsafe(config.stripe, config.api, config.database);
        }
        SlowBodies.refuseByDefault(config.getServerFactory());
        environment.servlets().addFilter("whole-small-bodies", new WholeSmallBodies())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        Database database = Database.open(config.database);
        environment.lifecycle().manage(database);
        if (config.database.migrateOnStart) {
            database.migrate(config.database.url);
        }
        Tracing tracing = config.tracing.build();
        TemporalConnection temporal = TemporalConnection.open(config.temporal, localTemporal, tracing);
        environment.lifecycle().manage(temporal);
        environment.lifecycle().manage(tracing); // stopped before Temporal: its last spans are flushed

        PrometheusRegistry prometheus = new PrometheusRegistry();
        Probe probe = Probes.build(config.proving, environment);
        WorkerActivities.StripeCounters stripeCounters = new WorkerActivities.StripeCounters(
                environment.metrics().counter("stripe.auth_failures"), environment.metrics().counter("stripe.permits"));
        environment.metrics().register("stripe.budget_per_second",
                (Gauge<Double>) () -> config.stripe.apiRequestsPerSecond);
        List<ReceiptApp> receiptApps = config.api.allReceiptApps();
        RunStarter starter = new RunStarter(temporal.client(), config.proving::policyFor,
                new StoredReceiptsReader(database.jdbi().onDemand(ReceiptDao.class), receiptApps));
        RunOperations operations = new RunOperations(temporal.client(), database.jdbi(), starter,
                database.jdbi().onDemand(AuditLog.class),
                new OperatorActions(temporal.client(), config.api.receiptAnswerTimeout.toJavaDuration()));
        if (config.temporal.worker) {
            NotificationActivities notifications = WorkerActivities.notifications(config.notifications,
                    database.workerJdbi());
            WorkerActivities.ByQueue activities = WorkerActivities.build(workerSettings(config, prometheus), database,
                    temporal, probe, notifications, stripeCounters, environment.metrics().counter("sweep.found"));
            OutcomeWorker worker = new OutcomeWorker(temporal,
                    activities.with(new BulkActivitiesImpl(database.workerJdbi(), operations)));
            environment.lifecycle().manage(worker);
            environment.healthChecks().register("worker", new WorkerHealthCheck(worker));
        }
        Counter quarantined = environment.metrics().counter("outbox.quarantines");
        OutboxDispatcher dispatcher = new OutboxDispatcher(database.jdbi(), new TracedHandOver(starter, tracing),
                OutboxDispatcher.answers(temporal.service()), config.proving.horizon.toJavaDuration(),
                new OutboxDispatcher.Settings(config.temporal.dispatchQuarantineAfter,
                        config.temporal.dispatchRetryBackoff.toJavaDuration(), id -> quarantined.inc()));
        environment.lifecycle().manage(dispatcher);
        environment.lifecycle().manage(config.watchdog.starter(temporal.client(), config.proving));
        environment.lifecycle().manage(config.retention.starter(temporal.client()));

        StripeEventDao events = database.jdbi().onDemand(StripeEventDao.class);
        environment.jersey().register(new StripeWebhookResource(config.stripe.buildVerifier(),
                new EventParser(environment.getObjectMapper(), config.stripe.runEventTypes),
                eventStore(config.database, database, events, environment), config.stripe,
                new IntakeMetrics(environment.metrics()), dispatcher::poke, tracing));
        Receipts.register(config.api, config.proving, config.stripe.tolerance.toJavaDuration(), receiptApps,
                database.jdbi(), temporal, environment);
        registerOperatorApi(config, database.jdbi(), temporal, operations, probe, environment);

        environment.healthChecks().register("postgresql", new DatabaseHealthCheck(database.dataSource()));
        environment.healthChecks().register("temporal", new TemporalHealthCheck(temporal.service(), temporal.namespace()));
        environment.healthChecks().register("stripe", new StripeHealthCheck(
                WorkerActivities.stripeKeyCheck(config.stripe, database.jdbi(), stripeCounters), events));
        if (config.proving.probe != ProbeKind.RECEIPT) {
            environment.healthChecks().register("probe", new ProbeHealthCheck(probe));
        }
        ServiceGauges.register(environment.metrics(), events, database.jdbi().onDemand(IncidentDao.class),
                database.jdbi().onDemand(SummaryDao.class));
        PrometheusEndpoint.register(environment, prometheus);
    }

    private static WorkerActivities.Settings workerSettings(AccessproofConfiguration config,
                                                            PrometheusRegistry prometheus) {
        return new WorkerActivities.Settings(config.stripe, config.proving, config.temporal.incidentLinks(),
                config.audit.probeConcurrency, new ProofMetrics(prometheus));
    }

    private static EventStore eventStore(DatabaseConfig config, Database database, StripeEventDao events,
                                         Environment environment) {
        if (config.groupCommitters == 0) {
            return events::insertOrCountDelivery;
        }
        GroupCommit commits = new GroupCommit(database.jdbi(), config.groupCommitters, config.groupCommitMaxBatch,
                config.storeTimeout.toJavaDuration());
        environment.lifecycle().manage(commits);
        return commits;
    }

    private static void registerOperatorApi(AccessproofConfiguration config, Jdbi jdbi, TemporalConnection temporal,
                                            RunOperations operations, Probe probe, Environment environment) {
        AuditLog audit = jdbi.onDemand(AuditLog.class);
        IncidentQueries incidents = new IncidentQueries(jdbi);
        BulkJobs jobs = new BulkJobs(temporal.client(), jdbi, config.api.bulkRatePerSecond,
                config.api.bulkResumeEvery.toJavaDuration());
        environment.lifecycle().manage(jobs);
        RunLinks links = new RunLinks(config.temporal.incidentLinks());
        environment.jersey().register(new BearerTokenFilter(config.api.allOperators()));
        environment.jersey().register(new OperatorUnavailableMapper());
        environment.jersey().register(new RunsResource(new RunQueries(jdbi), incidents, jdbi,
                operations, jobs, links));
        environment.jersey().register(new IncidentsResource(incidents, operations.actions()));
        environment.jersey().register(new SummaryResource(jdbi, environment.healthChecks()));
        environment.jersey().register(new SeriesResource(jdbi.onDemand(SeriesDao.class), Clock.systemUTC()));
        environment.jersey().register(new ProofsResource(jdbi.onDemand(ProofDao.class), new ProofStream(jdbi),
                Clock.systemUTC()));
        environment.jersey().register(new CustomerAccessResource(jdbi.onDemand(CustomerRunsDao.class), probe,
                config.proving.probe));
        environment.jersey().register(new CustomerErasureResource(jdbi.onDemand(CustomerErasure.class), audit));
        Sweeps.register(config.sweep, config.stripe, jdbi, temporal.client(), audit, environment);
        Audits.register(config.audit, jdbi, temporal.client(), audit, environment);
        environment.jersey().register(new DashboardResource());
    }
}
