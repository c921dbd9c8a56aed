#!/usr/bin/env bash
# Makes sure the Debian packages Zicht needs outside Python are installed:
#   scripts/ensure-debian-packages.sh run   -> libraries for PDF letters (WeasyPrint) and a font
#   scripts/ensure-debian-packages.sh test  -> the same plus Chromium for the browser tests
# As root it installs what is missing with apt; otherwise it prints the command and stops.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "${1:-run}" = "test" ]; then
  # poppler-utils: pdftotext, so tests read the text of the PDFs they render (privacy tests).
  packages+=(chromium poppler-utils)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${1:-run}" = "test" ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Ontbrekende Debian-pakketten installeren: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Zicht mist Debian-pakketten. Installeer ze eenmalig met:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
