#!/usr/bin/env bash
# Restart with history: time from start-up to the first new webhook's run with N historical runs in the tables.
#   bench/run-restart.sh [--runs 100000] [--open 1000] [--repeats 3]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.RestartBench "$@"
