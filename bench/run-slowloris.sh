#!/usr/bin/env bash
# Slow bodies beside a normal sender: the normal sender's p99 and ledger with N connections dribbling a byte a second.
#   bench/run-slowloris.sh [--dribblers 500] [--rate 50] [--duration 20] [--repeats 3]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.SlowlorisBench "$@"
