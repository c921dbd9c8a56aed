"""The content of the diensten the beoordelingen step started (issue #6, items 1-4 and 9):
overdracht, Voorwaarden en Vervolg, Onderzoek and monitoring, with realistic lateness.

**What happens to each dienst of the beoordelingen step.**

* *Overdracht na VB* — the besluit's ketenpartner gets the casus with one or two safety
  conditions; a closed one was accepted a few days after the offer (the responsibility passed
  that day); of the open ones most wait for an answer, ~10% were refused (a risk on the list)
  and a few older ones are unanswered.
* *V&V* and *Onderzoek* — still open when their 10-week task is open (the taken step); a closed
  one ends after a drawn duration (V&V ~9 weeks, Onderzoek ~10 weeks, spread so that roughly a
  quarter of V&V and a third of the onderzoeken finish after their deadline — the sector norm is
  80% on time and few regions meet it), never after the casus closed. They have conditions and
  a plan; an Onderzoek has a start date (late when after the 5-day term from receipt), findings
  per aard with the 2015 outcome code, now and then an RvdK request, and the feedback to the
  melder. Closed ones are followed by an *overdracht na bemoeienis* and *monitoring*.
* *Monitoring* — the schedule of monitoring policy version 1 from the start; held contacts
  (most stable, some unstable), missed ones (~8%), and an ending with a final assessment after
  18 months or when the casus closed; ~4% escalate (a new Veiligheidsbeoordeling).

All rows are written in bulk with pre-assigned keys (``demo.rijen``); the existing diensten are
updated with one prepared statement per batch; nothing is audited per row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import F
from django.utils import timezone

from zicht.core.domain.terms import deadline
from zicht.core.selectors import calendar_current, termijn_get
from zicht.demo.bulk import IdReeks, sequences_reset
from zicht.demo.context import DemoContext
from zicht.demo.progress import Balk, getal
from zicht.demo.rijen import RijSchrijver
from zicht.diensten.domain import monitoring as mon
from zicht.diensten.domain import onderzoek as ond
from zicht.diensten.inhoud_services import fasering, monitoring_beleid_actueel
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DienstStatus,
    MonitoringMoment,
    OnderzoekConclusie,
    Ontvanger,
    PlanRegel,
    Terugkoppeling,
    TerugkoppelingSoort,
    TerugkoppelingStatus,
    Veiligheidsvoorwaarde,
    WettelijkeMelding,
)
from zicht.intake.models import Melding

__all__ = ["diensten_step"]

VOORWAARDEN = (
    ("Er wordt niet geslagen, geschopt of geduwd in het bijzijn van de kinderen.", "beide ouders"),
    ("De kinderen gaan elke schooldag naar school.", "ouders"),
    ("Vader gebruikt geen alcohol wanneer hij voor de kinderen zorgt.", "vader"),
    ("Moeder neemt deel aan de behandeling bij de GGZ.", "moeder"),
    ("Ruzies worden niet in het bijzijn van de kinderen uitgevochten.", "beide ouders"),
    ("Er is dagelijks een volwassene uit het netwerk bereikbaar voor de kinderen.", "netwerk"),
    ("Het contactverbod met de ex-partner wordt nageleefd.", "ex-partner"),
    ("De ouders werken mee aan de opvoedondersteuning.", "ouders"),
)
ACTIES = (
    ("Aanmelden bij opvoedondersteuning", "wijkteam"),
    ("Veiligheidsplan bespreken met het netwerk", "casemanager Veilig Thuis"),
    ("Intake bij de GGZ plannen", "huisarts"),
    ("Schoolcontact over aanwezigheid", "intern begeleider school"),
    ("Huisbezoek samen met het wijkteam", "casemanager Veilig Thuis"),
)
ZORG = ("Traumabehandeling", "Ondersteuning bij schoolgang", "Begeleiding bij opvoeding")
SCHADE = (
    ("Angst en slaapproblemen", "Traumagerichte behandeling via de jeugdhulp"),
    ("Achterstand op school", "Extra begeleiding op school"),
)
AFSPRAKEN = (
    "Het gezin meldt zich bij nieuwe zorgen bij de casemanager.",
    "De ouders informeren Veilig Thuis over een verhuizing.",
)
MET_WIE = ("moeder", "vader", "beide ouders", "wijkteam", "school", "moeder en wijkteam")


@dataclass
class _Rij:
    pk: int
    casus_id: int
    soort: str
    status: str
    start: date
    deadline: date | None
    taak_id: int | None
    taak_afgerond: datetime | None
    gesloten: datetime | None
    ketenpartner_id: int | None
    melding_id: int | None
    ambtshalve: bool | None
    ontvangen_op: datetime | None
    besluit_id: int | None
    door_id: int


def _rijen() -> list[_Rij]:
    velden = (
        "pk",
        "casus_id",
        "soort",
        "status",
        "start",
        "deadline",
        "taak_id",
        "taak__afgerond_op",
        "casus__gesloten_op",
        "besluit__ketenpartner_id",
        "besluit__beoordeling__melding_id",
        "besluit__beoordeling__melding__ambtshalve",
        "besluit__beoordeling__melding__ontvangen_op",
        "besluit_id",
        "aangemaakt_door_id",
    )
    # Only diensten without their content yet (a second run changes nothing).
    qs = Dienst.objects.filter(fase="", vorige__isnull=True).exclude(soort=DienstSoort.RVDK_VERZOEK)
    return [_Rij(*w) for w in qs.order_by("pk").values_list(*velden)]


class _Diensten:
    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        self.peil = ctx.peildatum
        self.beleid = monitoring_beleid_actueel()
        self.fasen = fasering(self.beleid)
        self.kalender = calendar_current()
        modellen = (
            Dienst,
            Veiligheidsvoorwaarde,
            PlanRegel,
            OnderzoekConclusie,
            MonitoringMoment,
            Terugkoppeling,
            WettelijkeMelding,
        )
        self.ids = {m: IdReeks(m) for m in modellen}
        nu = timezone.now()
        self.w = {m: RijSchrijver(m, nu=nu, ids=self.ids[m]) for m in modellen}
        self.updates: list[tuple[Any, ...]] = []
        self.tel: dict[str, int] = {}
        self._start_term: dict[date, date] = {}
        self.aarden: dict[int, list[str]] = {}
        through = Melding.aarden.through
        for melding_id, code in through.objects.values_list("melding_id", "code__code"):
            self.aarden.setdefault(melding_id, []).append(code)
        self.nu = nu
        from zicht.assessment.models import Ketenpartner

        self.partners = list(
            Ketenpartner.objects.filter(actief=True, veilig_thuis=False)
            .exclude(soort="politie/OM")
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def teller(self, naam: str, n: int = 1) -> None:
        self.tel[naam] = self.tel.get(naam, 0) + n

    # --- helpers ---------------------------------------------------------------------------

    def _dag(self, d: date, a: int, b: int) -> date:
        return d + timedelta(days=self.rng.randint(a, b))

    def _grens(self, rij: _Rij) -> date:
        """Nothing happens after the casus closed or after the reference date."""
        grens = self.peil
        if rij.gesloten is not None:
            grens = min(grens, timezone.localdate(rij.gesloten))
        return grens

    def _moment(self, d: date) -> datetime:
        return datetime.combine(d, datetime.min.time(), tzinfo=timezone.get_current_timezone())

    def _voorwaarden(self, dienst_id: int, door: int, op: date, n: int) -> None:
        for i, (tekst, wie) in enumerate(self.rng.sample(VOORWAARDEN, n), start=1):
            self.w[Veiligheidsvoorwaarde].add(
                dienst_id=dienst_id,
                tekst=tekst,
                wie=wie,
                volgorde=i,
                vastgelegd_door_id=door,
                vastgelegd_op=self._moment(op),
            )

    def _plan(self, dienst_id: int, door: int, start: date, klaar: bool) -> None:
        for tekst, wie in self.rng.sample(ACTIES, self.rng.randint(1, 3)):
            due = self._dag(start, 10, 50)
            self.w[PlanRegel].add(
                dienst_id=dienst_id,
                soort="actie",
                omschrijving=tekst,
                eigenaar=wie,
                deadline=due,
                status="gereed" if klaar or due < self.peil else self.rng.choice(("open", "loopt")),
                vastgelegd_door_id=door,
                vastgelegd_op=self._moment(start),
            )
        if self.rng.random() < 0.6:
            self.w[PlanRegel].add(
                dienst_id=dienst_id,
                soort="zorg",
                omschrijving=self.rng.choice(ZORG),
                prioriteit=self.rng.choice(("hoog", "middel", "laag")),
                status="loopt",
                vastgelegd_door_id=door,
                vastgelegd_op=self._moment(start),
            )
        if self.rng.random() < 0.4:
            schade, herstel = self.rng.choice(SCHADE)
            self.w[PlanRegel].add(
                dienst_id=dienst_id,
                soort="schade",
                omschrijving=schade,
                herstel=herstel,
                status="loopt",
                vastgelegd_door_id=door,
                vastgelegd_op=self._moment(start),
            )
        self.w[PlanRegel].add(
            dienst_id=dienst_id,
            soort="afspraak",
            omschrijving=self.rng.choice(AFSPRAKEN),
            status="open",
            vastgelegd_door_id=door,
            vastgelegd_op=self._moment(start),
        )

    def _update(self, rij: _Rij, **velden: Any) -> None:
        self.updates.append((rij.pk, velden))

    def _duur(self, rij: _Rij, gemiddeld: int, spreiding: int) -> date | None:
        """The closing date of a V&V or Onderzoek, or None while it runs."""
        if rij.taak_id is not None and rij.taak_afgerond is None:
            return None  # its 10-week task is still open
        if rij.taak_afgerond is not None:
            return timezone.localdate(rij.taak_afgerond)
        if rij.status != DienstStatus.AFGEROND:
            return None
        dagen = int(min(140, max(21, self.rng.gauss(gemiddeld, spreiding))))
        return max(rij.start, min(rij.start + timedelta(days=dagen), self._grens(rij)))

    # --- per kind --------------------------------------------------------------------------

    def overdracht(self, rij: _Rij, *, nieuw: bool = False, dienst_id: int | None = None) -> None:
        """An overdracht (na VB: the row ``rij``; na bemoeienis: a new row ``dienst_id``
        starting at ``rij.start``)."""
        pk = dienst_id if dienst_id is not None else rij.pk
        start = rij.start
        grens = self._grens(rij)
        self._voorwaarden(pk, rij.door_id, start, self.rng.randint(1, 2))
        aangeboden = min(self._dag(start, 0, 3), max(start, grens))
        r = self.rng.random()
        gesloten = rij.gesloten is not None
        klaar = (
            gesloten
            or (rij.status == DienstStatus.AFGEROND and not nieuw)
            or (nieuw and (self.peil - start).days > 21 and r < 0.9)
        )
        partner = rij.ketenpartner_id
        if partner is None and self.partners:
            partner = self.rng.choice(self.partners)
        velden: dict[str, Any] = {"aangeboden_op": aangeboden, "ketenpartner_id": partner}
        if klaar:
            geaccepteerd = min(self._dag(aangeboden, 1, 10), max(aangeboden, grens))
            velden |= {
                "fase": "overgedragen",
                "status": DienstStatus.AFGEROND.value,
                "geaccepteerd_op": geaccepteerd,
                "geaccepteerd_door": self.rng.choice(("teamleider", "casemanager", "intake")),
                "verantwoordelijk_vanaf": geaccepteerd,
                "einde": geaccepteerd,
            }
            self.teller("overdracht_overgedragen")
        elif (self.peil - start).days < 2:
            velden = {"fase": "voorbereiding", "ketenpartner_id": partner}
        elif r < 0.1:
            velden |= {
                "fase": "geweigerd",
                "geweigerd_op": min(self._dag(aangeboden, 1, 7), self.peil),
                "reden_weigering": self.rng.choice(
                    ("Geen capaciteit (wachtlijst).", "Valt buiten onze doelgroep.")
                ),
            }
            self.teller("overdracht_risico")
        else:
            velden |= {"fase": "aangeboden"}
            if aangeboden < self.peil - timedelta(days=10):
                self.teller("overdracht_risico")
        if nieuw:
            self.w[Dienst].add(
                id=pk,
                casus_id=rij.casus_id,
                vorige_id=rij.pk,
                soort=DienstSoort.OVERDRACHT_NA_BEMOEIENIS.value,
                status=velden.pop("status", DienstStatus.GESTART.value),
                start=start,
                aangemaakt_door_id=rij.door_id,
                aangemaakt_op=self._moment(start),
                **velden,
            )
        else:
            self._update(rij, **velden)

    def vervolg(self, rij: _Rij, einde: date) -> None:
        """Overdracht na bemoeienis and monitoring after a closed V&V / Onderzoek."""
        na = _Rij(**{**rij.__dict__, "start": einde, "status": DienstStatus.GESTART.value})
        self.overdracht(na, nieuw=True, dienst_id=self.ids[Dienst]())
        self.monitoring(na)

    def monitoring(self, rij: _Rij) -> None:
        pk = self.ids[Dienst]()
        start = rij.start
        grens = self._grens(rij)
        schema = mon.schema(start, self.fasen)
        natuurlijk_einde = schema[-1] if schema else start
        escaleert = self.rng.random() < 0.04
        einde: date | None = None
        fase = "lopend"
        if rij.gesloten is not None:
            einde, fase = max(start, grens), "afgerond"
        elif natuurlijk_einde + timedelta(days=7) <= self.peil:
            einde, fase = natuurlijk_einde + timedelta(days=self.rng.randint(0, 7)), "afgerond"
        for volgnummer, gepland in enumerate(schema, start=1):
            if einde is not None and gepland > einde:
                break
            velden: dict[str, Any] = {}
            if gepland <= grens:
                r = self.rng.random()
                if r < 0.08 and gepland + timedelta(days=mon.GEMIST_NA_DAGEN) < grens:
                    self.teller("monitoring_gemist")
                elif r < 0.08:
                    pass
                else:
                    gehouden = min(gepland + timedelta(days=self.rng.randint(-3, 9)), grens)
                    instabiel = self.rng.random() < 0.07
                    velden = {
                        "uitgevoerd_op": max(start, gehouden),
                        "met_wie": self.rng.choice(MET_WIE),
                        "voorwaarden": "deels"
                        if instabiel
                        else self.rng.choice(("ja", "ja", "deels")),
                        "veiligheid": "instabiel" if instabiel else "stabiel",
                        "herstel": "Hulp loopt volgens plan." if not instabiel else "",
                        "vastgelegd_door_id": rij.door_id,
                        "vastgelegd_op": self._moment(max(start, gehouden)),
                    }
                    if instabiel and escaleert and einde is None:
                        einde, fase = max(start, gehouden), "geescaleerd"
            self.w[MonitoringMoment].add(
                dienst_id=pk, volgnummer=volgnummer, gepland_op=gepland, **velden
            )
            if fase == "geescaleerd":
                break
        if fase == "afgerond" and einde is not None:
            afsluiting = "Veiligheid stabiel; voorwaarden worden nageleefd, hulp loopt."
        elif fase == "geescaleerd":
            afsluiting = "Nieuw incident: veiligheid verloren, nieuwe veiligheidsbeoordeling."
            self.teller("monitoring_geescaleerd")
        else:
            afsluiting = ""
        self.w[Dienst].add(
            id=pk,
            casus_id=rij.casus_id,
            vorige_id=rij.pk,
            soort=DienstSoort.MONITOREN.value,
            fase=fase,
            status=(DienstStatus.GESTART if einde is None else DienstStatus.AFGEROND).value,
            start=start,
            einde=einde,
            afsluiting=afsluiting,
            escalatie="melding" if fase == "geescaleerd" else "",
            monitoring_beleid_id=self.beleid.pk,
            aangemaakt_door_id=rij.door_id,
            aangemaakt_op=self._moment(start),
        )

    def vv(self, rij: _Rij) -> None:
        einde = self._duur(rij, 63, 16)
        self._voorwaarden(rij.pk, rij.door_id, self._dag(rij.start, 3, 14), self.rng.randint(1, 3))
        self._plan(rij.pk, rij.door_id, self._dag(rij.start, 5, 20), klaar=einde is not None)
        if einde is None:
            self._update(rij, fase="lopend")
            return
        self._update(
            rij,
            fase="afgerond",
            status=DienstStatus.AFGEROND.value,
            einde=einde,
            afgerond_door_id=rij.door_id,
            afsluiting="Plan met het gezin en het netwerk afgesproken; hulp is gestart.",
        )
        self.teller("vv_te_laat" if rij.deadline and einde > rij.deadline else "vv_op_tijd")
        self.vervolg(rij, einde)

    def _start_uiterlijk(self, ontvangen: date) -> date:
        if ontvangen not in self._start_term:
            termijn = termijn_get("onderzoek_start", op=ontvangen)
            einde = deadline(ontvangen, termijn, self.kalender).einddatum
            self._start_term[ontvangen] = (
                timezone.localdate(einde) if isinstance(einde, datetime) else einde
            )
        return self._start_term[ontvangen]

    def onderzoek(self, rij: _Rij) -> None:
        einde = self._duur(rij, 64, 16)
        grens = self._grens(rij)
        gestart = min(self._dag(rij.start, 0, 6), max(rij.start, grens))
        velden: dict[str, Any] = {}
        if gestart < self.peil or einde is not None:
            uiterlijk = (
                self._start_uiterlijk(timezone.localdate(rij.ontvangen_op))
                if rij.ontvangen_op
                else rij.start
            )
            if isinstance(uiterlijk, datetime):
                uiterlijk = timezone.localdate(uiterlijk)
            velden = {
                "fase": "lopend",
                "gestart_op": gestart,
                "start_te_laat": ond.start_te_laat(gestart, uiterlijk),
                "bevindingen": "Gesprekken met ouders, kinderen en betrokken professionals.",
            }
            self.teller(
                "onderzoek_start_te_laat" if velden["start_te_laat"] else "onderzoek_start_op_tijd"
            )
        else:
            velden = {"fase": "niet_gestart"}
        if einde is None:
            self._update(rij, **velden)
            return
        aarden = self.aarden.get(rij.melding_id or 0) or ["01"]
        kind = self.rng.random() < 0.7
        voortijdig = self.rng.random() < 0.04
        bevestigd = False
        for aard in aarden:
            if voortijdig:
                conclusie, reden = (
                    ond.Conclusie.VOORTIJDIG_AFGESLOTEN,
                    ond.RedenVoortijdig.VERTROKKEN,
                )
            else:
                conclusie = ond.Conclusie(
                    self.rng.choices(
                        ("bevestigd", "niet_bevestigd", "weerlegd"), weights=(45, 33, 22)
                    )[0]
                )
                reden = None
            bevestigd = bevestigd or conclusie is ond.Conclusie.BEVESTIGD
            self.w[OnderzoekConclusie].add(
                dienst_id=rij.pk,
                aard=aard,
                conclusie=conclusie.value,
                kind=kind,
                reden=reden.value if reden else "",
                uitkomst=ond.uitkomst_code(conclusie, kind=kind, reden=reden),
                vastgelegd_door_id=rij.door_id,
                vastgelegd_op=self._moment(einde),
            )
        if bevestigd:
            self._voorwaarden(
                rij.pk, rij.door_id, self._dag(gestart, 7, 30), self.rng.randint(1, 3)
            )
            self._plan(rij.pk, rij.door_id, self._dag(gestart, 7, 30), klaar=True)
        self._update(
            rij,
            **{
                **velden,
                "fase": "afgerond",
                "status": DienstStatus.AFGEROND.value,
                "einde": einde,
                "afgerond_door_id": rij.door_id,
            },
        )
        self.teller(
            "onderzoek_te_laat" if rij.deadline and einde > rij.deadline else "onderzoek_op_tijd"
        )
        rvdk = bevestigd and kind and self.rng.random() < 0.08
        if rvdk:
            self.w[Dienst].add(
                casus_id=rij.casus_id,
                vorige_id=rij.pk,
                soort=DienstSoort.RVDK_VERZOEK.value,
                status=DienstStatus.AFGEROND.value,
                start=einde,
                einde=einde,
                ontvangende_partij="Raad voor de Kinderbescherming",
                aangemaakt_door_id=rij.door_id,
                aangemaakt_op=self._moment(einde),
            )
            for ontvanger, inhoud in (
                (Ontvanger.RVDK, "Verzoek tot onderzoek na het onderzoek."),
                (
                    Ontvanger.COLLEGE,
                    "Veilig Thuis heeft de Raad voor de Kinderbescherming verzocht een "
                    "onderzoek in te stellen.",
                ),
            ):
                self.w[WettelijkeMelding].add(
                    casus_id=rij.casus_id,
                    ontvanger=ontvanger.value,
                    datum=einde,
                    inhoud=inhoud,
                    vastgelegd_door_id=rij.door_id,
                    vastgelegd_op=self._moment(einde),
                )
            self.teller("rvdk_na_onderzoek")
        if rij.melding_id is not None and not rij.ambtshalve:
            verstuurd = self._dag(einde, 0, 6)
            self.w[Terugkoppeling].add(
                melding_id=rij.melding_id,
                soort=TerugkoppelingSoort.NA_ONDERZOEK.value,
                besluit_id=rij.besluit_id,
                dienst_id=rij.pk,
                vervolg_gestart=not voortijdig,
                overgenomen_door="Veilig Thuis" if not voortijdig else "",
                status=(
                    TerugkoppelingStatus.VERSTUURD
                    if verstuurd < self.peil
                    else TerugkoppelingStatus.TE_VERSTUREN
                ).value,
                verstuurd_op=self._moment(verstuurd) if verstuurd < self.peil else None,
                aangemaakt_op=self._moment(einde),
            )
        if not voortijdig:
            self.vervolg(rij, einde)

    # --- writing -------------------------------------------------------------------------------

    def flush(self) -> None:
        for schrijver in self.w.values():
            schrijver.flush()
        velden = (
            "fase",
            "status",
            "einde",
            "afgerond_door_id",
            "afsluiting",
            "ketenpartner_id",
            "aangeboden_op",
            "geaccepteerd_op",
            "geaccepteerd_door",
            "verantwoordelijk_vanaf",
            "geweigerd_op",
            "reden_weigering",
            "gestart_op",
            "start_te_laat",
            "bevindingen",
        )
        ops = connection.ops
        tabel = connection.ops.quote_name(Dienst._meta.db_table)
        # One statement shape per set of columns; rows grouped by the columns they set.
        groepen: dict[tuple[str, ...], list[list[Any]]] = {}
        for pk, waarden in self.updates:
            sleutels = tuple(v for v in velden if v in waarden)
            rij = []
            for v in sleutels:
                x = waarden[v]
                if isinstance(x, date):
                    x = ops.adapt_datefield_value(x)
                rij.append(x)
            groepen.setdefault(sleutels, []).append([*rij, pk])
        with connection.cursor() as cursor:
            for sleutels, rijen in groepen.items():
                zet = ", ".join(f"{ops.quote_name(v)} = %s" for v in sleutels)
                sql = f"UPDATE {tabel} SET {zet}, version = version + 1 WHERE id = %s"  # noqa: S608
                cursor.executemany(sql, rijen)
        sequences_reset(list(self.w))


def diensten_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("diensten")
    werk = _Diensten(ctx, rng)
    rijen = _rijen()
    balk.totaal(len(rijen))
    for i, rij in enumerate(rijen, start=1):
        if rij.soort == DienstSoort.OVERDRACHT_NA_VB:
            werk.overdracht(rij)
        elif rij.soort == DienstSoort.VOORWAARDEN_EN_VERVOLG:
            werk.vv(rij)
        elif rij.soort == DienstSoort.ONDERZOEK:
            werk.onderzoek(rij)
        if i % 500 == 0:
            balk.advance(500)
    balk.advance(len(rijen) % 500)
    werk.flush()
    # An RvdK request is done when it is made (with its legal notifications).
    Dienst.objects.filter(
        soort=DienstSoort.RVDK_VERZOEK, status=DienstStatus.AFGEROND, einde__isnull=True
    ).update(einde=F("start"))
    w, tel = werk.w, werk.tel
    nieuw = w[Dienst].geschreven
    ctx.tel("vervolgdiensten", nieuw)
    ctx.tel("veiligheidsvoorwaarden", w[Veiligheidsvoorwaarde].geschreven)
    ctx.tel("planregels", w[PlanRegel].geschreven)
    ctx.tel("onderzoeksconclusies", w[OnderzoekConclusie].geschreven)
    ctx.tel("monitoringsmomenten", w[MonitoringMoment].geschreven)

    def pct(op_tijd: str, te_laat: str) -> str:
        n = tel.get(op_tijd, 0) + tel.get(te_laat, 0)
        return f"{round(100 * tel.get(op_tijd, 0) / n)}%" if n else "–"

    balk.samenvatting = (
        f"{getal(len(rijen))} diensten ingevuld, {getal(nieuw)} vervolgdiensten; "
        f"V&V op tijd {pct('vv_op_tijd', 'vv_te_laat')}, "
        f"onderzoek op tijd {pct('onderzoek_op_tijd', 'onderzoek_te_laat')}; "
        f"{getal(w[MonitoringMoment].geschreven)} monitoringsmomenten "
        f"({getal(tel.get('monitoring_gemist', 0))} gemist), "
        f"{getal(tel.get('overdracht_risico', 0))} overdrachten met risico"
    )
