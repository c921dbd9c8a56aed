#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
packages="chromium fonts-dejavu-core"
if [ "$(id -u)" = "0" ]; then
  echo "Chromium ontbreekt; installeren met apt-get ($packages)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
else
  echo "Chromium ontbreekt. Installeer het eenmalig met:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $packages" >&2
  exit 1
fi
