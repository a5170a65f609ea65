#!/usr/bin/env bash
# GET /api/summary over a large runs table (counters, not a scan), beside the former scan on the same data.
#   bench/run-summary.sh [--runs 1000000] [--requests 200]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.SummaryBench "$@"
