"""Editing the days equated with Atw holidays: reference data, written atomically and audited.

These live in ``accounts`` (not ``core``) because ``core`` sits below ``audit`` in the layer order:
the tables and the calendar are ``core``'s, the audited write is made from here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.core.domain.calendar import EERSTE_JAAR, atw_holidays
from zicht.core.models import GelijkgesteldeDag
from zicht.core.selectors import calendar_invalidate

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = ["gelijkgestelde_dag_add", "gelijkgestelde_dag_remove"]

GROND_MAX = GelijkgesteldeDag._meta.get_field("grond").max_length or 200
BRON_MAX = GelijkgesteldeDag._meta.get_field("bron_status").max_length or 250
LAATSTE_JAAR = 2200
_WEEKEND = {5: "zaterdag", 6: "zondag"}


def _nl(datum: date) -> str:
    return f"{datum:%d-%m-%Y}"


def _datum_fout(datum: date) -> str | None:
    """Why ``datum`` cannot be added as an equated day, or None."""
    if not EERSTE_JAAR <= datum.year <= LAATSTE_JAAR:
        return f"Kies een datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}."
    if datum.weekday() in _WEEKEND:
        return (
            f"{_nl(datum)} valt op een {_WEEKEND[datum.weekday()]}; alleen een werkdag kan "
            "worden gelijkgesteld."
        )
    feestdag = atw_holidays(datum.year).get(datum)
    if feestdag is not None:
        return f"{_nl(datum)} is al een algemeen erkende feestdag ({feestdag})."
    bestaand = GelijkgesteldeDag.objects.filter(datum=datum).first()
    if bestaand is not None:
        return f"{_nl(datum)} is al gelijkgesteld ({bestaand.grond})."
    return None


@transaction.atomic
def gelijkgestelde_dag_add(
    *,
    datum: date,
    grond: str,
    actor: AbstractBaseUser,
    request: HttpRequest | None = None,
    bron_status: str = "",
) -> GelijkgesteldeDag:
    """Equates ``datum`` with an Atw holiday. Raises ValidationError (per field, Dutch) when
    the date is a weekend day, already a holiday or already equated, or the grond is missing."""
    grond = " ".join(grond.split())
    bron_status = " ".join(bron_status.split())
    fouten: dict[str, str] = {}
    if not grond:
        fouten["grond"] = "Vul de grond in, bijvoorbeeld ‘vrijdag na Hemelvaartsdag’."
    elif len(grond) > GROND_MAX:
        fouten["grond"] = f"De grond mag hoogstens {GROND_MAX} tekens lang zijn."
    if len(bron_status) > BRON_MAX:
        fouten["bron_status"] = f"De bron mag hoogstens {BRON_MAX} tekens lang zijn."
    datum_fout = _datum_fout(datum)
    if datum_fout:
        fouten["datum"] = datum_fout
    if fouten:
        raise ValidationError(fouten)
    try:
        with transaction.atomic():
            dag = GelijkgesteldeDag.objects.create(
                datum=datum, grond=grond, bron_status=bron_status
            )
    except IntegrityError:  # a concurrent request added the same date first
        raise ValidationError({"datum": f"{_nl(datum)} is al gelijkgesteld."}) from None
    audit_event_record(
        event=Event.REFERENTIEDATA_GEWIJZIGD,
        actor=actor,
        target=dag,
        reason=Reden.BEHEER,
        data={
            "tabel": "gelijkgestelde dagen",
            "actie": "toegevoegd",
            "datum": datum.isoformat(),
            "grond": grond,
        },
        request=request,
    )
    transaction.on_commit(calendar_invalidate)
    return dag


@transaction.atomic
def gelijkgestelde_dag_remove(
    *,
    datum: date,
    actor: AbstractBaseUser,
    request: HttpRequest | None = None,
) -> None:
    """Removes the equated day on ``datum``; from then on it is a working day again.
    Raises ValidationError when ``datum`` is not an equated day."""
    dag = GelijkgesteldeDag.objects.select_for_update().filter(datum=datum).first()
    if dag is None:
        raise ValidationError({"datum": f"{_nl(datum)} is geen gelijkgestelde dag."})
    pk, grond = dag.pk, dag.grond
    dag.delete()
    audit_event_record(
        event=Event.REFERENTIEDATA_GEWIJZIGD,
        actor=actor,
        target_type=f"{GelijkgesteldeDag._meta.app_label}.{GelijkgesteldeDag._meta.model_name}",
        target_id=pk,
        reason=Reden.BEHEER,
        data={
            "tabel": "gelijkgestelde dagen",
            "actie": "verwijderd",
            "datum": datum.isoformat(),
            "grond": grond,
        },
        request=request,
    )
    transaction.on_commit(calendar_invalidate)
