#!/usr/bin/env bash
# Serves the demo: one Celery worker (both queues) and the web server, stopped together on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Links printed below and in e-mails point at this server.
export GEOPLAN_BASE_URL=${GEOPLAN_BASE_URL:-http://$HOST:$PORT}

# An illustrative moderator, planner and partner to try the site with: their passwords are printed
# here; the planner opens the planners' workspace at /plan/.
# (Refused when DEBUG is off: the demo is served all the same, without them.)
$PY manage.py create_demo_accounts || echo "No demo accounts: see the message above."

$PY -m celery -A geoplan worker -Q recompute,siting -c 1 -n "demo@%h" --loglevel=INFO &
worker=$!
# Whatever ends the server (Ctrl-C, an error), the worker ends with it.
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
echo "Worker started (pid $worker); serving http://$HOST:$PORT/ (demo accounts above; the planners'"
echo "workspace, for the demo planner, at http://$HOST:$PORT/plan/) — Ctrl-C stops both."
$PY manage.py runserver "$HOST:$PORT"
