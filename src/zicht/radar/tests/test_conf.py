"""One setting joins a region: ``ZICHT_RADAR`` names the joining file; bad files are refused
with a Dutch message at start-up, not at the first sync."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from zicht.radar.conf import radar_instelling

GOED = {
    "url": "https://radar.example.nl/",
    "organisatie": "vt-nhn",
    "sleutel": "ab" * 32,
    "pseudoniemsleutel": "cd" * 32,
}


def _bestand(tmp_path, **wijziging):
    pad = tmp_path / "aansluiting.json"
    pad.write_text(json.dumps({**GOED, **wijziging}))
    return str(pad)


def test_standaard_uit(settings):
    settings.ZICHT_RADAR = ""
    assert radar_instelling() is None


def test_aansluitbestand(settings, tmp_path):
    settings.ZICHT_RADAR = _bestand(tmp_path)
    instelling = radar_instelling()
    assert instelling is not None
    assert (instelling.url, instelling.organisatie) == ("https://radar.example.nl", "vt-nhn")
    assert instelling.sleutel == bytes.fromhex("ab" * 32)


def test_pseudoniemsleutel_uit_de_omgeving(settings, tmp_path):
    settings.ZICHT_RADAR = _bestand(tmp_path, pseudoniemsleutel="")
    settings.ZICHT_RADAR_PSEUDONIEMSLEUTEL = "ef" * 32
    instelling = radar_instelling()
    assert instelling is not None
    assert instelling.pseudoniemsleutel == bytes.fromhex("ef" * 32)


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"url": "http://radar.example.nl"}, "https"),  # plain http off loopback
        ({"url": "ftp://radar"}, "http(s)"),  # not http at all
        ({"organisatie": ""}, "organisatie"),  # no organisation code
        ({"sleutel": "zz"}, "hexadecimale"),  # not hex
        ({"sleutel": "ab" * 8}, "32 bytes"),  # too short
        ({"pseudoniemsleutel": ""}, "pseudoniemsleutel"),  # region key missing
    ],
)
def test_ongeldig_aansluitbestand(settings, tmp_path, wijziging, melding):
    settings.ZICHT_RADAR_PSEUDONIEMSLEUTEL = ""
    settings.ZICHT_RADAR = _bestand(tmp_path, **wijziging)
    with pytest.raises(ImproperlyConfigured, match=melding.replace("(", r"\(").replace(")", r"\)")):
        radar_instelling()


def test_onleesbaar_bestand(settings, tmp_path):
    settings.ZICHT_RADAR = str(tmp_path / "bestaat-niet.json")
    with pytest.raises(ImproperlyConfigured, match="onleesbaar"):
        radar_instelling()


def test_http_naar_loopback_mag(settings, tmp_path):
    settings.ZICHT_RADAR = _bestand(tmp_path, url="http://127.0.0.1:8100")
    assert radar_instelling() is not None


@pytest.mark.django_db
def test_status_en_sync_als_radar_uit_staat(settings):
    settings.ZICHT_RADAR = ""
    uit = StringIO()
    call_command("radar", "status", stdout=uit)
    assert "actief=nee" in uit.getvalue()
    assert "wachtend=0" in uit.getvalue()
    uit = StringIO()
    call_command("radar", "sync", stdout=uit)
    assert "staat uit" in uit.getvalue()
