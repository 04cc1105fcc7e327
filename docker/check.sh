#!/usr/bin/env bash
# Checks what can be checked without a Docker engine: the compose file resolves and validates
# (docker-compose config), and the shell scripts pass shellcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
printf 'HOOKLINE_ADMIN_TOKEN=t\nHOOKLINE_SECRETS_KEY=k\nHOOKLINE_DB_PASSWORD=p\nHOOKLINE_ARTEMIS_PASSWORD=p\n' > "$env_file"
docker-compose -f docker/compose.yaml --env-file "$env_file" config -q
echo "docker/compose.yaml: valid"
for dockerfile in docker/*/Dockerfile; do
  # Every file a Dockerfile copies from the build context must exist.
  grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=' | awk '{print $(NF-1)}' | while read -r src; do
    [[ "$src" == "." ]] && continue
    [[ -e "$src" ]] || { echo "$dockerfile copies missing $src" >&2; exit 1; }
  done
  echo "$dockerfile: sources present"
done
shellcheck hookline scripts/*.sh server-config/payara-server/*.sh docker/check.sh docker/artemis/entrypoint.sh .ci/run
echo "shell scripts: shellcheck clean"
