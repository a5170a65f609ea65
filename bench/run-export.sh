#!/usr/bin/env bash
# Proof records: ./accessproof export of a large window through the API, then verify-export, in a small heap.
#   bench/run-export.sh [--records 1000000]        (JAVA_OPTS defaults to -Xmx256m)
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
exec "$(dirname "${BASH_SOURCE[0]}")/harness.sh" io.accessproof.bench.ExportBench "$@"
