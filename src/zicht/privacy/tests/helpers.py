"""Scans used by several tests: every text column of every model, every FK to a casus."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from zicht.casework.models import Casus


def tekstvelden(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def modellen() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def markers_in_database(markers: list[str]) -> dict[str, list[str]]:
    """``{model label: [markers found]}`` over every text column of every model."""
    gevonden: dict[str, list[str]] = {}
    for model in modellen():
        velden = tekstvelden(model)
        if not velden:
            continue
        annotaties = {f"_t_{f.attname}": Cast(f.attname, TextField()) for f in velden}
        qs = model._base_manager.annotate(**annotaties)
        for marker in markers:
            cond = Q()
            for naam in annotaties:
                cond |= Q(**{f"{naam}__icontains": marker})
            if qs.filter(cond).exists():
                gevonden.setdefault(model._meta.label, []).append(marker)
    return gevonden


def rijen_die_naar_casus_wijzen(casus_id: int) -> dict[str, int]:
    """Rows in ANY model with a foreign key column to ``Casus`` holding ``casus_id``."""
    result = {}
    for model in modellen():
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Casus:
                n = model._base_manager.filter(**{f.attname: casus_id}).count()
                if n:
                    result[f"{model._meta.label}.{f.name}"] = n
    return result


def pdf_tekst(pdf: bytes) -> str:
    """The text of a PDF (Debian's pdftotext, installed by scripts/ensure-debian-packages.sh)."""
    import subprocess

    result = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def antwoord_tekst(response: object) -> str:
    """The text a user receives: HTML/JSON/CSV as text, a PDF's extracted text."""
    if getattr(response, "streaming", False):
        inhoud = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        inhoud = response.content  # type: ignore[attr-defined]
    if inhoud.startswith(b"%PDF"):
        return pdf_tekst(inhoud)
    return inhoud.decode("utf-8", errors="replace")


def lekken(tekst: str, markers: list[str]) -> list[str]:
    laag = tekst.lower()
    return [m for m in markers if m.lower() in laag]
