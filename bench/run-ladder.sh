#!/usr/bin/env bash
# The intake ladder (bare 200, + verify and parse, + durable insert, full intake), in one process and run.
#   bench/run-ladder.sh [--repeats 3] [--rate 200] [--duration 10] [--saturation-events 6000] [--in-flight 64] [--warmup 3]
# Needs PostgreSQL on 127.0.0.1:5432 (else an embedded one) like the tests; prints each run, then the table.
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.Ladder "$@"
