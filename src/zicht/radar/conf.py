"""The radar connection of this instance, from one setting (``ZICHT_RADAR``: the path of the
region's joining file). Off when it is empty — the default, also in demo mode."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["RadarInstelling", "radar_instelling"]


@dataclass(frozen=True)
class RadarInstelling:
    url: str
    organisatie: str
    sleutel: bytes
    pseudoniemsleutel: bytes
    ca_bestand: str | None = None
    timeout: float = 10.0


def _hex(waarde: object, veld: str, minimaal: int) -> bytes:
    try:
        sleutel = bytes.fromhex(str(waarde))
    except ValueError:
        raise ImproperlyConfigured(f"ZICHT_RADAR: '{veld}' is geen hexadecimale sleutel.") from None
    if len(sleutel) < minimaal:
        raise ImproperlyConfigured(f"ZICHT_RADAR: '{veld}' moet minstens {minimaal} bytes zijn.")
    return sleutel


def radar_instelling() -> RadarInstelling | None:
    """The radar connection, or None when radar is off. Raises ImproperlyConfigured (Dutch)
    on a joining file that cannot be used."""
    bron = getattr(settings, "ZICHT_RADAR", "")
    if not bron:
        return None
    try:
        data = json.loads(Path(bron).read_text(encoding="utf-8"))
    except (OSError, ValueError) as fout:
        raise ImproperlyConfigured(f"ZICHT_RADAR: aansluitbestand onleesbaar ({fout}).") from None
    pseudoniemsleutel = getattr(settings, "ZICHT_RADAR_PSEUDONIEMSLEUTEL", "") or data.get(
        "pseudoniemsleutel", ""
    )
    url = str(data.get("url", "")).rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured("ZICHT_RADAR: 'url' ontbreekt of is geen http(s)-adres.")
    if url.startswith("http://") and not getattr(settings, "ZICHT_RADAR_HTTP_TOEGESTAAN", False):
        host = url.split("/")[2].split(":")[0]
        if host not in {"127.0.0.1", "localhost", "::1", "[::1]"}:
            raise ImproperlyConfigured("ZICHT_RADAR: het register hoort bereikbaar via https.")
    organisatie = str(data.get("organisatie", ""))
    if not organisatie:
        raise ImproperlyConfigured("ZICHT_RADAR: 'organisatie' ontbreekt.")
    return RadarInstelling(
        url=url,
        organisatie=organisatie,
        sleutel=_hex(data.get("sleutel", ""), "sleutel", 32),
        pseudoniemsleutel=_hex(pseudoniemsleutel, "pseudoniemsleutel", 32),
        ca_bestand=data.get("ca_bestand") or None,
        timeout=float(data.get("timeout", 10.0)),
    )
