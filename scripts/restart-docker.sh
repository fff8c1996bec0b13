#!/usr/bin/env bash
# Restarts a Docker daemon that was started directly with `dockerd` (as .ci/run does), and returns
# once it answers again. The runner's recovery test uses it; never point it at a daemon you need.
set -euo pipefail

log=${RAWORC_DOCKERD_LOG:-/tmp/raworc-ci-dockerd.log}
pkill -x dockerd || true
for _ in $(seq 1 60); do
    pgrep -x dockerd >/dev/null || break
    sleep 1
done
(dockerd >> "$log" 2>&1 &)
for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && exit 0
    sleep 1
done
echo "dockerd did not come back" >&2
exit 1
