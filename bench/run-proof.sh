#!/usr/bin/env bash
# Time to proof against the dev stack (emulator with API latency and a rate limit, demo app, accessproof).
#   bench/run-proof.sh [--rates 25,50,100,200] [--duration 10] [--repeats 3] [--api-latency-ms 80] [--api-rate-limit 100] [--stripe-budget 90]
#                      [--proof probe|receipt] [--receipt-delay 0.1]   (receipt: proving.probe RECEIPT, the bench sends the app's receipts)
#   bench/run-proof.sh --scenario burst [--burst-events 2000] [--burst-over 10] [--repeats 3] [--stripe-budget 25]
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.ProofBench "$@"
