#!/usr/bin/env bash
# One command for the benchmarks: builds the server, starts it on the embedded default with a fresh
# data directory, measures it beside this machine's own limits (see benchmarks/), prints the table
# and writes it to benchmarks/results/latest.md. Needs a Docker engine and Debian's busybox-static.
#   scripts/benchmark.sh            (BENCH_SECONDS=20 per measurement, BENCH_PORT=9300)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-20}
port=${BENCH_PORT:-9300}
image=raworc-test-agent:latest

mvn -B -q -DskipTests package
scripts/build-test-image.sh "$image" >/dev/null

data=$(mktemp -d)
RAWORC_PORT=$port RAWORC_DATA_DIR="$data" RAWORC_ADMIN_PASSWORD=benchmark-password RAWORC_DEFAULT_IMAGE=$image \
    java -jar server/target/raworc-server.jar > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
    curl -sf "http://localhost:$port/api/v0/health" >/dev/null && break
    sleep 1
done
postgres=$(grep -o 'PostgreSQL on port [0-9]*' "$data/server.log" | awk '{print $4}')

java -cp "$(ls benchmarks/target/benchmarks-*.jar):$(cat benchmarks/target/classpath.txt)" dev.raworc.bench.Benchmarks \
    "http://localhost:$port/api/v0" benchmark-password "jdbc:postgresql://localhost:$postgres/postgres?user=postgres" \
    "$image" "$server" benchmarks/results/latest.md "$seconds"
