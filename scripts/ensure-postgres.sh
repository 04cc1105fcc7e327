#!/usr/bin/env bash
# Makes sure the PostgreSQL Hookline is configured for (HOOKLINE_DB_HOST/PORT, default
# 127.0.0.1:5432) answers. A remote one must already run. A local one is started if this
# machine has a cluster, or installed from Debian's packages if it has none.
set -euo pipefail
host=${HOOKLINE_DB_HOST:-127.0.0.1}
port=${HOOKLINE_DB_PORT:-5432}

answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

wait_for_it() {
  for _ in $(seq 1 60); do answers && return 0; sleep 0.5; done
  echo "PostgreSQL did not come up on $host:$port" >&2
  return 1
}

if answers; then
  exit 0
fi
if [[ "$host" != "127.0.0.1" && "$host" != "localhost" ]]; then
  echo "PostgreSQL at $host:$port does not answer; start it, or point HOOKLINE_DB_HOST elsewhere." >&2
  exit 1
fi

if ! command -v pg_lsclusters >/dev/null || [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
  echo "No PostgreSQL on this machine: installing Debian's postgresql package..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fresh_install=1
fi

read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
echo "Starting PostgreSQL $version/$cluster..."
as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
wait_for_it

if [[ -n "${fresh_install:-}" ]]; then
  # Debian's default is password authentication over TCP; give the postgres role the password
  # Hookline's defaults use (HOOKLINE_DB_PASSWORD, default "postgres").
  as_root su postgres -c "psql -q -c \"alter role postgres password '${HOOKLINE_DB_PASSWORD:-postgres}'\""
fi
