"""A simulation request is stored, run as a background job, and its progress and results kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.planning import services
from zicht.planning.domain.begrippen import Scenario
from zicht.planning.domain.simulatie import SimulatieFout
from zicht.planning.models import Simulatierun, SimulatieStatus

pytestmark = pytest.mark.django_db


def _starten(controller, **kwargs):
    opties = {
        "jaar": 2019,
        "scenario": Scenario.MIDDEN,
        "replicaties": 2,
        "seed": 3,
        "fte_vb": None,
        "fte_vervolg": None,
        "zoek_fte": False,
        "actor": controller,
        **kwargs,
    }
    return services.simulatierun_starten(**opties)


def test_job_runs_after_commit_and_stores_results(controller, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, waarschuwing = _starten(controller)
    assert waarschuwing is None
    run.refresh_from_db()
    assert run.status == SimulatieStatus.KLAAR
    assert run.taak_id
    assert (run.voortgang, run.totaal, run.procent) == (2, 2, 100)
    # the plan's team sizes are used when none are given
    assert run.fte_vb == Decimal("21.77")
    assert run.fte_vervolg == Decimal("33.51")
    resultaat = run.resultaat
    assert resultaat["replicaties"] == 2
    assert 0 <= resultaat["vb_tijdig"]["gemiddelde"] <= 1
    assert len(resultaat["datums"]) == 254
    assert resultaat["norm_vb_tijdig"] == 0.9
    gestart = AuditEvent.objects.get(event=Event.SIMULATIE_GESTART)
    assert gestart.data["replicaties"] == 2
    assert gestart.data["fte_vb"] == "21.77"
    afgerond = AuditEvent.objects.get(event=Event.SIMULATIE_AFGEROND)
    assert afgerond.actor_id is None
    assert afgerond.data["status"] == "klaar"


def test_nothing_runs_before_the_commit(controller, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run, _ = _starten(controller)
    run.refresh_from_db()
    assert run.status == SimulatieStatus.WACHTRIJ
    assert run.procent == 0
    assert run.is_actief


def test_a_run_is_picked_up_once(controller, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = _starten(controller)
    services.simulatierun_uitvoeren(run_id=run.pk)  # a second worker finds it done
    assert AuditEvent.objects.filter(event=Event.SIMULATIE_AFGEROND).count() == 1


def test_fte_search_in_the_job(controller, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = _starten(controller, replicaties=1, zoek_fte=True, seed=1)
    run.refresh_from_db()
    advies = run.resultaat["fte_advies"]
    assert advies["doel"] == 0.9
    assert advies["fte"] is not None
    assert advies["fte"] > 15


def test_too_many_replications_are_capped_with_a_warning(controller, monkeypatch):
    monkeypatch.setattr(services, "_inplannen", lambda run_id: None)
    run, waarschuwing = _starten(controller, replicaties=5000)
    assert run.replicaties == 1000
    assert "begrensd op 1.000" in waarschuwing
    assert run.waarschuwing == waarschuwing


REFUSED = [
    # (arguments, field)
    ({"replicaties": 1_000_000}, "replicaties"),  # 10⁶ replications
    ({"replicaties": 0}, "replicaties"),  # none
    ({"fte_vb": Decimal(0)}, "fte_vb"),  # a team without staff
    ({"fte_vervolg": Decimal(5000)}, "fte_vervolg"),  # implausible
    ({"seed": 123_456_789}, "seed"),  # nine digits: looks like a BSN in the audit log
]


@pytest.mark.parametrize(("kwargs", "veld"), REFUSED)
def test_refused_requests_store_nothing(controller, kwargs, veld):
    with pytest.raises(SimulatieFout) as fout:
        _starten(controller, **kwargs)
    assert veld in fout.value.fouten
    assert not Simulatierun.objects.exists()
    assert not AuditEvent.objects.filter(event=Event.SIMULATIE_GESTART).exists()


def test_a_failing_run_is_marked_with_a_dutch_message(controller, monkeypatch):
    monkeypatch.setattr(services, "_inplannen", lambda run_id: None)
    run, _ = _starten(controller)

    def kapot(run):
        raise RuntimeError("boem")

    monkeypatch.setattr(services, "_simulatie_draaien", kapot)
    services.simulatierun_uitvoeren(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == SimulatieStatus.MISLUKT
    assert "onverwacht mislukt" in run.foutmelding
    assert "boem" not in run.foutmelding
