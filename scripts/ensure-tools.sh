#!/usr/bin/env bash
# Installs, from Debian's packages, the command-line tools the test suite checks files with when
# they are missing: docker-compose (docker/compose.yaml), shellcheck (the scripts), promtool from
# prometheus (server-config/prometheus), systemd-analyze from systemd (server-config/systemd), and
# headless Chromium with its WebDriver (the dashboard page's test); for the crash suite, HAProxy (the
# load balancer in front of its nodes) and nftables (to cut a node off inside its network namespace).
set -euo pipefail
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v promtool >/dev/null || missing+=(prometheus)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
[[ -x /usr/sbin/nft ]] || missing+=(nftables)
command -v ip >/dev/null || missing+=(iproute2)
if ((${#missing[@]})); then
  echo "Installing from Debian's packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
