#!/usr/bin/env bash
# The missed-event sweep over 30 days of events, some never delivered: finds them all within the Stripe budget.
#   bench/run-sweep.sh [--stored 100000] [--missing 1000] [--budget 25]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.SweepBench "$@"
