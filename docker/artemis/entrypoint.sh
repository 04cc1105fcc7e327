#!/bin/sh
# Creates the broker instance on first start (in the volume, so the journal survives), then runs
# it with Hookline's broker.xml, listening on all interfaces inside the container.
set -eu
instance=/var/lib/artemis/instance
: "${ARTEMIS_USER:=hookline}"
: "${ARTEMIS_PASSWORD:?set ARTEMIS_PASSWORD}"
if [ ! -f "$instance/etc/artemis.profile" ]; then
  /opt/artemis/bin/artemis create "$instance" --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" \
    --require-login --host 0.0.0.0 --http-host 0.0.0.0 --relax-jolokia \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --silent
  # Single quotes on purpose: the profile expands these when the broker starts.
  # shellcheck disable=SC2016
  printf '\nJAVA_ARGS="$JAVA_ARGS -Dhookline.broker.host=0.0.0.0 ${HOOKLINE_BROKER_OPTS:-}"\n' >> "$instance/etc/artemis.profile"
fi
cp /opt/hookline/broker.xml "$instance/etc/broker.xml"
exec "$instance/bin/artemis" run
