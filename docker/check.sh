#!/usr/bin/env bash
# Checks what can be checked without a Docker engine: the compose file resolves and validates
# (docker-compose config), and the shell scripts pass shellcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
printf 'HOOKLINE_ADMIN_TOKEN=t\nHOOKLINE_SECRETS_KEY=k\nHOOKLINE_DB_PASSWORD=p\nHOOKLINE_ARTEMIS_PASSWORD=p\nGRAFANA_ADMIN_PASSWORD=g\n' > "$env_file"
docker-compose -f docker/compose.yaml --env-file "$env_file" config -q
echo "docker/compose.yaml: valid"
# The files compose mounts from the repository must exist.
grep -oE '\.\./server-config/[^:]+|\./prometheus\.yml' docker/compose.yaml | while read -r mounted; do
  [[ -e "docker/$mounted" ]] || { echo "docker/compose.yaml mounts missing $mounted" >&2; exit 1; }
done
echo "docker/compose.yaml: mounted files present"
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
