"""Signed requests and responses between a Zicht instance and the radar register (ADR 0006).

Each organisation shares one secret with the register. A request carries the organisation's
code, a Unix timestamp, a fresh nonce and an idempotency key, and an HMAC-SHA-256 signature
over the canonical text: method, path with query, organisation, timestamp, nonce, idempotency
key and the SHA-256 of the body. The register refuses a bad signature, a timestamp outside the
window, and a nonce it has seen (replay). It signs its answer over the status, the request's
nonce and the SHA-256 of the answer body, so the client knows the answer is the register's and
belongs to this request (mutual authentication without certificates; TLS still encrypts).

A *retry* is a new request (new timestamp and nonce, new signature) with the same idempotency
key: the register then returns the stored answer instead of doing the work twice.

Pure Python: no Django; the clock is passed in.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Final

__all__ = [
    "HEADER_HANDTEKENING",
    "HEADER_IDEMPOTENTIE",
    "HEADER_NONCE",
    "HEADER_ORGANISATIE",
    "HEADER_TIJD",
    "VENSTER_SECONDEN",
    "Ondertekend",
    "antwoord_handtekening",
    "antwoord_tekst",
    "handtekening_klopt",
    "onderteken",
    "tijd_binnen_venster",
    "verzoek_tekst",
]

HEADER_ORGANISATIE: Final = "X-Radar-Organisatie"
HEADER_TIJD: Final = "X-Radar-Tijd"
HEADER_NONCE: Final = "X-Radar-Nonce"
HEADER_HANDTEKENING: Final = "X-Radar-Handtekening"
HEADER_IDEMPOTENTIE: Final = "Idempotency-Key"

#: A request older or newer than this (seconds) is refused; nonces are kept this long.
VENSTER_SECONDEN: Final = 300


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def verzoek_tekst(
    *,
    methode: str,
    pad: str,
    organisatie: str,
    tijd: int,
    nonce: str,
    idempotentiesleutel: str,
    body: bytes,
) -> bytes:
    """The canonical text of a request that is signed."""
    regels = [
        "zicht-radar-verzoek-v1",
        methode.upper(),
        pad,
        organisatie,
        str(tijd),
        nonce,
        idempotentiesleutel,
        _sha256(body),
    ]
    return "\n".join(regels).encode()


def antwoord_tekst(*, status: int, nonce: str, body: bytes) -> bytes:
    """The canonical text of an answer: bound to the request by its nonce."""
    return "\n".join(["zicht-radar-antwoord-v1", str(status), nonce, _sha256(body)]).encode()


def onderteken(sleutel: bytes, tekst: bytes) -> str:
    return hmac.new(sleutel, tekst, hashlib.sha256).hexdigest()


def handtekening_klopt(sleutel: bytes, tekst: bytes, handtekening: str) -> bool:
    """Constant-time comparison of ``handtekening`` with the expected signature."""
    return hmac.compare_digest(onderteken(sleutel, tekst), handtekening.strip().lower())


def antwoord_handtekening(sleutel: bytes, *, status: int, nonce: str, body: bytes) -> str:
    return onderteken(sleutel, antwoord_tekst(status=status, nonce=nonce, body=body))


def tijd_binnen_venster(tijd: int, nu: int, venster: int = VENSTER_SECONDEN) -> bool:
    return abs(nu - tijd) <= venster


@dataclass(frozen=True, slots=True)
class Ondertekend:
    """The headers of a signed request."""

    organisatie: str
    tijd: int
    nonce: str
    idempotentiesleutel: str
    handtekening: str

    def headers(self) -> dict[str, str]:
        return {
            HEADER_ORGANISATIE: self.organisatie,
            HEADER_TIJD: str(self.tijd),
            HEADER_NONCE: self.nonce,
            HEADER_IDEMPOTENTIE: self.idempotentiesleutel,
            HEADER_HANDTEKENING: self.handtekening,
        }

    @classmethod
    def maak(
        cls,
        sleutel: bytes,
        *,
        methode: str,
        pad: str,
        organisatie: str,
        tijd: int,
        nonce: str,
        idempotentiesleutel: str,
        body: bytes,
    ) -> Ondertekend:
        tekst = verzoek_tekst(
            methode=methode,
            pad=pad,
            organisatie=organisatie,
            tijd=tijd,
            nonce=nonce,
            idempotentiesleutel=idempotentiesleutel,
            body=body,
        )
        return cls(organisatie, tijd, nonce, idempotentiesleutel, onderteken(sleutel, tekst))
