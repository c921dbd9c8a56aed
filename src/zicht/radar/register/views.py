"""The register's HTTP API: JSON, signed requests (``zicht.radar.domain.ondertekening``),
signed answers, replay protection (timestamp window + nonce store) and idempotency keys."""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from zicht.radar.domain.ondertekening import (
    HEADER_HANDTEKENING,
    HEADER_IDEMPOTENTIE,
    HEADER_NONCE,
    HEADER_ORGANISATIE,
    HEADER_TIJD,
    antwoord_handtekening,
    handtekening_klopt,
    tijd_binnen_venster,
    verzoek_tekst,
)
from zicht.radar.register import services
from zicht.radar.register.models import Idempotentie, LogSoort, Nonce, Organisatie

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_NONCE = re.compile(r"^[0-9A-Za-z_-]{16,64}$")

Antwoord = tuple[int, dict[str, Any]]
Handler = Callable[[HttpRequest, Organisatie], Antwoord]


def _adres(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _header(request: HttpRequest, naam: str) -> str:
    return request.headers.get(naam, "").strip()


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, separators=(",", ":"), sort_keys=True).encode()


def _weiger(
    request: HttpRequest,
    soort: LogSoort,
    fout: str,
    *,
    status: int = 401,
    organisatie: Organisatie | None = None,
) -> HttpResponse:
    services.log(soort, organisatie=organisatie, detail=fout, adres=_adres(request))
    return JsonResponse({"fout": fout}, status=status)


def _ondertekend_antwoord(
    organisatie: Organisatie, nonce: str, status: int, body: bytes
) -> HttpResponse:
    antwoord = HttpResponse(body, status=status, content_type="application/json")
    antwoord[HEADER_HANDTEKENING] = antwoord_handtekening(
        bytes.fromhex(organisatie.sleutel), status=status, nonce=nonce, body=body
    )
    return antwoord


def _opschonen(nonce: Nonce) -> None:
    if nonce.pk % 500 == 0:
        venster = settings.RADAR_VENSTER_SECONDEN
        Nonce.objects.filter(tijd__lt=timezone.now() - timedelta(seconds=2 * venster)).delete()
        Idempotentie.objects.filter(aangemaakt_op__lt=timezone.now() - timedelta(days=7)).delete()


def _eerder_antwoord(
    organisatie: Organisatie, nonce: str, sleutel: str, verzoek_hash: str
) -> HttpResponse | None:
    """The stored answer to an earlier request with this idempotency key (signed for this
    request), 422 when the key belonged to another request, None when it is new."""
    eerder = Idempotentie.objects.filter(organisatie=organisatie, sleutel=sleutel).first()
    if eerder is None:
        return None
    if eerder.verzoek_hash != verzoek_hash:
        body = _json({"fout": "Idempotency-Key hoort bij een ander verzoek."})
        return _ondertekend_antwoord(organisatie, nonce, 422, body)
    return _ondertekend_antwoord(organisatie, nonce, eerder.status, eerder.body.encode())


def ondertekend(handler: Handler) -> Callable[[HttpRequest], HttpResponse]:
    """Authenticates the organisation by its signature, refuses replays, applies the
    idempotency key of a write, and signs the answer."""

    @wraps(handler)
    def view(request: HttpRequest) -> HttpResponse:
        code = _header(request, HEADER_ORGANISATIE)
        tijd_tekst = _header(request, HEADER_TIJD)
        nonce = _header(request, HEADER_NONCE)
        handtekening = _header(request, HEADER_HANDTEKENING)
        sleutel = _header(request, HEADER_IDEMPOTENTIE)
        if not (code and tijd_tekst.isdigit() and _NONCE.match(nonce) and handtekening):
            return _weiger(request, LogSoort.GEWEIGERD_HANDTEKENING, "Ondertekening ontbreekt.")
        organisatie = Organisatie.objects.filter(code=code, actief=True).first()
        if organisatie is None:
            return _weiger(request, LogSoort.GEWEIGERD_ORGANISATIE, "Onbekende organisatie.")
        tijd = int(tijd_tekst)
        if not tijd_binnen_venster(tijd, int(time.time()), settings.RADAR_VENSTER_SECONDEN):
            return _weiger(
                request,
                LogSoort.GEWEIGERD_TIJD,
                "Tijdstip buiten het venster.",
                organisatie=organisatie,
            )
        pad = request.path_info
        if request.META.get("QUERY_STRING"):
            pad += "?" + request.META["QUERY_STRING"]
        tekst = verzoek_tekst(
            methode=request.method or "GET",
            pad=pad,
            organisatie=code,
            tijd=tijd,
            nonce=nonce,
            idempotentiesleutel=sleutel,
            body=request.body,
        )
        if not handtekening_klopt(bytes.fromhex(organisatie.sleutel), tekst, handtekening):
            return _weiger(
                request,
                LogSoort.GEWEIGERD_HANDTEKENING,
                "Handtekening ongeldig.",
                organisatie=organisatie,
            )
        try:
            with transaction.atomic():
                gezien = Nonce.objects.create(
                    organisatie=organisatie,
                    nonce=nonce,
                    tijd=datetime.fromtimestamp(tijd, tz=timezone.get_current_timezone()),
                )
        except IntegrityError:
            return _weiger(
                request,
                LogSoort.GEWEIGERD_HERHALING,
                "Dit verzoek is al eens ontvangen (replay).",
                organisatie=organisatie,
            )
        _opschonen(gezien)

        if request.method not in {"PUT", "POST", "DELETE"}:
            status, data = handler(request, organisatie)
            return _ondertekend_antwoord(organisatie, nonce, status, _json(data))
        if not _NONCE.match(sleutel):
            return _weiger(
                request,
                LogSoort.GEWEIGERD_INHOUD,
                "Idempotency-Key ontbreekt.",
                status=400,
                organisatie=organisatie,
            )
        verzoek_hash = hashlib.sha256(
            f"{request.method}\n{pad}\n".encode() + request.body
        ).hexdigest()
        eerder = _eerder_antwoord(organisatie, nonce, sleutel, verzoek_hash)
        if eerder is not None:
            return eerder
        try:
            # The write and its stored answer commit together; the unique constraint on
            # (organisation, key) is the guard: of two identical requests at the same moment
            # the second fails here, its write is rolled back and it answers as the first.
            with transaction.atomic():
                status, data = handler(request, organisatie)
                body = _json(data)
                if status < 500:
                    Idempotentie.objects.create(
                        organisatie=organisatie,
                        sleutel=sleutel,
                        verzoek_hash=verzoek_hash,
                        status=status,
                        body=body.decode(),
                    )
        except IntegrityError:
            eerder = _eerder_antwoord(organisatie, nonce, sleutel, verzoek_hash)
            if eerder is None:
                raise
            return eerder
        return _ondertekend_antwoord(organisatie, nonce, status, body)

    return view


@require_GET
def gezond(request: HttpRequest) -> HttpResponse:
    connection.ensure_connection()
    return JsonResponse({"status": "ok"})


def _datum(waarde: object) -> date | None:
    if waarde is None:
        return None
    if not isinstance(waarde, str):
        raise ValueError
    return date.fromisoformat(waarde)


def _inhoud(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _inhoud_fout(request: HttpRequest, organisatie: Organisatie, fout: str) -> Antwoord:
    services.log(
        LogSoort.GEWEIGERD_INHOUD, organisatie=organisatie, detail=fout, adres=_adres(request)
    )
    return 400, {"fout": fout}


@ondertekend
def _betrokkenheid(request: HttpRequest, organisatie: Organisatie) -> Antwoord:
    referentie = request.resolver_match.kwargs["referentie"] if request.resolver_match else None
    if request.method == "DELETE":
        if not isinstance(referentie, uuid.UUID):
            return _inhoud_fout(request, organisatie, "Ongeldige referentie.")
        return 200, services.betrokkenheid_intrekken(
            organisatie=organisatie, referentie=referentie, adres=_adres(request)
        )
    if request.method != "PUT":
        return 405, {"fout": "Alleen PUT of DELETE."}
    data = _inhoud(request)
    if data is None or not isinstance(referentie, uuid.UUID):
        return _inhoud_fout(request, organisatie, "Ongeldige JSON.")
    pseudoniemen = data.get("pseudoniemen")
    if (
        not isinstance(pseudoniemen, list)
        or not 1 <= len(pseudoniemen) <= settings.RADAR_MAX_PSEUDONIEMEN
        or not all(isinstance(p, str) and _HEX64.match(p) for p in pseudoniemen)
    ):
        return _inhoud_fout(request, organisatie, "Ongeldige pseudoniemen.")
    try:
        van = _datum(data.get("van"))
        tot = _datum(data.get("tot"))
    except ValueError:
        return _inhoud_fout(request, organisatie, "Ongeldige datum.")
    if van is None or (tot is not None and tot < van):
        return _inhoud_fout(request, organisatie, "Ongeldige periode.")
    resultaat = services.betrokkenheid_vastleggen(
        organisatie=organisatie,
        referentie=referentie,
        pseudoniemen=pseudoniemen,
        van=van,
        tot=tot,
        adres=_adres(request),
    )
    return 200, resultaat


def betrokkenheid(request: HttpRequest, referentie: uuid.UUID) -> HttpResponse:
    del referentie  # read from resolver_match inside the signed handler
    return _betrokkenheid(request)


@ondertekend
def _signalen(request: HttpRequest, organisatie: Organisatie) -> Antwoord:
    if request.method != "GET":
        return 405, {"fout": "Alleen GET."}
    try:
        na = max(0, int(request.GET.get("na", "0")))
        limiet = min(1000, max(1, int(request.GET.get("limiet", "500"))))
    except ValueError:
        return _inhoud_fout(request, organisatie, "Ongeldige parameters.")
    return 200, {"signalen": services.signalen_lijst(organisatie=organisatie, na=na, limiet=limiet)}


def signalen(request: HttpRequest) -> HttpResponse:
    return _signalen(request)


@ondertekend
def _overeenkomsten(request: HttpRequest, organisatie: Organisatie) -> Antwoord:
    if request.method != "POST":
        return 405, {"fout": "Alleen POST."}
    data = _inhoud(request)
    pseudoniem = data.get("pseudoniem") if data else None
    if not isinstance(pseudoniem, str) or not _HEX64.match(pseudoniem):
        return _inhoud_fout(request, organisatie, "Ongeldig pseudoniem.")
    lijst = services.overeenkomsten_opvragen(
        organisatie=organisatie, pseudoniem=pseudoniem, adres=_adres(request)
    )
    if lijst is None:
        return 403, {"fout": "Uw organisatie is niet betrokken bij deze persoon."}
    return 200, {"overeenkomsten": lijst}


def overeenkomsten(request: HttpRequest) -> HttpResponse:
    return _overeenkomsten(request)
