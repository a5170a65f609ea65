-- /api/summary answers from counters, not a scan of runs: statement-level triggers keep the number of runs
-- per state. Each backend adds to its own shard (pg_backend_pid() % 16), so concurrent run writes do not
-- queue on one counter row; the summary sums the shards.
CREATE TABLE run_state_counts (
    state text    NOT NULL,
    shard integer NOT NULL,
    n     bigint  NOT NULL,
    PRIMARY KEY (state, shard)
);

CREATE FUNCTION count_run_states() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO run_state_counts (state, shard, n)
        SELECT state, pg_backend_pid() % 16, count(*) FROM new_runs GROUP BY state
        ON CONFLICT (state, shard) DO UPDATE SET n = run_state_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO run_state_counts (state, shard, n)
        SELECT state, pg_backend_pid() % 16, -count(*) FROM old_runs GROUP BY state
        ON CONFLICT (state, shard) DO UPDATE SET n = run_state_counts.n + EXCLUDED.n;
    ELSE
        INSERT INTO run_state_counts (state, shard, n)
        SELECT state, pg_backend_pid() % 16, sum(d) FROM (
            SELECT state, -1 AS d FROM old_runs UNION ALL SELECT state, 1 FROM new_runs) changes
        GROUP BY state HAVING sum(d) <> 0
        ON CONFLICT (state, shard) DO UPDATE SET n = run_state_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER runs_counted_on_insert AFTER INSERT ON runs REFERENCING NEW TABLE AS new_runs
    FOR EACH STATEMENT EXECUTE FUNCTION count_run_states();
CREATE TRIGGER runs_counted_on_update AFTER UPDATE ON runs REFERENCING OLD TABLE AS old_runs NEW TABLE AS new_runs
    FOR EACH STATEMENT EXECUTE FUNCTION count_run_states();
CREATE TRIGGER runs_counted_on_delete AFTER DELETE ON runs REFERENCING OLD TABLE AS old_runs
    FOR EACH STATEMENT EXECUTE FUNCTION count_run_states();

-- Writers wait while the counters start from the rows already there, so none is counted twice or missed.
LOCK TABLE runs IN SHARE MODE;
INSERT INTO run_state_counts (state, shard, n) SELECT state, 0, count(*) FROM runs GROUP BY state;

-- Time to proof is read from the latest proofs.
CREATE INDEX runs_proven ON runs (proven_at DESC) WHERE proven_at IS NOT NULL;
