"""Writes: a new parameter version, realisation per month, risks — atomic and audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.planning import selectors, services
from zicht.planning.domain.begrippen import Bronstatus, Scenario
from zicht.planning.domain.parameters import ParameterFout
from zicht.planning.models import Parameter, Parameterset, RealisatieMaand
from zicht.planning.services import Parameterinvoer, RealisatieFout, VersieConflict

pytestmark = pytest.mark.django_db
D = Decimal


def _invoer(jaar: int = 2019, **wijziging: Decimal) -> dict[str, Parameterinvoer]:
    rijen = selectors.parameter_rijen(selectors.parameterset_huidig(jaar))
    invoer = {
        code: Parameterinvoer(rij.waarde, Bronstatus(rij.status), rij.bron)
        for code, rij in rijen.items()
        if not code.startswith("gepubliceerd.")
    }
    for code, waarde in wijziging.items():
        invoer[code.replace("__", ".")] = Parameterinvoer(waarde, Bronstatus.ASSUMED, "test")
    return invoer


def test_a_change_writes_a_new_version_and_keeps_the_old(controller):
    nieuw = services.parameterset_nieuwe_versie(
        jaar=2019,
        basis_versie=1,
        invoer=_invoer(formatie__productieve_uren_per_fte=D(1300)),
        planscenario=Scenario.MIDDEN,
        toelichting="Gevoeligheid",
        actor=controller,
    )
    assert nieuw.versie == 2
    assert selectors.parameterset_huidig(2019) == nieuw
    assert Parameterset.objects.filter(jaar=2019).count() == 2
    oud = Parameter.objects.get(parameterset__versie=1, sleutel="formatie.productieve_uren_per_fte")
    assert oud.waarde == 1400
    rij = nieuw.parameters.get(sleutel="formatie.productieve_uren_per_fte")
    assert (rij.waarde, rij.status, rij.bron) == (1300, "assumed", "test")
    # the published reference figures are carried over unchanged
    assert nieuw.parameters.filter(sleutel__startswith="gepubliceerd.").count() == 23
    event = AuditEvent.objects.get(event=Event.PLANNINGPARAMETERS_VASTGELEGD)
    assert event.data["versie"] == 2
    assert event.data["gewijzigd"] == {"formatie.productieve_uren_per_fte": "1400 → 1300 (assumed)"}


def test_invalid_set_stores_nothing(controller):
    with pytest.raises(ParameterFout) as fout:
        services.parameterset_nieuwe_versie(
            jaar=2019,
            basis_versie=1,
            invoer=_invoer(fractie__onderzoek=D("0.9")),
            planscenario=Scenario.MIDDEN,
            toelichting="Te veel",
            actor=controller,
        )
    assert "meer dan 1" in fout.value.fouten["fractie.onderzoek"]
    assert Parameterset.objects.filter(jaar=2019).count() == 1
    assert not AuditEvent.objects.filter(event=Event.PLANNINGPARAMETERS_VASTGELEGD).exists()


def test_published_figures_cannot_be_edited(controller):
    invoer = _invoer()
    invoer["gepubliceerd.fte_uitvoering"] = Parameterinvoer(D(90), Bronstatus.PUBLISHED)
    with pytest.raises(ParameterFout):
        services.parameterset_nieuwe_versie(
            jaar=2019,
            basis_versie=1,
            invoer=invoer,
            planscenario=Scenario.MIDDEN,
            toelichting="x",
            actor=controller,
        )


def test_concurrent_edit_is_detected(controller):
    kwargs = {
        "jaar": 2019,
        "basis_versie": 1,
        "invoer": _invoer(),
        "planscenario": Scenario.HOOG,
        "toelichting": "Eerste",
        "actor": controller,
    }
    services.parameterset_nieuwe_versie(**kwargs)
    with pytest.raises(VersieConflict, match="Intussen is versie 2 opgeslagen door Carla"):
        services.parameterset_nieuwe_versie(**kwargs)
    assert Parameterset.objects.filter(jaar=2019).count() == 2


def test_a_year_without_parameters(controller):
    with pytest.raises(selectors.GeenParameters, match="geen planningsparameters voor 2031"):
        selectors.parameterset_huidig(2031)


def test_new_year_as_a_copy(controller):
    kopie = services.parameterset_jaar_aanmaken(jaar=2020, van_jaar=2019, actor=controller)
    assert kopie.versie == 1
    assert not kopie.parameters.filter(sleutel__startswith="gepubliceerd.").exists()
    assert selectors.planparameters_van(kopie).gepubliceerd == {}
    with pytest.raises(ValueError, match="al parameters voor 2020"):
        services.parameterset_jaar_aanmaken(jaar=2020, van_jaar=2019, actor=controller)


WAARDEN = {
    "fte_uitvoering": D("78.5"),
    "fte_management": D("6.0"),
    "fte_eenmalig": D("4.0"),
    "personeelslasten_eur": D("590000"),
    "overige_kosten_eur": D("25000"),
    "ondersteuning_ggd_eur": D("66000"),
    "eenmalig_eur": D("35000"),
}


def test_realisation_is_versioned_per_month(controller):
    eerste = services.realisatie_vastleggen(
        jaar=2019, maand=3, waarden=WAARDEN, actor=controller, vandaag=date(2019, 4, 2)
    )
    tweede = services.realisatie_vastleggen(
        jaar=2019,
        maand=3,
        waarden={**WAARDEN, "fte_uitvoering": D("79")},
        toelichting="correctie",
        actor=controller,
        vandaag=date(2019, 4, 3),
    )
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert selectors.realisatie_maanden(2019)[3] == tweede
    assert AuditEvent.objects.filter(event=Event.REALISATIE_VASTGELEGD).count() == 2


REALISATIE_FOUTEN = [
    # (month, changes, today, field with the message)
    (5, {}, date(2019, 4, 30), "maand"),  # May has not started on 30 April
    (13, {}, date(2020, 1, 1), "maand"),  # there is no 13th month
    (3, {"fte_uitvoering": D(-1)}, date(2019, 4, 1), "fte_uitvoering"),  # negative fte
    (3, {"eenmalig_eur": None}, date(2019, 4, 1), "eenmalig_eur"),  # missing value
    (3, {"personeelslasten_eur": D(60_000_000)}, date(2019, 4, 1), "personeelslasten_eur"),
]


@pytest.mark.parametrize(("maand", "wijziging", "vandaag", "veld"), REALISATIE_FOUTEN)
def test_realisation_refused(controller, maand, wijziging, vandaag, veld):
    with pytest.raises(RealisatieFout) as fout:
        services.realisatie_vastleggen(
            jaar=2019,
            maand=maand,
            waarden={**WAARDEN, **wijziging},
            actor=controller,
            vandaag=vandaag,
        )
    assert veld in fout.value.fouten
    assert not RealisatieMaand.objects.exists()


def test_realisation_needs_parameters_for_the_year(controller):
    with pytest.raises(RealisatieFout) as fout:
        services.realisatie_vastleggen(
            jaar=2024, maand=1, waarden=WAARDEN, actor=controller, vandaag=date(2025, 1, 1)
        )
    assert "geen planningsparameters voor 2024" in fout.value.fouten["jaar"]


def test_risk_assessment_with_version_check(controller):
    risico = selectors.risico_list()[0]
    services.risico_wijzigen(
        risico=risico,
        version=1,
        kans="groot",
        impact="middel",
        maatregelen=risico.maatregelen,
        eigenaar="controller",
        actor=controller,
    )
    risico.refresh_from_db()
    assert (risico.kans, risico.version) == ("groot", 2)
    with pytest.raises(VersieConflict):
        services.risico_wijzigen(
            risico=risico,
            version=1,
            kans="klein",
            impact="klein",
            maatregelen="x",
            eigenaar="x",
            actor=controller,
        )
    assert AuditEvent.objects.filter(event=Event.RISICO_GEWIJZIGD).count() == 1
