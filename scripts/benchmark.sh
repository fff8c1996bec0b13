#!/usr/bin/env bash
# One command for the benchmarks: builds the server and the local agent image, then runs the
# benchmarks module, which starts servers on the embedded default with fresh data directories,
# measures them beside this machine's own limits, prints the table and writes it to
# benchmarks/results/latest.md. Needs a Docker engine and Debian's busybox-static. Takes ~25 min.
#   scripts/benchmark.sh
#   BENCH_SECONDS=20       seconds per throughput measurement (after a 5 s warm-up)
#   BENCH_PORT=9300        the servers' HTTP port
#   BENCH_SESSIONS=100000  synthetic sessions (10 messages each) for the reads at scale and the rebuild
#   RAWORC_JAVA_OPTS       the servers' JVM options (default: the ones the README recommends)
#   MALLOC_ARENA_MAX=2     glibc's arenas for the servers (the README's setting)
#   BENCH_ONLY=files,streams  only these groups (messages, streams, tasks, start, files, scale); default all
set -euo pipefail
cd "$(dirname "$0")/.."

image=raworc-test-agent:latest
# the servers the benchmarks start inherit it
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# a partial run does not replace the full table
output=benchmarks/results/latest.md
[ -n "${BENCH_ONLY:-}" ] && output="benchmarks/results/only-${BENCH_ONLY//,/-}.md"

mvn -B -q -DskipTests package
scripts/build-test-image.sh "$image" >/dev/null

java -cp "$(ls benchmarks/target/benchmarks-*.jar):$(cat benchmarks/target/classpath.txt)" dev.raworc.bench.Benchmarks \
    server/target/raworc-server.jar "$image" "$output" "${BENCH_SECONDS:-20}" "${BENCH_PORT:-9300}" \
    "${RAWORC_JAVA_OPTS:--Xmx160m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000}" "${BENCH_SESSIONS:-100000}" \
    "${BENCH_ONLY:-}"
