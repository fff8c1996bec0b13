#!/usr/bin/env bash
# Writes .env for docker-compose.yml with fresh random keys, readable by its owner only. Refuses to
# overwrite an existing .env: the JWT secret and master key of a running installation must stay.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e .env ]; then
    echo ".env exists; keep it (its keys open your data) or move it away first" >&2
    exit 1
fi
socket=${DOCKER_SOCKET:-/var/run/docker.sock}
docker_gid=$(stat -c %g "$socket" 2>/dev/null || echo 999)
umask 077
cat > .env <<ENV
POSTGRES_PASSWORD=$(openssl rand -hex 24)
RAWORC_JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')
RAWORC_MASTER_KEY=$(openssl rand -base64 32)
RAWORC_ADMIN_PASSWORD=$(openssl rand -base64 18 | tr '/+' '_-')
DOCKER_GID=$docker_gid
ENV
echo "Wrote .env (the admin password is RAWORC_ADMIN_PASSWORD in it)"
