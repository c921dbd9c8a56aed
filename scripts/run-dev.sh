#!/usr/bin/env bash
# Starts the task worker and the development server; stops the worker when the server stops.
set -euo pipefail
cd "$(dirname "$0")/.."
export ZICHT_DEMO=1
.venv/bin/zicht db_worker >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Taakverwerker gestart (pid $worker, log: var/worker.log)."
echo "Zicht draait op http://127.0.0.1:8000/  (stoppen: Ctrl+C)"
.venv/bin/zicht runserver 127.0.0.1:8000 --noreload
