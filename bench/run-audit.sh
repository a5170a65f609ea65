#!/usr/bin/env bash
# A drift audit of many seeded customers with the Stripe budget at a fixed rate: duration, reads per customer, heap.
#   bench/run-audit.sh [--customers 10000] [--wrong 0.02] [--canceled 0.1] [--budget 25]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.AuditBench "$@"
