#!/usr/bin/env bash
# Runs a benchmark main class from the server module's test classpath: bench/harness.sh CLASS [ARGS…]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl server -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
cd server  # as under surefire: test.yml from the classpath, the bundled Stripe fixtures found from the module
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test.classpath)" "$@"
