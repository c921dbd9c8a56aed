#!/usr/bin/env bash
# Dependency audit with pip-audit (PyPI's vulnerability data) over the installed environment.
#   - exits 1 only when a known vulnerability has a fixed version to upgrade to;
#   - lists every other finding (no fix yet) without failing;
#   - when the vulnerability service cannot be reached (an offline machine), says so clearly
#     and exits 0: CI must not fail on the network, but the report shows that no audit ran.
# PIP_AUDIT_JSON=<file> reads an existing pip-audit JSON report instead (used by the tests).
set -uo pipefail
cd "$(dirname "$0")/.."
rapport="${PIP_AUDIT_JSON:-}"
if [ -z "$rapport" ]; then
  rapport="$(mktemp)"
  fouten="$(mktemp)"
  trap 'rm -f "$rapport" "$fouten"' EXIT
  pip_audit="${PIP_AUDIT:-.venv/bin/pip-audit}"
  if [ ! -x "$pip_audit" ]; then
    echo "pip-audit: niet geïnstalleerd ($pip_audit); installeer de dev-extra. Geen audit uitgevoerd."
    exit 0
  fi
  "$pip_audit" --skip-editable --progress-spinner off --format json --output "$rapport" 2>"$fouten"
  status=$?
  if [ $status -ne 0 ] && [ ! -s "$rapport" ]; then
    echo "pip-audit: de kwetsbaarhedendienst is NIET bereikbaar of pip-audit faalde (exit $status)."
    echo "pip-audit: er is GEEN afhankelijkhedenaudit uitgevoerd. Laatste meldingen:"
    tail -n 5 "$fouten" | sed 's/^/  /'
    exit 0
  fi
fi
python3 - "$rapport" <<'PY'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
deps = data.get("dependencies", data if isinstance(data, list) else [])
te_herstellen, zonder_oplossing = [], []
for dep in deps:
    for vuln in dep.get("vulns", []):
        fixes = vuln.get("fix_versions") or []
        regel = f"{dep['name']} {dep.get('version', '?')}: {vuln['id']}"
        if fixes:
            te_herstellen.append(f"{regel} (opgelost in {', '.join(fixes)})")
        else:
            zonder_oplossing.append(f"{regel} (nog geen oplossing)")
print(f"pip-audit: {len(deps)} pakketten gecontroleerd.")
for titel, regels in (
    ("Kwetsbaarheden met een oplossing (bijwerken!)", te_herstellen),
    ("Kwetsbaarheden zonder oplossing (ter informatie)", zonder_oplossing),
):
    if regels:
        print(f"{titel}:")
        for regel in regels:
            print(f"  {regel}")
if not te_herstellen and not zonder_oplossing:
    print("pip-audit: geen bekende kwetsbaarheden.")
sys.exit(1 if te_herstellen else 0)
PY
