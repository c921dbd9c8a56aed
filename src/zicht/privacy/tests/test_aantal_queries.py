"""The inzage and the destruction read each kind of data once for all casussen: their number
of queries stays the same from 2 to 6 casussen. The destruction run locks every casus of its
list in one query and is one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.audit.verify import audit_chain_verify
from zicht.casework.models import (
    Casus,
    CasusStatus,
    JournaalSoort,
    MedischeNotitie,
    MedischeNotitieVrijgave,
)
from zicht.casework.tests.factories import (
    BetrokkeneFactory,
    CasusFactory,
    JournaalItemFactory,
    PersoonFactory,
)
from zicht.intake.models import Code, Informant
from zicht.intake.tests.factories import MeldingFactory
from zicht.people.models import Persoon
from zicht.privacy import destruction, services
from zicht.privacy.inzage import ANDER, BRON, inzage_samenstellen
from zicht.privacy.models import Correctieverzoek, EigenVerklaring, LijstStatus

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
#: Closed 90 days after opening (early April 2026): 20 years later every casus is due.
PEILDATUM = date(2047, 1, 1)


def _codes() -> None:
    """The two codes the melding factory needs (a transactional test may have flushed them)."""
    for lijst, code in (("hoedanigheid_beroepsmatig", "02"), ("aanleiding", "01")):
        if not Code.objects.filter(lijst=lijst, code=code).exists():
            Code.objects.create(lijst=lijst, code=code, omschrijving=code, versie="test")


def _dossier(persoon, auteur, i: int, *, gesloten: bool = False) -> Casus:
    """A casus of ``persoon`` with every kind of data the inzage shows and the destruction
    walks: another person, a melding with its melder, an informant, journaal (also one that
    the inzage leaves out), a released medical note, a statement and a correction request."""
    casus = CasusFactory(gesloten=gesloten)
    BetrokkeneFactory(casus=casus, persoon=persoon, rol="vermoedelijk_slachtoffer")
    ander = PersoonFactory(voornamen=f"Anderpersoon{i}", achternaam=f"Anders{i}")
    BetrokkeneFactory(casus=casus, persoon=ander, rol="vermoedelijk_pleger")
    melding = MeldingFactory(
        casus=casus,
        signalen=f"Anderpersoon{i} sloeg; gemeld door Huisarts{i}.",
        melder__naam=f"Huisarts{i}",
    )
    Informant.objects.create(
        casus=casus,
        melding=melding,
        hoedanigheid=melding.melder.hoedanigheid,
        naam=f"Juf{i} Schoolmans",
        geraadpleegd_op=MOMENT,
        onderwerp="gesprek",
        vastgelegd_door=auteur,
        vastgelegd_op=MOMENT,
    )
    JournaalItemFactory(casus=casus, auteur=auteur, tekst=f"Gesprek {i} met Anderpersoon{i}.")
    JournaalItemFactory(
        casus=casus, auteur=auteur, soort=JournaalSoort.INFORMANT, tekst=f"Informant {i}."
    )
    notitie = MedischeNotitie.objects.create(
        casus=casus, auteur=auteur, moment=MOMENT, tekst=f"Notitie {i}."
    )
    MedischeNotitieVrijgave.objects.create(notitie=notitie, door=auteur, reden="verzoek")
    EigenVerklaring.objects.create(
        persoon=persoon,
        casus=casus,
        ontvangen_op=date(2026, 3, 10),
        tekst=f"Verklaring {i}.",
        vastgelegd_door=auteur,
    )
    Correctieverzoek.objects.create(
        persoon=persoon,
        casus=casus,
        ontvangen_op=date(2026, 3, 11),
        deadline=date(2026, 4, 11),
        verzoek=f"Correctie {i}.",
        vastgelegd_door=auteur,
    )
    return casus


def _queries(functie) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        resultaat = functie()
    return len(ctx.captured_queries), resultaat


def test_inzage_reads_each_kind_of_data_once_for_all_casussen(officer):
    _codes()
    persoon = PersoonFactory(voornamen="Eva", achternaam="Zelf")
    for i in range(2):
        _dossier(persoon, officer, i)
    bij_twee, _ = _queries(lambda: inzage_samenstellen(persoon))
    for i in range(2, 6):
        _dossier(persoon, officer, i)

    bij_zes, inzage = _queries(lambda: inzage_samenstellen(persoon))

    assert bij_zes == bij_twee
    assert len(inzage.casussen) == 6
    for i, c in enumerate(inzage.casussen):
        assert len(c.rollen) == 1
        # The other person and every source are masked, per casus with its own terms.
        [(_, signalen)] = c.meldingen
        assert f"Anderpersoon{i}" not in signalen
        assert f"Huisarts{i}" not in signalen
        assert ANDER in signalen
        assert BRON in signalen
        [(_, _soort, tekst)] = c.journaal  # the informant item is left out
        assert tekst == f"Gesprek {i} met {ANDER}."
        assert [t for _, t in c.medisch] == [f"Notitie {i}."]
        assert [t for _, t in c.verklaringen] == [f"Verklaring {i}."]
        assert [t for _, t, _ in c.correcties] == [f"Correctie {i}."]


def test_inzage_of_a_person_without_casussen(officer):
    persoon = PersoonFactory()
    aantal, inzage = _queries(lambda: inzage_samenstellen(persoon))
    assert inzage.casussen == []
    assert aantal == 2  # the addresses and the betrokkenen


def test_dry_run_walks_all_candidates_at_once(officer):
    _codes()
    gedeeld = PersoonFactory(voornamen="Gedeeld")
    casussen = [_dossier(PersoonFactory(), officer, i, gesloten=True) for i in range(2)]
    BetrokkeneFactory(casus=casussen[0], persoon=gedeeld, rol="getuige")
    BetrokkeneFactory(casus=casussen[1], persoon=gedeeld, rol="getuige")
    services.vernietiging_proefdraaien(actor=officer, peildatum=PEILDATUM)  # loads the rights
    bij_twee, _ = _queries(
        lambda: services.vernietiging_proefdraaien(actor=officer, peildatum=PEILDATUM)
    )
    casussen += [_dossier(PersoonFactory(), officer, i, gesloten=True) for i in range(2, 6)]

    bij_zes, regels = _queries(
        lambda: services.vernietiging_proefdraaien(actor=officer, peildatum=PEILDATUM)
    )

    assert bij_zes == bij_twee
    assert sorted(r.casus_id for r in regels) == sorted(c.pk for c in casussen)
    # Each line is what destroying that casus alone removes, as a walk of its own says:
    # the person shared by the first two casussen goes with neither of them alone.
    for regel in regels:
        plan = destruction.plan_maken([regel.casus_id])
        assert regel.rijen == plan.aantallen()
        assert regel.bestanden == len(plan.bestanden)
        assert regel.rijen["casework.Casus"] == 1
    personen = {r.casus_id: r.rijen["people.Persoon"] for r in regels}
    assert personen[casussen[0].pk] == personen[casussen[2].pk] == 2  # its own two only
    # Nothing was deleted, and the dry run is audited once per run.
    assert Casus.objects.count() == 6
    assert AuditEvent.objects.filter(event=Event.VERNIETIGING_PROEFGEDRAAID).count() == 3


def _goedgekeurde_lijst(officer, officer2):
    lijst = services.vernietigingslijst_opstellen(actor=officer, peildatum=PEILDATUM)
    services.vernietigingslijst_goedkeuren(actor=officer, lijst=lijst)
    return services.vernietigingslijst_goedkeuren(actor=officer2, lijst=lijst)


def test_execution_locks_every_casus_of_the_list_in_one_query(officer, officer2):
    _codes()
    casussen = [_dossier(PersoonFactory(), officer, i, gesloten=True) for i in range(3)]
    lijst = _goedgekeurde_lijst(officer, officer2)

    with CaptureQueriesContext(connection) as ctx:
        totaal = services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)

    casus_tabel = f'FROM "{Casus._meta.db_table}"'
    lezingen = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("SELECT") and casus_tabel in q["sql"]
    ]
    [slot] = lezingen  # one read of the casussen: the lock, for all of them
    assert "IN (SELECT" in slot
    assert "ORDER BY" in slot
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in slot
    assert totaal["casework.Casus"] == 3
    assert not Casus.objects.filter(pk__in=[c.pk for c in casussen]).exists()
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.UITGEVOERD
    assert all(r.vernietigd for r in lijst.regels.all())
    # One tombstone per casus, as before, and the chain stays whole.
    stenen = AuditEvent.objects.filter(event=Event.CASUS_VERNIETIGD).order_by("seq")
    assert sorted(int(s.target_id) for s in stenen) == sorted(c.pk for c in casussen)
    assert all(set(s.data) == {"lijst", "rijen", "tabellen", "bestanden"} for s in stenen)
    assert audit_chain_verify().ok


_AANROEPEN: list[list[int]] = []


def haak_faalt_bij_de_tweede(casus_ids):
    """A destruction hook (ADR 0004) that fails at the second casus of a run."""
    _AANROEPEN.append(list(casus_ids))
    if len(_AANROEPEN) == 2:
        raise RuntimeError("haak faalt")


def test_execution_is_all_or_nothing(officer, officer2, settings):
    _codes()
    casussen = [_dossier(PersoonFactory(), officer, i, gesloten=True) for i in range(3)]
    lijst = _goedgekeurde_lijst(officer, officer2)
    settings.ZICHT_VERNIETIGING_HAKEN = [f"{__name__}.haak_faalt_bij_de_tweede"]
    _AANROEPEN.clear()

    with pytest.raises(RuntimeError, match="haak faalt"):
        services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)

    # The first casus was destroyed inside the run's transaction: it is back, as is the rest.
    assert len(_AANROEPEN) == 2
    assert Casus.objects.filter(pk__in=[c.pk for c in casussen]).count() == 3
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.GOEDGEKEURD
    assert not lijst.regels.filter(vernietigd=True).exists()
    assert not AuditEvent.objects.filter(event=Event.CASUS_VERNIETIGD).exists()
    # Once the hook works, the same list goes as a whole.
    settings.ZICHT_VERNIETIGING_HAKEN = []
    services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)
    assert not Casus.objects.filter(pk__in=[c.pk for c in casussen]).exists()
    assert AuditEvent.objects.filter(event=Event.CASUS_VERNIETIGD).count() == 3


def test_a_casus_reopened_after_listing_stays(officer, officer2):
    _codes()
    blijft, gaat = (_dossier(PersoonFactory(), officer, i, gesloten=True) for i in range(2))
    lijst = _goedgekeurde_lijst(officer, officer2)
    Casus.objects.filter(pk=blijft.pk).update(status=CasusStatus.OPEN, gesloten_op=None)

    services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)

    assert Casus.objects.filter(pk=blijft.pk).exists()
    assert not Casus.objects.filter(pk=gaat.pk).exists()
    assert list(
        lijst.regels.filter(vernietigd=False).values_list("casus_id_waarde", flat=True)
    ) == [blijft.pk]
    with pytest.raises(ValidationError):  # executed: not again
        services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)


def test_shared_person_goes_with_the_last_of_its_casussen(officer, officer2):
    """Executed casus by casus in one transaction: the person in two listed casussen stays
    while the first goes and goes with the second, as in separate runs."""
    _codes()
    gedeeld = PersoonFactory()
    casussen = [_dossier(gedeeld, officer, i, gesloten=True) for i in range(2)]
    lijst = _goedgekeurde_lijst(officer, officer2)
    services.vernietigingslijst_uitvoeren(actor=officer, lijst=lijst)
    assert not Casus.objects.filter(pk__in=[c.pk for c in casussen]).exists()
    assert not Persoon.objects.filter(pk=gedeeld.pk).exists()
