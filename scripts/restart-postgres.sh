#!/usr/bin/env bash
# Restarts this machine's PostgreSQL cluster (fast mode: open connections are cut), for the crash
# suite (./hookline chaos). Only a local Debian cluster can be restarted from here.
set -euo pipefail
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart -m fast
