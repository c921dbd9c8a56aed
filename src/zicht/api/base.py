"""The shared machinery of every resource: strict JSON in, problem+json out, scopes,
throttling, ETag/If-Match, Idempotency-Key, mapping service errors to fields, and the API's
own audit trail (every write, every read of personal data, with the client as context).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.utils import timezone
from rest_framework import (
    exceptions,
    filters,
    permissions,
    serializers,
    status,
    throttling,
)
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from zicht.api.authentication import api_client
from zicht.api.models import ApiClient, IdempotentResultaat
from zicht.api.scopes import AANMAKEN, LEZEN, WIJZIGEN, scope_code
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record, audit_gebundeld

#: The largest request body the API reads (bytes); larger → 413.
MAX_BODY_DEFAULT = 256 * 1024
#: Whole numbers the API accepts in a body (a database integer; larger → 400, never a 500).
MAX_INT = 2_147_483_647
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,200}$")


# --- Problems with their own status ----------------------------------------------------------


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Het verzoek is te groot."
    default_code = "te_groot"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "Het object is intussen gewijzigd (de ETag in If-Match is niet meer actueel). "
        "Haal het opnieuw op; er is niets overschreven."
    )
    default_code = "verouderd"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Stuur bij een wijziging de ETag van het object mee in If-Match."
    default_code = "if_match_ontbreekt"


class IdempotencyConflict(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik per nieuw "
        "verzoek een nieuwe sleutel."
    )
    default_code = "idempotency_key_hergebruikt"


# --- Parsing ---------------------------------------------------------------------------------


def _max_body() -> int:
    return int(getattr(settings, "ZICHT_API_MAX_BODY_BYTES", MAX_BODY_DEFAULT))


def _geen_float(tekst: str) -> float:
    waarde = float(tekst)
    if not math.isfinite(waarde):
        raise ValueError("oneindig getal")
    return waarde


def _weiger_constante(tekst: str) -> Any:
    raise ValueError(f"{tekst} is geen geldig JSON-getal")


def _controleer_tekst(waarde: Any, diepte: int = 0) -> None:
    """NUL characters and lone surrogates cannot be stored (PostgreSQL refuses them)."""
    if diepte > 32:
        raise exceptions.ParseError("De JSON is te diep genest.")
    if isinstance(waarde, str):
        if "\x00" in waarde or any("\ud800" <= c <= "\udfff" for c in waarde):
            raise exceptions.ParseError("De JSON bevat ongeldige tekens (NUL of surrogaat).")
    elif isinstance(waarde, dict):
        for sleutel, item in waarde.items():
            _controleer_tekst(sleutel, diepte + 1)
            _controleer_tekst(item, diepte + 1)
    elif isinstance(waarde, list):
        for item in waarde:
            _controleer_tekst(item, diepte + 1)


class StrictJSONParser(JSONParser):
    """JSON objects only, at most ``ZICHT_API_MAX_BODY_BYTES``, no NaN/Infinity, no NUL."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limiet = _max_body()
        ruw = stream.read(limiet + 1) if stream is not None else b""
        if len(ruw) > limiet:
            raise PayloadTooLarge(f"Het verzoek is groter dan {limiet} bytes.")
        try:
            data = json.loads(
                ruw.decode("utf-8"),
                parse_float=_geen_float,
                parse_constant=_weiger_constante,
            )
        except json.JSONDecodeError as fout:  # Python's own text is English: give ours
            raise exceptions.ParseError(
                f"Ongeldige JSON (regel {fout.lineno}, kolom {fout.colno})."
            ) from None
        except UnicodeDecodeError:
            raise exceptions.ParseError("Ongeldige JSON: de tekst is geen geldige UTF-8.") from None
        except RecursionError:
            raise exceptions.ParseError("Ongeldige JSON: te diep genest.") from None
        except ValueError as fout:  # our own parse hooks, with a Dutch message
            raise exceptions.ParseError(f"Ongeldige JSON: {fout}") from None
        if not isinstance(data, dict):
            raise exceptions.ParseError("Het verzoek moet een JSON-object zijn.")
        _controleer_tekst(data)
        return data


def content_length_check(request: Request) -> None:
    """Refuses a declared body above the limit before anything reads it."""
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > _max_body():
        raise PayloadTooLarge(f"Het verzoek is groter dan {_max_body()} bytes.")


# --- Serializers -----------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know (a typo must not be silently ignored)."""

    def to_internal_value(self, data: Any) -> Any:
        fouten: dict[str, Any] = {}
        if isinstance(data, Mapping):
            for sleutel in data:
                if sleutel not in self.fields:
                    fouten[str(sleutel)] = ["Onbekend veld."]
                elif self.fields[sleutel].read_only:
                    fouten[str(sleutel)] = ["Dit veld kan niet worden ingevuld."]
        try:
            resultaat = super().to_internal_value(data)
        except serializers.ValidationError as fout:
            if not fouten or not isinstance(fout.detail, dict):
                raise
            fouten = {**fout.detail, **fouten}
        if fouten:
            raise serializers.ValidationError(fouten)
        return resultaat


#: The years a date or moment in the API may fall in: wider is a typo (``0202``, ``20255``).
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2100


class MomentField(serializers.DateTimeField):
    """ISO 8601 with offset; a moment without offset is Europe/Amsterdam. 1900–2100 only."""

    def to_internal_value(self, value: Any) -> datetime:
        moment: datetime = super().to_internal_value(value)
        if not EERSTE_JAAR <= moment.year <= LAATSTE_JAAR:
            raise serializers.ValidationError(
                f"Kies een moment tussen {EERSTE_JAAR} en {LAATSTE_JAAR}."
            )
        return moment


class DatumField(serializers.DateField):
    """An ISO 8601 date (``JJJJ-MM-DD``) in 1900–2100, like :class:`MomentField`."""

    def to_internal_value(self, value: Any) -> date:
        datum: date = super().to_internal_value(value)
        if not EERSTE_JAAR <= datum.year <= LAATSTE_JAAR:
            raise serializers.ValidationError(
                f"Kies een datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}."
            )
        return datum


# --- Scopes and throttling -------------------------------------------------------------------

_ACTIE_PER_METHODE = {
    "GET": LEZEN,
    "HEAD": LEZEN,
    "OPTIONS": LEZEN,
    "POST": AANMAKEN,
    "PUT": WIJZIGEN,
    "PATCH": WIJZIGEN,
}


class ScopePermission(permissions.BasePermission):
    """An API client needs the scope ``<resource>:<action>`` of the route."""

    def has_permission(self, request: Request, view: Any) -> bool:
        client = api_client(request)
        resource = getattr(view, "resource", None)
        if client is None or resource is None:
            return True
        acties: Mapping[str, str] = getattr(view, "scope_acties", {})
        actie = acties.get(request.method or "", _ACTIE_PER_METHODE.get(request.method or "", ""))
        code = scope_code(resource, actie)
        if not client.heeft_scope(code):
            raise exceptions.PermissionDenied(f"Deze API-client heeft de scope ‘{code}’ niet.")
        return True


class ApiThrottle(throttling.SimpleRateThrottle):
    """Requests per API client (``api_client`` rate) or per user (``api_gebruiker``).

    The rates are read from ``REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']`` on every request,
    so settings (and tests) can change them; a rate of None switches the limit off."""

    rate = "1/s"  # replaced per request in allow_request

    def __init__(self) -> None:
        pass

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.key

    def allow_request(self, request: Request, view: Any) -> bool:
        client = api_client(request)
        if client is not None:
            self.scope, ident = "api_client", f"client{client.pk}"
        elif request.user and request.user.is_authenticated:
            self.scope, ident = "api_gebruiker", f"gebruiker{request.user.pk}"
        else:
            return True
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        return bool(super().allow_request(request, view))


# --- Sorting ---------------------------------------------------------------------------------


class Sortering(filters.OrderingFilter):
    """``?sorteer=veld`` or ``?sorteer=-veld`` (descending); unknown fields → 400."""

    ordering_param = "sorteer"
    ordering_description = "Sorteer op een veld; een minteken ervoor sorteert aflopend."

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> Any:
        params = request.query_params.get(self.ordering_param)
        if params:
            velden = [p.strip() for p in params.split(",") if p.strip()]
            toegestaan = {item[0] for item in self.get_valid_fields(queryset, view)}
            fout = [v for v in velden if v.lstrip("-") not in toegestaan]
            if fout or not velden:
                raise exceptions.ValidationError(
                    {self.ordering_param: [f"Sorteer op een van: {', '.join(sorted(toegestaan))}."]}
                )
            tiebreak = "-id" if velden[-1].startswith("-") else "id"
            return [*velden, tiebreak]
        return self.get_default_ordering(view)


# --- ETag / If-Match -------------------------------------------------------------------------


def etag(version: int) -> str:
    return f'"{version}"'


def if_match(request: Request, huidig: int | None, *, verplicht: bool = True) -> int | None:
    """The version the client based its change on, checked against ``huidig``.

    Missing header → 428 (when ``verplicht``); malformed → 400; stale → 412."""
    waarde = request.headers.get("If-Match", "").strip()
    if not waarde:
        if verplicht:
            raise PreconditionRequired()
        return None
    kaal = waarde.removeprefix("W/").strip('"')
    if not kaal.isdigit() or len(kaal) > 9:
        raise exceptions.ValidationError({"If-Match": ["Gebruik de ETag uit het antwoord."]})
    versie = int(kaal)
    if huidig is not None and versie != huidig:
        raise PreconditionFailed()
    return versie


# --- Service errors --------------------------------------------------------------------------

VeldMapping = Iterable[tuple[str, str]]


def service_fouten(fout: DjangoValidationError, mapping: VeldMapping = ()) -> Exception:
    """A service's ValidationError as a DRF one, its keys renamed to the API's field names
    (``mapping`` holds ``(regex, replacement)`` pairs; ``__all__`` → ``nonFieldErrors``)."""
    regels = [(re.compile(f"^{patroon}$"), vervanging) for patroon, vervanging in mapping]
    if not hasattr(fout, "error_dict"):
        return exceptions.ValidationError({"nonFieldErrors": fout.messages})
    uit: dict[str, list[str]] = {}
    for sleutel, berichten in fout.message_dict.items():
        naam = "nonFieldErrors" if sleutel == "__all__" else sleutel
        for patroon, vervanging in regels:
            if patroon.match(naam):
                naam = patroon.sub(vervanging, naam)
                break
        uit.setdefault(naam, []).extend(berichten)
    return exceptions.ValidationError(uit)


# --- Audit of the API itself ----------------------------------------------------------------


def audit_api_schrijf(
    request: Request, *, resource: str, actie: str, target: models.Model | None, status_code: int
) -> None:
    """Every API write, with the client (if any) as context, in the write's transaction."""
    client = api_client(request)
    audit_event_record(
        event=Event.API_SCHRIJFACTIE,
        actor=request.user,
        target=target,
        data={
            "client": client.pk if client else None,
            "resource": resource,
            "actie": actie,
            "status": status_code,
        },
        request=request._request,
    )


def audit_api_lezen(
    request: Request,
    *,
    resource: str,
    target: models.Model | None = None,
    ids: Iterable[int] = (),
) -> None:
    """Every read of personal data through the API: what was shown, to which client."""
    client = api_client(request)
    audit_event_record(
        event=Event.API_PERSOONSGEGEVENS_GELEZEN,
        actor=request.user,
        target=target,
        reason=Reden.BEHANDELING,
        data={
            "client": client.pk if client else None,
            "resource": resource,
            "ids": list(ids)[:200],
        },
        request=request._request,
    )


# --- Idempotency ----------------------------------------------------------------------------


def _eigenaar(request: Request) -> str:
    client = api_client(request)
    return f"client:{client.pk}" if client else f"gebruiker:{request.user.pk}"


def _verzoek_hash(request: Request) -> str:
    inhoud = json.dumps(
        {"pad": request.path, "methode": request.method, "data": request.data},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(inhoud.encode()).hexdigest()


def idempotency_key(request: Request) -> str | None:
    sleutel = request.headers.get("Idempotency-Key")
    if sleutel is None:
        return None
    if not IDEMPOTENCY_KEY_RE.match(sleutel):
        raise exceptions.ValidationError(
            {"Idempotency-Key": ["Gebruik 1 tot 200 zichtbare ASCII-tekens (bijv. een UUID)."]}
        )
    return sleutel


def idempotent(request: Request, uitvoeren: Callable[[], Response]) -> Response:
    """Runs a create at most once per ``Idempotency-Key`` (per client, or per user).

    A retry with the same key and body gets the stored first answer (header
    ``Idempotent-Replayed: true``); the same key with another body → 422. The create, its
    audit and the stored answer commit together or not at all."""
    sleutel = idempotency_key(request)
    if sleutel is None:
        with audit_gebundeld():
            return uitvoeren()
    eigenaar = _eigenaar(request)
    verzoek_hash = _verzoek_hash(request)

    def eerder() -> Response | None:
        vorig = IdempotentResultaat.objects.filter(eigenaar=eigenaar, sleutel=sleutel).first()
        if vorig is None:
            return None
        if vorig.verzoek_hash != verzoek_hash:
            raise IdempotencyConflict()
        headers = {"Idempotent-Replayed": "true"}
        if vorig.location:
            headers["Location"] = vorig.location
        if vorig.etag:
            headers["ETag"] = vorig.etag
        return Response(vorig.antwoord, status=vorig.status_code, headers=headers)

    antwoord = eerder()
    if antwoord is not None:
        return antwoord
    try:
        with audit_gebundeld():
            antwoord = uitvoeren()
            if 200 <= antwoord.status_code < 300:
                IdempotentResultaat.objects.create(
                    eigenaar=eigenaar,
                    sleutel=sleutel,
                    verzoek_hash=verzoek_hash,
                    status_code=antwoord.status_code,
                    antwoord=json.loads(json.dumps(antwoord.data, default=str)),
                    location=antwoord.get("Location", ""),
                    etag=antwoord.get("ETag", ""),
                    aangemaakt_op=timezone.now(),
                )
    except IntegrityError:
        # A concurrent request with the same key committed first: answer as it did.
        antwoord = eerder()
        if antwoord is None:
            raise
    return antwoord


def idempotency_token(request: Request) -> str | None:
    """A stable seed for a service's own once-only token (e.g. a melding's form token)."""
    sleutel = idempotency_key(request)
    return f"{_eigenaar(request)}:{sleutel}" if sleutel else None


def client_van(request: Request) -> ApiClient | None:
    return api_client(request)


def waar_onwaar_filter(**kwargs: Any) -> Any:
    """A boolean query parameter: exactly ``true`` or ``false`` (anything else → 400)."""
    import django_filters

    return django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda waarde: waarde == "true",
        **kwargs,
    )
