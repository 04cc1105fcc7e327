#!/usr/bin/env bash
# Deploys Hookline to a Payara Server (Full) domain: the Artemis resource adapter first, then
# the EAR. The EAR defines its own JDBC pool (java:app/jdbc/hookline) and JMS connector
# resources (java:app/jms/hookline, java:app/jms/deliveries); they read their settings from the
# domain's environment (HOOKLINE_*), so the domain is (re)started with that environment.
#
#   deploy-ear.sh --payara-home DIR [--domain NAME] [--portbase N] [--env-file FILE]
#                 [--ear FILE] [--rar FILE]
#
# --portbase creates the domain with that port base if it does not exist (admin = base+48,
# HTTP = base+80). Without it the domain must exist (domain1: admin 4848, HTTP 8080).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

payara_home=${PAYARA_HOME:-}
domain=domain1
portbase=
env_file=
ear=$repo/ear/target/hookline.ear
rar=$repo/server-config/artemis-rar/target/artemis-rar.rar

while [[ $# -gt 0 ]]; do
  case "$1" in
    --payara-home) payara_home=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --portbase) portbase=$2; shift 2 ;;
    --env-file) env_file=$2; shift 2 ;;
    --ear) ear=$2; shift 2 ;;
    --rar) rar=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[[ -n "$payara_home" && -x "$payara_home/bin/asadmin" ]] || {
  echo "give --payara-home (or PAYARA_HOME): the folder of an unzipped Payara Server, with bin/asadmin" >&2
  exit 2
}
[[ -f "$ear" && -f "$rar" ]] || { echo "build first: $ear and $rar must exist (./mvnw install)" >&2; exit 2; }
if [[ -n "$env_file" ]]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
for required in HOOKLINE_ADMIN_TOKEN HOOKLINE_SECRETS_KEY; do
  [[ -n "${!required:-}" ]] || { echo "$required must be set (see server-config/payara-server/hookline.env.example)" >&2; exit 2; }
done

asadmin="$payara_home/bin/asadmin"
domains_dir="$payara_home/glassfish/domains"
if [[ ! -d "$domains_dir/$domain" ]]; then
  [[ -n "$portbase" ]] || { echo "domain $domain does not exist; give --portbase to create it" >&2; exit 2; }
  echo "Creating domain $domain (port base $portbase)..."
  "$asadmin" create-domain --nopassword --portbase "$portbase" "$domain" >/dev/null
fi

domain_xml="$domains_dir/$domain/config/domain.xml"
# The server-config's listener comes first in domain.xml; default-config's ports are ${...}.
listener_port() {
  grep -o "<network-listener [^>]*name=\"$1\"[^>]*>" "$domain_xml" | grep -o 'port="[0-9]*"' | head -n 1 | tr -dc 0-9
}
admin_port=$(listener_port admin-listener)
http_port=$(listener_port http-listener-1)
[[ -n "$admin_port" && -n "$http_port" ]] || { echo "could not read the ports of domain $domain from $domain_xml" >&2; exit 1; }
as() { "$asadmin" --port "$admin_port" "$@"; }

# The resources resolve ${ENV=...} from the server process, so it must start with this environment.
if as list-applications >/dev/null 2>&1; then
  echo "Stopping domain $domain to restart it with the current environment..."
  "$asadmin" stop-domain "$domain" >/dev/null
fi
echo "Starting domain $domain..."
"$asadmin" start-domain "$domain" >/dev/null

# The JVM passes Java thread priorities on to Linux only with these: the delivery consumers then
# run at nice 5, below ingest (io.hookline.delivery.control.ConsumerPriority), and the JVM's own
# threads stay at 0 as they would for a user who may not raise them.
if ! as list-jvm-options 2>/dev/null | grep -q 'ThreadPriorityPolicy'; then
  priorities='-XX\:ThreadPriorityPolicy=1:-XX\:JavaPriority1_To_OSPriority=5'
  for p in 6 7 8 9 10; do priorities+=":-XX\\:JavaPriority${p}_To_OSPriority=0"; done
  as create-jvm-options "$priorities" >/dev/null
  echo "Restarting domain $domain with the JVM's thread priority options..."
  "$asadmin" stop-domain "$domain" >/dev/null
  "$asadmin" start-domain "$domain" >/dev/null
fi

apps=$(as list-applications --long=false 2>/dev/null || true)
if grep -q '^hookline ' <<<"$apps"; then as undeploy hookline >/dev/null; fi
if grep -q '^artemis-rar ' <<<"$apps"; then as undeploy artemis-rar >/dev/null; fi
echo "Deploying the Artemis resource adapter..."
as deploy --name artemis-rar "$rar" >/dev/null
echo "Deploying the Hookline EAR..."
as deploy --name hookline "$ear" >/dev/null

url="http://127.0.0.1:$http_port/api/v1/app"
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
  if [[ "$code" == 401 ]]; then
    echo "Hookline is deployed on domain $domain: http://127.0.0.1:$http_port/api/v1 (admin console port $admin_port)"
    exit 0
  fi
  sleep 0.5
done
echo "Hookline did not answer on $url; see $domains_dir/$domain/logs/server.log" >&2
exit 1
