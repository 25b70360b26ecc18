#!/usr/bin/env bash
# Serves the demo: one Celery worker (both queues) and the web server, stopped together on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

$PY -m celery -A geoplan worker -Q recompute,siting -c 1 -n "demo@%h" --loglevel=INFO &
worker=$!
# Whatever ends the server (Ctrl-C, an error), the worker ends with it.
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
echo "Worker started (pid $worker); serving http://$HOST:$PORT/ — Ctrl-C stops both."
$PY manage.py runserver "$HOST:$PORT"
