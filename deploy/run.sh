#!/usr/bin/env bash
# Serve xentviz for a lecture hall: REPLICAS Streamlit processes behind HAProxy, in the
# foreground; Ctrl-C or SIGTERM stops all of them.
#
#   deploy/run.sh                      # one replica per core, HAProxy on 127.0.0.1:8501
#   REPLICAS=4 PORT=80 BIND=0.0.0.0 deploy/run.sh
#
# Environment:
#   REPLICAS     Streamlit processes (default: one per core, from nproc)
#   PORT, BIND   where HAProxy listens (default 8501 on 127.0.0.1)
#   FIRST_PORT   the first replica's port; the others follow (default PORT + 100)
#   STATS_PORT   HAProxy's page of the replicas' state, on 127.0.0.1 (default PORT + 1)
#   COOKIE_SECRET  server.cookieSecret shared by the replicas, so a tab's XSRF token holds on
#                whichever serves it (default: a random one for this run)
#
# It installs nothing: it needs `haproxy` on the PATH (Debian: apt-get install haproxy) and the
# app's requirements (pip install -r requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS="${REPLICAS:-$(nproc)}"
PORT="${PORT:-8501}"
BIND="${BIND:-127.0.0.1}"
FIRST_PORT="${FIRST_PORT:-$((PORT + 100))}"
STATS_PORT="${STATS_PORT:-$((PORT + 1))}"
COOKIE_SECRET="${COOKIE_SECRET:-$(python -c 'import secrets; print(secrets.token_hex(32))')}"

[[ "$REPLICAS" =~ ^[1-9][0-9]*$ ]] || { echo "deploy/run.sh: REPLICAS must be a whole number, got '$REPLICAS'" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "deploy/run.sh: haproxy not found (apt-get install haproxy)" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

cp deploy/haproxy.cfg "$work/haproxy.cfg"
for ((n = 1; n <= REPLICAS; n++)); do
  port=$((FIRST_PORT + n - 1))
  STREAMLIT_SERVER_COOKIE_SECRET="$COOKIE_SECRET" python -m streamlit run app.py \
    --server.address 127.0.0.1 --server.port "$port" --server.headless true &
  pids+=("$!")
  echo "    server st$n 127.0.0.1:$port cookie st$n" >> "$work/haproxy.cfg"
  echo "deploy/run.sh: replica $n on 127.0.0.1:$port (pid $!)"
done

XV_BIND="$BIND" XV_PORT="$PORT" XV_STATS_PORT="$STATS_PORT" haproxy -W -db -f "$work/haproxy.cfg" &
proxy="$!"
pids+=("$proxy")
echo "deploy/run.sh: HAProxy on http://$BIND:$PORT (pid $proxy), $REPLICAS replica(s);" \
  "their state on http://127.0.0.1:$STATS_PORT/"

# Until HAProxy ends or a signal comes. A replica that dies is not restarted: HAProxy's health
# check takes it out, and its tabs reload their pages from their links on the others.
wait "$proxy" || true
echo "deploy/run.sh: HAProxy ended; stopping the replicas" >&2
