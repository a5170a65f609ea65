#!/usr/bin/env bash
# Runs a benchmark main class from the bench module's test classpath: bench/harness.sh CLASS [ARGS…]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl bench -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
cd bench  # as under surefire: the harness writes its logs under bench/target
exec java ${JAVA_OPTS:-} -Daccessproof.fixtures="$root/activities/src/test/resources/stripe-fixtures" \
  -cp "target/test-classes:$(cat target/test.classpath)" "$@"
