"""The HTTP client for the radar register: signs every request (ADR 0006), checks that every
answer is signed by the register for this very request, and retries transient failures with
the same idempotency key (a new timestamp, nonce and signature each time)."""

from __future__ import annotations

import json
import secrets
import ssl
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from zicht.radar.conf import RadarInstelling
from zicht.radar.domain.ondertekening import (
    HEADER_HANDTEKENING,
    Ondertekend,
    antwoord_tekst,
    handtekening_klopt,
)

__all__ = ["RadarClient", "RegisterFout"]


class RegisterFout(Exception):
    """The register could not be asked (``tijdelijk``: try again later) or refused (4xx)."""

    def __init__(self, bericht: str, *, tijdelijk: bool, status: int | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.tijdelijk = tijdelijk
        self.status = status


class RadarClient:
    def __init__(
        self,
        instelling: RadarInstelling,
        *,
        klok: Callable[[], float] = time.time,
        pogingen: int = 3,
        wacht: Callable[[float], None] = time.sleep,
    ) -> None:
        self.instelling = instelling
        self.klok = klok
        self.pogingen = pogingen
        self.wacht = wacht
        self._context = (
            ssl.create_default_context(cafile=instelling.ca_bestand)
            if instelling.url.startswith("https://")
            else None
        )

    def verzoek(
        self,
        methode: str,
        pad: str,
        inhoud: dict[str, Any] | None = None,
        *,
        idempotentiesleutel: str | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Sends one request, retrying transient failures; returns (status, JSON) of a 2xx
        answer. Raises :class:`RegisterFout` otherwise."""
        sleutel = idempotentiesleutel or uuid.uuid4().hex
        laatste: RegisterFout | None = None
        for poging in range(self.pogingen):
            if poging:
                self.wacht(0.2 * 2**poging)
            try:
                return self._een_keer(methode, pad, inhoud, sleutel)
            except RegisterFout as fout:
                if not fout.tijdelijk:
                    raise
                laatste = fout
        assert laatste is not None
        raise laatste

    def _een_keer(
        self, methode: str, pad: str, inhoud: dict[str, Any] | None, sleutel: str
    ) -> tuple[int, dict[str, Any]]:
        body = (
            b""
            if inhoud is None
            else json.dumps(inhoud, separators=(",", ":"), sort_keys=True).encode()
        )
        nonce = secrets.token_hex(16)
        ondertekend = Ondertekend.maak(
            self.instelling.sleutel,
            methode=methode,
            pad=pad,
            organisatie=self.instelling.organisatie,
            tijd=int(self.klok()),
            nonce=nonce,
            idempotentiesleutel=sleutel,
            body=body,
        )
        headers = {**ondertekend.headers(), "Accept": "application/json"}
        if body:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked in conf
            self.instelling.url + pad, data=body or None, method=methode, headers=headers
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=self.instelling.timeout, context=self._context
            ) as antwoord:
                status, ruw, handtekening = (
                    antwoord.status,
                    antwoord.read(),
                    antwoord.headers.get(HEADER_HANDTEKENING, ""),
                )
        except urllib.error.HTTPError as fout:
            status, ruw, handtekening = (
                fout.code,
                fout.read(),
                fout.headers.get(HEADER_HANDTEKENING, ""),
            )
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as fout:
            raise RegisterFout(f"Register onbereikbaar: {fout}", tijdelijk=True) from None
        if status >= 500:
            raise RegisterFout(f"Register gaf {status}.", tijdelijk=True, status=status)
        tekst = antwoord_tekst(status=status, nonce=nonce, body=ruw)
        if not handtekening or not handtekening_klopt(self.instelling.sleutel, tekst, handtekening):
            # Not the register's answer to this request (or our key is refused): retry later.
            raise RegisterFout(
                f"Antwoord {status} niet ondertekend door het register.",
                tijdelijk=True,
                status=status,
            )
        try:
            data = json.loads(ruw or b"{}")
        except ValueError:
            raise RegisterFout("Onleesbaar antwoord.", tijdelijk=True, status=status) from None
        if status >= 400:
            raise RegisterFout(
                str(data.get("fout", f"Geweigerd ({status})."))[:200],
                tijdelijk=False,
                status=status,
            )
        return status, data
