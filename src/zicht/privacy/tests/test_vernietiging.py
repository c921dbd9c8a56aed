"""Retention and destruction: the destruction date, the list approved by two different
people, the irreversible execution across every app, the tombstone, the dry run."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework import services as casework
from zicht.casework.models import Bijlage, Casus
from zicht.people.models import Persoon
from zicht.privacy import destruction, services
from zicht.privacy.models import LijstStatus, VernietigingGoedkeuring
from zicht.privacy.tests.helpers import markers_in_database, rijen_die_naar_casus_wijzen

pytestmark = pytest.mark.django_db

GESLOTEN = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)


def sluiten(casus, actor, op=GESLOTEN):
    casus.refresh_from_db()
    return casework.casus_sluiten(
        actor=actor, casus=casus, expected_version=casus.version, gesloten_op=op
    )


def test_destroying_a_casus_leaves_no_row_or_text_of_it_in_any_model(
    wereld, django_capture_on_commit_callbacks
):
    b = wereld.b
    bestanden = list(
        Bijlage.objects.filter(journaal_item__casus=b.casus).values_list("bestand", flat=True)
    )
    assert bestanden
    assert all(default_storage.exists(n) for n in bestanden)
    assert rijen_die_naar_casus_wijzen(b.casus.pk)  # the world really hangs off casus B
    assert markers_in_database(b.markers)
    audit_voor = AuditEvent.objects.count()
    a_markers_voor = markers_in_database(wereld.a.markers)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        plan = destruction.plan_maken([b.casus.pk])
        verwijderd = destruction.plan_uitvoeren(plan)

    # Every model that points at a casus holds nothing of casus B any more ...
    assert rijen_die_naar_casus_wijzen(b.casus.pk) == {}
    # ... no name, text, address or BSN of household B is left anywhere in the database ...
    assert markers_in_database(b.markers) == {}
    # ... the people of B are gone, the files are removed, the constraints hold
    assert not Persoon.objects.filter(pk__in=[b.slachtoffer.pk, b.kind.pk, b.pleger.pk]).exists()
    assert not any(default_storage.exists(n) for n in bestanden)
    connection.check_constraints()
    # Household A is untouched, and the audit log was not touched either.
    assert markers_in_database(wereld.a.markers) == a_markers_voor
    assert Casus.objects.filter(pk=wereld.a.casus.pk).exists()
    assert AuditEvent.objects.count() == audit_voor
    # The plan covered several apps.
    apps_geraakt = {label.split(".")[0] for label in verwijderd}
    assert {"casework", "intake", "assessment", "diensten", "people", "privacy"} <= apps_geraakt


def test_destruction_date_is_20_years_after_closing_or_when_the_youngest_child_is_18(wereld):
    sluiten(wereld.b.casus, wereld.voorsteller)
    wereld.b.casus.refresh_from_db()
    # Closed 30 June 2026; child born 1 May 2018 is 18 in 2036; 20 years wins: 30 June 2046.
    assert services.casus_vernietigingsdatum(wereld.b.casus) == date(2046, 6, 30)
    assert services.casus_vernietigingsdatum(wereld.a.casus) is None  # open


def test_list_needs_two_different_people_and_then_destroys_irreversibly(wereld, settings):
    sluiten(wereld.b.casus, wereld.voorsteller)
    officer, officer2 = wereld.officer, wereld.officer2
    # Nothing due before the date
    assert services.vernietigingslijst_opstellen(actor=officer, peildatum=date(2046, 6, 29)) is None
    lijst = services.vernietigingslijst_opstellen(actor=officer, peildatum=date(2046, 6, 30))
    assert [r.casus_id_waarde for r in lijst.regels.all()] == [wereld.b.casus.pk]

    # Not executable before approval
    with pytest.raises(ValidationError):
        services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)

    services.vernietigingslijst_goedkeuren(actor=officer, lijst=lijst)
    # The same person again: refused and audited
    with pytest.raises(ValidationError, match="tweede persoon"):
        services.vernietigingslijst_goedkeuren(actor=officer, lijst=lijst)
    geweigerd = AuditEvent.objects.filter(event=Event.VERNIETIGING_GOEDKEURING_GEWEIGERD)
    assert geweigerd.count() == 1
    assert geweigerd.get().actor == officer
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.CONCEPT
    assert VernietigingGoedkeuring.objects.filter(lijst=lijst).count() == 1

    services.vernietigingslijst_goedkeuren(actor=officer2, lijst=lijst)
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.GOEDGEKEURD

    # Dry run: shows, deletes nothing
    proef = services.vernietiging_proefdraaien(
        actor=officer, peildatum=date(2046, 6, 30), lijst=lijst
    )
    assert proef[0].rijen["casework.Casus"] == 1
    assert proef[0].totaal > 20
    assert Casus.objects.filter(pk=wereld.b.casus.pk).exists()

    totaal = services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)
    assert totaal["casework.Casus"] == 1
    assert not Casus.objects.filter(pk=wereld.b.casus.pk).exists()
    assert markers_in_database(wereld.b.markers) == {}
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.UITGEVOERD
    regel = lijst.regels.get()
    assert regel.vernietigd
    assert regel.casus_nummer == wereld.b.casus.nummer
    # The tombstone: the casus id and counts, nothing personal
    steen = AuditEvent.objects.get(event=Event.CASUS_VERNIETIGD)
    assert steen.target_type == "casework.casus"
    assert steen.target_id == str(wereld.b.casus.pk)
    assert set(steen.data) == {"lijst", "rijen", "tabellen", "bestanden"}
    # Executing again changes nothing
    with pytest.raises(ValidationError):
        services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)
    # The audit chain is still whole
    from zicht.audit.verify import audit_chain_verify

    assert audit_chain_verify().ok


def test_a_person_in_another_casus_stays(wereld, medewerker):
    """The pleger of B is also betrokkene in A: destroying B keeps that person (and A)."""
    from zicht.casework.models import Betrokkene

    casework.betrokkene_add(
        actor=medewerker, casus=wereld.a.casus, persoon=wereld.b.pleger, rol="getuige"
    )
    with transaction.atomic():
        destruction.plan_uitvoeren(destruction.plan_maken([wereld.b.casus.pk]))
    assert Persoon.objects.filter(pk=wereld.b.pleger.pk).exists()
    assert not Persoon.objects.filter(pk=wereld.b.slachtoffer.pk).exists()
    assert Betrokkene.objects.filter(casus=wereld.a.casus, persoon=wereld.b.pleger).exists()


def test_cli_dry_run_prints_what_would_go_and_deletes_nothing(wereld, capsys):
    sluiten(wereld.b.casus, wereld.voorsteller)
    call_command("vernietig", "--dry-run", "--peildatum", "2046-12-31")
    uit = capsys.readouterr().out
    assert wereld.b.casus.nummer in uit
    assert "casework.Casus" in uit
    assert Casus.objects.filter(pk=wereld.b.casus.pk).exists()
