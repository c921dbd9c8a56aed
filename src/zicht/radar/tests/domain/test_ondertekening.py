"""Signed requests: every part of the request is covered, answers are bound to the request."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac

import pytest

from zicht.radar.domain.ondertekening import (
    Ondertekend,
    antwoord_handtekening,
    antwoord_tekst,
    handtekening_klopt,
    tijd_binnen_venster,
    verzoek_tekst,
)

SLEUTEL = b"k" * 32
VERZOEK = {
    "methode": "PUT",
    "pad": "/v1/betrokkenheden/0c1d",
    "organisatie": "vt-noord",
    "tijd": 1_780_000_000,
    "nonce": "a" * 32,
    "idempotentiesleutel": "b" * 32,
    "body": b'{"van":"2026-01-01"}',
}


def test_handtekening_is_hmac_over_de_canonieke_tekst() -> None:
    tekst = verzoek_tekst(**VERZOEK)  # type: ignore[arg-type]
    verwacht = "\n".join([
        "zicht-radar-verzoek-v1", "PUT", "/v1/betrokkenheden/0c1d", "vt-noord", "1780000000",
        "a" * 32, "b" * 32, hashlib.sha256(b'{"van":"2026-01-01"}').hexdigest(),
    ]).encode()  # fmt: skip
    assert tekst == verwacht
    ondertekend = Ondertekend.maak(SLEUTEL, **VERZOEK)  # type: ignore[arg-type]
    assert ondertekend.handtekening == hmac.new(SLEUTEL, verwacht, hashlib.sha256).hexdigest()
    assert handtekening_klopt(SLEUTEL, tekst, ondertekend.handtekening)
    assert handtekening_klopt(SLEUTEL, tekst, ondertekend.handtekening.upper())


@pytest.mark.parametrize(
    ("veld", "andere_waarde"),
    [
        ("methode", "DELETE"),  # another verb
        ("pad", "/v1/betrokkenheden/ffff"),  # another involvement
        ("organisatie", "vt-zuid"),  # posing as another organisation
        ("tijd", 1_780_000_001),  # another moment
        ("nonce", "c" * 32),  # another nonce
        ("idempotentiesleutel", "d" * 32),  # another idempotency key
        ("body", b'{"van":"2026-01-02"}'),  # another body
    ],
)
def test_elke_wijziging_maakt_de_handtekening_ongeldig(veld: str, andere_waarde: object) -> None:
    handtekening = Ondertekend.maak(SLEUTEL, **VERZOEK).handtekening  # type: ignore[arg-type]
    gewijzigd = verzoek_tekst(**{**VERZOEK, veld: andere_waarde})  # type: ignore[arg-type]
    assert not handtekening_klopt(SLEUTEL, gewijzigd, handtekening)


def test_andere_sleutel_is_ongeldig() -> None:
    tekst = verzoek_tekst(**VERZOEK)  # type: ignore[arg-type]
    handtekening = Ondertekend.maak(b"x" * 32, **VERZOEK).handtekening  # type: ignore[arg-type]
    assert not handtekening_klopt(SLEUTEL, tekst, handtekening)


def test_antwoord_hoort_bij_het_verzoek() -> None:
    body = b'{"ok":true}'
    h = antwoord_handtekening(SLEUTEL, status=200, nonce="n" * 32, body=body)
    assert handtekening_klopt(SLEUTEL, antwoord_tekst(status=200, nonce="n" * 32, body=body), h)
    # replayed to another request, another status or another body: invalid
    assert not handtekening_klopt(SLEUTEL, antwoord_tekst(status=200, nonce="m" * 32, body=body), h)
    assert not handtekening_klopt(SLEUTEL, antwoord_tekst(status=403, nonce="n" * 32, body=body), h)
    assert not handtekening_klopt(
        SLEUTEL, antwoord_tekst(status=200, nonce="n" * 32, body=b"{}"), h
    )


@pytest.mark.parametrize(
    ("tijd", "nu", "binnen"),
    [
        (1000, 1000, True),  # same second
        (1000, 1300, True),  # exactly 300 s old: still inside
        (1000, 1301, False),  # 301 s old: outside
        (1300, 1000, True),  # 300 s ahead (clock skew): inside
        (1301, 1000, False),  # 301 s ahead: outside
    ],
)
def test_tijdvenster(tijd: int, nu: int, binnen: bool) -> None:
    assert tijd_binnen_venster(tijd, nu) is binnen


def test_headers() -> None:
    o = Ondertekend.maak(SLEUTEL, **VERZOEK)  # type: ignore[arg-type]
    assert o.headers()["X-Radar-Organisatie"] == "vt-noord"
    assert o.headers()["Idempotency-Key"] == "b" * 32
    assert dataclasses.asdict(o)["tijd"] == 1_780_000_000
