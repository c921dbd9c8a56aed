"""The veiligheidsbeoordelingen of the generated meldingen (issue #5, item 7; DOMAIN §2, §5, §6).

**Besloten meldingen.** Every melding the meldingen step marked ``besloten`` gets what a real
confirmation (``assessment.services.besluit_voorstellen`` + ``diensten.services.
besluit_bevestigen``) writes: a :class:`Veiligheidsbeoordeling` with the answers of triage
instrument version 1 (the findings derived from them with ``assessment.domain.triage.afleiden``,
so answers and flags always agree), a confirmed :class:`Besluit` with a short motivation,
its :class:`BesluitStap` history (~4% were first sent back and proposed again), the
:class:`Dienst` it starts (overdracht na VB with a ketenpartner; V&V and Onderzoek with the
10-week deadline on the Atw calendar; an RvdK request), the legal notifications
(:class:`WettelijkeMelding`: RvdK and the municipal college for an RvdK request, the police
for some acute cases) and the :class:`Terugkoppeling` to the melder.

*Which besluit.* The first melding of a casus follows the casus's plan (``CasusPlan.uitkomst``,
drawn with the NHN 2019 fractions); a vervolgmelding draws from the same fractions. The ~18%
"rest" is split into einde bemoeienis, omzetten in advies and an RvdK request (:data:`REST`).

*When.* The besluit moment is the moment the meldingen step completed the VB task (its plan:
~88% within 5 working days); ``op_tijd`` compares its local date with the VB task's deadline,
and a late one carries a reason. Proposal and start of the assessment lie between the
registration and that moment.

*Who.* The casus's assessor proposes; the second person is a deskundige (gedragsdeskundige or
vertrouwensarts) where the four-eyes rules need one (Onderzoek, RvdK, any acute case), else a
colleague who may co-decide; never the proposer.

**Open meldingen.** Of the meldingen still awaiting their VB, ~65% have an assessment in
progress (some answers, a few with a proposal waiting for the second person); the rest wait.

All rows are written in bulk with pre-assigned keys (``demo.rijen``); nothing is audited per row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm
from zicht.assessment.domain.besluit import BesluitSoort, Triage, tegenstrijdigheden
from zicht.assessment.domain.triage import afleiden
from zicht.assessment.domain.vier_ogen import deskundige_nodig
from zicht.assessment.domain.workflow import Actie, Status
from zicht.assessment.models import (
    Besluit,
    BesluitStap,
    BesluitStatus,
    Instrument,
    Ketenpartner,
    Veiligheidsbeoordeling,
)
from zicht.assessment.services import vb_tellingen_herberekenen, vier_ogen_regels
from zicht.casework.models import Taak
from zicht.core.domain.terms import deadline
from zicht.core.selectors import termijn_get
from zicht.demo.bulk import IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext
from zicht.demo.progress import Balk, getal
from zicht.demo.rijen import RijSchrijver
from zicht.demo.staff import Staf
from zicht.demo.volumes import UITKOMST_GEWICHTEN
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DienstStatus,
    Ontvanger,
    Terugkoppeling,
    TerugkoppelingStatus,
    WettelijkeMelding,
)
from zicht.intake.models import Melding, MeldingStatus
from zicht.intake.services import organisatie_naam

__all__ = ["REST", "beoordelingen_step"]

#: How the ~18% "rest" of the 2019 plan (no follow-up by VT or a ketenpartner) is split, in
#: thousandths of all meldingen (our assumption; the plan does not say).
REST: dict[str, int] = {
    BesluitSoort.EINDE_BEMOEIENIS.value: 110,
    BesluitSoort.OMZETTEN_IN_ADVIES.value: 45,
    BesluitSoort.RVDK_VERZOEK.value: 25,
}

#: The dienst a besluit starts and the term of its deadline (as ``diensten.services``).
_DIENST: dict[BesluitSoort, tuple[DienstSoort, str]] = {
    BesluitSoort.OVERDRACHT_NA_VB: (DienstSoort.OVERDRACHT_NA_VB, ""),
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: (DienstSoort.VOORWAARDEN_EN_VERVOLG, "vv_afronding"),
    BesluitSoort.ONDERZOEK: (DienstSoort.ONDERZOEK, "onderzoek_afronding"),
    BesluitSoort.RVDK_VERZOEK: (DienstSoort.RVDK_VERZOEK, ""),
}

#: Chance of "ja" on the structural / multi-problem questions, by besluit.
_STRUCTUREEL = {
    BesluitSoort.EINDE_BEMOEIENIS: 0.04,
    BesluitSoort.OMZETTEN_IN_ADVIES: 0.06,
    BesluitSoort.OVERDRACHT_NA_VB: 0.55,
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: 0.85,
    BesluitSoort.ONDERZOEK: 0.9,
    BesluitSoort.RVDK_VERZOEK: 0.95,
}
_MULTIPROBLEEM = {
    BesluitSoort.EINDE_BEMOEIENIS: 0.02,
    BesluitSoort.OMZETTEN_IN_ADVIES: 0.04,
    BesluitSoort.OVERDRACHT_NA_VB: 0.3,
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: 0.45,
    BesluitSoort.ONDERZOEK: 0.55,
    BesluitSoort.RVDK_VERZOEK: 0.6,
}

_MOTIVERING: dict[BesluitSoort, tuple[str, ...]] = {
    BesluitSoort.EINDE_BEMOEIENIS: (
        "Geen aanwijzingen voor acute of structurele onveiligheid; ouders hebben zelf hulp "
        "gezocht en de huisarts is betrokken.",
        "Het incident was eenmalig, de veiligheid is hersteld en het netwerk is voldoende "
        "beschermend.",
    ),
    BesluitSoort.OMZETTEN_IN_ADVIES: (
        "De melder kan zelf de zorg bespreken en vervolgen; Veilig Thuis adviseert de melder "
        "over de vervolgstappen.",
        "De betrokken professional blijft aan zet; advies gegeven over het gesprek met de ouders.",
    ),
    BesluitSoort.OVERDRACHT_NA_VB: (
        "Er is hulp nodig maar het gezin werkt mee; {partij} neemt de zorg over en borgt de "
        "veiligheid.",
        "Veiligheid is voorlopig voldoende; overdracht aan {partij} met afspraken over "
        "terugkoppeling.",
    ),
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: (
        "Structurele onveiligheid; het gezin staat open voor hulp. Veilig Thuis stelt "
        "voorwaarden en zet passende hulp in.",
        "Herhaald huiselijk geweld; veiligheidsplan met voorwaarden nodig voordat de zorg "
        "overgedragen kan worden.",
    ),
    BesluitSoort.ONDERZOEK: (
        "Onduidelijk of de kinderen veilig zijn en de ouders erkennen de zorgen niet; onderzoek "
        "nodig om de feiten vast te stellen.",
        "Tegenstrijdige informatie over het letsel; onderzoek met gesprekken en informatie van "
        "derden.",
    ),
    BesluitSoort.RVDK_VERZOEK: (
        "Ernstige bedreiging van de ontwikkeling; vrijwillige hulp is niet mogelijk. Verzoek "
        "tot onderzoek aan de Raad voor de Kinderbescherming.",
    ),
}

_TE_LAAT = (
    "Gezin en melder waren pas na enkele dagen bereikbaar.",
    "Informatie van de huisarts en de school kwam later binnen.",
    "Drukte in het team; besluit een dag later genomen.",
    "Gedragsdeskundige was niet eerder beschikbaar voor het vier-ogenoverleg.",
)

_TERUGGESTUURD = (
    "Nog niet eens: eerst de school en de huisarts raadplegen.",
    "De structurele onveiligheid weegt zwaarder; bespreek een zwaardere vervolgstap.",
)

_TOELICHTING = (
    "Gesprek met melder en moeder gevoerd; zorgen over spanningen thuis.",
    "Politie was ter plaatse; kinderen waren aanwezig.",
    "Informatie van de school opgevraagd.",
)

_TAXATIE_OPEN = ("veilig", "risico", "onveilig")


@dataclass(slots=True)
class _Rij:
    pk: int
    casus_id: int
    status: str
    acuut: bool
    ambtshalve: bool
    nieuwe_casus: bool
    geregistreerd_op: datetime
    vb_deadline: date | None
    besluit_op: datetime | None
    beoordelaar_id: int | None

    @property
    def nummer(self) -> str:
        return f"M-{self.pk:06d}"


def _gewogen(rng: random.Random, gewichten: dict[str, int]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


class _Beoordelingen:
    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        self.staf = Staf(ctx)
        self.regels = vier_ogen_regels()
        self.instrument = Instrument.objects.get(versie=1)
        self.vragen = self.instrument.domein_vragen()
        self.ketenpartners = list(
            Ketenpartner.objects.filter(actief=True).exclude(soort="politie/OM").order_by("naam")
        )
        self.organisatie = organisatie_naam()
        self.gemeente_naam = {g.cbs_code: g.naam for g in ctx.gemeenten}
        self.plannen = {p.casus_id: p for p in ctx.casussen}
        recht = ctx.met_recht
        self.collegas = recht.get(Perm.BESLUIT_MEEBESLISSEN.value, [])
        self.deskundigen = recht.get(Perm.BESLUIT_DESKUNDIGE.value, [])
        self.beoordelaars = recht.get(Perm.VEILIGHEIDSBEOORDELING_UITVOEREN.value, [])
        if not (self.collegas or self.deskundigen):
            self.collegas = list(User.objects.filter(is_active=True).order_by("username"))
        modellen = (
            Veiligheidsbeoordeling,
            Besluit,
            BesluitStap,
            Dienst,
            WettelijkeMelding,
            Terugkoppeling,
        )
        self.ids = {m: IdReeks(m) for m in modellen}
        nu = timezone.now()
        self.w = {m: RijSchrijver(m, nu=nu, ids=self.ids[m]) for m in modellen}
        self._deadlines: dict[tuple[str, date], date] = {}
        # Open tasks of the taken step (V&V / onderzoek in progress) and the feedback tasks of
        # the meldingen step: the dienst and the terugkoppeling link to them.
        self.vervolg_taak: dict[tuple[int, str], int] = {}
        for pk, casus_id, code in (
            Taak.objects.filter(
                termijn_code__in=("vv_afronding", "onderzoek_afronding"),
                afgerond_op__isnull=True,
            )
            .order_by("pk")
            .values_list("pk", "casus_id", "termijn_code")
        ):
            self.vervolg_taak.setdefault((casus_id, code), pk)
        self.terug_taak: dict[str, tuple[int, datetime | None]] = {}
        for pk, omschrijving, afgerond in (
            Taak.objects.filter(omschrijving__startswith="Terugkoppeling aan de melder")
            .order_by("pk")
            .values_list("pk", "omschrijving", "afgerond_op")
        ):
            nummer = omschrijving.rsplit("(", 1)[-1].rstrip(")")
            self.terug_taak.setdefault(nummer, (pk, afgerond))
        self.tel: dict[str, int] = {}

    # --- helpers -------------------------------------------------------------------------

    def teller(self, soort: str, n: int = 1) -> None:
        self.tel[soort] = self.tel.get(soort, 0) + n

    def lokaal(self, moment: datetime) -> date:
        return moment.astimezone(self.ctx.tz).date()

    def termijn_einde(self, code: str, start: date) -> date:
        sleutel = (code, start)
        if sleutel not in self._deadlines:
            einde = deadline(start, termijn_get(code, op=start), self.ctx.kalender).einddatum
            assert isinstance(einde, date)
            self._deadlines[sleutel] = einde
        return self._deadlines[sleutel]

    def soort_voor(self, rij: _Rij, plan: CasusPlan | None) -> BesluitSoort:
        rng = self.rng
        uitkomst = plan.uitkomst if plan is not None and rij.nieuwe_casus else None
        if uitkomst is None:
            uitkomst = _gewogen(rng, UITKOMST_GEWICHTEN)
        if uitkomst == "einde_bemoeienis":
            uitkomst = _gewogen(rng, REST)
        return BesluitSoort(uitkomst)

    def triage(self, acuut: bool, soort: BesluitSoort | None) -> tuple[dict[str, str], Triage]:
        """Answers of instrument version 1 and what they imply (never contradicting)."""
        rng = self.rng

        def ja(kans: float) -> str:
            return "ja" if rng.random() < kans else "nee"

        disclosure = "ja" if rng.random() < (0.25 if acuut else 0.0) else "nee"
        structureel = ja(_STRUCTUREEL[soort] if soort else 0.5)
        multi = ja(_MULTIPROBLEEM[soort] if soort else 0.3)
        if acuut:
            taxatie = "acuut_onveilig"
        elif structureel == "ja":
            taxatie = "onveilig"
        else:
            taxatie = rng.choice(("veilig", "risico", "risico"))
        antwoorden = {
            "acuut_gevaar": "ja" if acuut and disclosure == "nee" else ja(0.6 if acuut else 0),
            "disclosure": disclosure,
            "structureel": structureel,
            "multiprobleem": multi,
            "taxatie": taxatie,
        }
        if rng.random() < 0.5:
            antwoorden["toelichting"] = rng.choice(_TOELICHTING)
        return antwoorden, afleiden(self.vragen, antwoorden)

    def tweede(self, voorsteller: int, deskundige: bool) -> int:
        pool = self.deskundigen if deskundige else (self.collegas or self.deskundigen)
        kandidaten = [u.pk for u in pool if u.pk != voorsteller]
        if not kandidaten:
            kandidaten = [u.pk for u in self.deskundigen + self.collegas if u.pk != voorsteller]
        return self.rng.choice(kandidaten)

    def voorsteller(self, rij: _Rij) -> int:
        if rij.beoordelaar_id is not None:
            return rij.beoordelaar_id
        plan = self.plannen.get(rij.casus_id)
        if plan is not None and plan.beoordelaar_id is not None:
            return plan.beoordelaar_id
        gebruiker = self.staf.beoordelaar(self.rng)
        assert gebruiker is not None
        return gebruiker.pk

    def stap(
        self, vb: int, besluit: int, actie: Actie, van: Status, naar: Status, door: int, op: Any
    ) -> None:
        self.w[BesluitStap].add(
            beoordeling_id=vb,
            besluit_id=besluit,
            actie=actie.value,
            van_status=van.value,
            naar_status=naar.value,
            door_id=door,
            op=op[0],
            toelichting=op[1],
        )

    # --- a decided melding ---------------------------------------------------------------

    def besloten(self, rij: _Rij) -> None:
        rng, ctx = self.rng, self.ctx
        plan = self.plannen.get(rij.casus_id)
        soort = self.soort_voor(rij, plan)
        antwoorden, triage = self.triage(rij.acuut, soort)
        acuut = bool(triage.acuut or rij.acuut)
        voorsteller = self.voorsteller(rij)
        tweede = self.tweede(voorsteller, deskundige_nodig(soort, acuut=acuut, regels=self.regels))
        # When: the meldingen step's VB moment; the start and proposal before it.
        besloten_op = rij.besluit_op or rij.geregistreerd_op
        duur = besloten_op - rij.geregistreerd_op
        gestart_op = rij.geregistreerd_op + duur * rng.uniform(0.01, 0.2)
        voorgesteld_op = rij.geregistreerd_op + duur * rng.uniform(0.6, 0.97)
        besloten_datum = self.lokaal(besloten_op)
        op_tijd = rij.vb_deadline is None or besloten_datum <= rij.vb_deadline
        reden = "" if op_tijd else rng.choice(_TE_LAAT)
        vb_id = self.ids[Veiligheidsbeoordeling]()
        self.w[Veiligheidsbeoordeling].add(
            id=vb_id,
            melding_id=rij.pk,
            instrument_id=self.instrument.pk,
            antwoorden=antwoorden,
            acuut=triage.acuut,
            structureel=triage.structureel,
            multiprobleem=triage.multiprobleem,
            taxatie=triage.taxatie,
            beoordelaar_id=voorsteller,
            status=Status.BEVESTIGD.value,
            gestart_op=gestart_op,
            besloten_op=besloten_op,
            besloten_datum=besloten_datum,
            op_tijd=op_tijd,
            reden_te_laat=reden,
            version=4,
        )
        # Partner and motivation.
        ketenpartner = None
        partij = ""
        if soort is BesluitSoort.OVERDRACHT_NA_VB:
            ketenpartner = rng.choice(self.ketenpartners)
            partij = ketenpartner.naam
        motivering = rng.choice(_MOTIVERING[soort]).format(partij=partij or "de hulpverlening")
        afwijking = ""
        if tegenstrijdigheden(triage, soort):
            afwijking = (
                "De veiligheid is inmiddels hersteld en de melder blijft betrokken; "
                "geen vervolg door Veilig Thuis nodig."
            )
        # ~4%: a first proposal that the second person sent back.
        van = Status.OPEN
        if rng.random() < 0.04:
            eerst = duur * rng.uniform(0.25, 0.4)
            terug = eerst + duur * rng.uniform(0.05, 0.15)
            besluit_id = self.ids[Besluit]()
            reden_oneens = rng.choice(_TERUGGESTUURD)
            self.w[Besluit].add(
                id=besluit_id,
                beoordeling_id=vb_id,
                soort=BesluitSoort.EINDE_BEMOEIENIS.value
                if soort is not BesluitSoort.EINDE_BEMOEIENIS
                else BesluitSoort.OMZETTEN_IN_ADVIES.value,
                motivering="Eerste inschatting: geen vervolg door Veilig Thuis nodig.",
                toelichting_afwijking="Eerste inschatting; nog niet alle informatie binnen.",
                voorgesteld_door_id=voorsteller,
                voorgesteld_op=rij.geregistreerd_op + eerst,
                status=BesluitStatus.TERUGGESTUURD.value,
                beoordeeld_door_id=tweede,
                beoordeeld_op=rij.geregistreerd_op + terug,
                reden_oneens=reden_oneens,
            )
            self.stap(
                vb_id,
                besluit_id,
                Actie.VOORSTELLEN,
                Status.OPEN,
                Status.VOORGESTELD,
                voorsteller,
                (rij.geregistreerd_op + eerst, ""),
            )
            self.stap(
                vb_id,
                besluit_id,
                Actie.TERUGSTUREN,
                Status.VOORGESTELD,
                Status.TERUGGESTUURD,
                tweede,
                (rij.geregistreerd_op + terug, reden_oneens),
            )
            van = Status.TERUGGESTUURD
            self.teller("teruggestuurd")
        besluit_id = self.ids[Besluit]()
        self.w[Besluit].add(
            id=besluit_id,
            beoordeling_id=vb_id,
            soort=soort.value,
            motivering=motivering,
            toelichting_afwijking=afwijking,
            ketenpartner_id=ketenpartner.pk if ketenpartner else None,
            ontvangende_partij="",
            voorgesteld_door_id=voorsteller,
            voorgesteld_op=voorgesteld_op,
            status=BesluitStatus.BEVESTIGD.value,
            beoordeeld_door_id=tweede,
            beoordeeld_op=besloten_op,
        )
        self.stap(
            vb_id,
            besluit_id,
            Actie.VOORSTELLEN,
            van,
            Status.VOORGESTELD,
            voorsteller,
            (voorgesteld_op, ""),
        )
        self.stap(
            vb_id,
            besluit_id,
            Actie.BEVESTIGEN,
            Status.VOORGESTELD,
            Status.BEVESTIGD,
            tweede,
            (besloten_op, reden),
        )
        self.teller(soort.value)
        self.teller("op_tijd" if op_tijd else "te_laat")
        # What the besluit sets in motion.
        gesloten = plan is not None and plan.gesloten_op is not None
        if soort in _DIENST:
            dienst_soort, code = _DIENST[soort]
            einde = self.termijn_einde(code, besloten_datum) if code else None
            taak_id = None
            if code and plan is not None and rij.nieuwe_casus:
                taak_id = self.vervolg_taak.get((rij.casus_id, code))
            if soort in (BesluitSoort.VOORWAARDEN_EN_VERVOLG, BesluitSoort.ONDERZOEK):
                eind = (
                    plan.vervolg_eind_op
                    if plan is not None and rij.nieuwe_casus and plan.vervolg_eind_op
                    else einde
                )
                klaar = gesloten or (eind is not None and eind < ctx.peildatum)
            else:
                klaar = gesloten or besloten_datum + timedelta(days=21) < ctx.peildatum
            partij_dienst = {
                BesluitSoort.OVERDRACHT_NA_VB: partij,
                BesluitSoort.RVDK_VERZOEK: "",
            }.get(soort, "")
            self.w[Dienst].add(
                casus_id=rij.casus_id,
                besluit_id=besluit_id,
                soort=dienst_soort.value,
                status=(
                    DienstStatus.AFGEROND if klaar and taak_id is None else DienstStatus.GESTART
                ).value,
                start=besloten_datum,
                deadline=einde,
                taak_id=taak_id,
                ontvangende_partij=partij_dienst,
                aangemaakt_door_id=tweede,
                aangemaakt_op=besloten_op,
            )
        if soort is BesluitSoort.RVDK_VERZOEK:
            gemeente = self.gemeente_naam.get(plan.gemeente_code, "") if plan else ""
            casus_nummer = plan.nummer if plan else str(rij.casus_id)
            for ontvanger, gem, inhoud in (
                (
                    Ontvanger.RVDK,
                    "",
                    f"Verzoek tot onderzoek na de veiligheidsbeoordeling van {rij.nummer} "
                    f"(casus {casus_nummer}).",
                ),
                (
                    Ontvanger.COLLEGE,
                    gemeente,
                    "Veilig Thuis heeft de Raad voor de Kinderbescherming verzocht een onderzoek "
                    f"in te stellen (casus {casus_nummer}).",
                ),
            ):
                self.wettelijk(rij, besluit_id, ontvanger, gem, inhoud, besloten_op, tweede)
        if acuut and rng.random() < 0.3:
            self.wettelijk(
                rij,
                besluit_id,
                Ontvanger.POLITIE,
                "",
                "Acute onveiligheid gemeld aan de politie; verzoek om toezicht en om "
                "terugkoppeling van eventuele incidenten.",
                besloten_op,
                tweede,
            )
        if not rij.ambtshalve:
            taak = self.terug_taak.get(rij.nummer)
            verstuurd = taak[1] if taak else None
            overgenomen = {
                BesluitSoort.OVERDRACHT_NA_VB: partij,
                BesluitSoort.RVDK_VERZOEK: "Raad voor de Kinderbescherming",
                BesluitSoort.VOORWAARDEN_EN_VERVOLG: self.organisatie,
                BesluitSoort.ONDERZOEK: self.organisatie,
            }.get(soort, "")
            self.w[Terugkoppeling].add(
                melding_id=rij.pk,
                besluit_id=besluit_id,
                vervolg_gestart=not soort.sluit_casus,
                overgenomen_door=overgenomen,
                status=(
                    TerugkoppelingStatus.VERSTUURD
                    if verstuurd is not None
                    else TerugkoppelingStatus.TE_VERSTUREN
                ).value,
                taak_id=taak[0] if taak else None,
                aangemaakt_op=besloten_op,
                verstuurd_op=verstuurd,
            )

    def wettelijk(
        self,
        rij: _Rij,
        besluit_id: int,
        ontvanger: str,
        gemeente: str,
        inhoud: str,
        op: datetime,
        door: int,
    ) -> None:
        self.w[WettelijkeMelding].add(
            casus_id=rij.casus_id,
            besluit_id=besluit_id,
            ontvanger=str(ontvanger),
            gemeente=gemeente,
            datum=self.lokaal(op),
            inhoud=inhoud,
            vastgelegd_door_id=door,
            vastgelegd_op=op,
        )

    # --- an open melding -----------------------------------------------------------------

    def open(self, rij: _Rij) -> None:
        rng, ctx = self.rng, self.ctx
        if rng.random() >= 0.65:
            self.teller("wachtend")
            return
        voorsteller = self.voorsteller(rij)
        ruimte = ctx.eind - timedelta(minutes=1) - rij.geregistreerd_op
        if ruimte <= timedelta(0):
            self.teller("wachtend")
            return
        gestart_op = rij.geregistreerd_op + ruimte * rng.uniform(0.05, 0.5)
        voorstel = rng.random() < 0.25
        antwoorden, triage = self.triage(rij.acuut, None)
        if not voorstel:
            # Part of the triage answered.
            bewaard = list(antwoorden)[: rng.randint(0, len(antwoorden))]
            antwoorden = {k: antwoorden[k] for k in bewaard}
            triage = afleiden(self.vragen, antwoorden)
        vb_id = self.ids[Veiligheidsbeoordeling]()
        self.w[Veiligheidsbeoordeling].add(
            id=vb_id,
            melding_id=rij.pk,
            instrument_id=self.instrument.pk,
            antwoorden=antwoorden,
            acuut=triage.acuut,
            structureel=triage.structureel,
            multiprobleem=triage.multiprobleem,
            taxatie=triage.taxatie,
            beoordelaar_id=voorsteller,
            status=(Status.VOORGESTELD if voorstel else Status.OPEN).value,
            gestart_op=gestart_op,
            version=3 if voorstel else 2,
        )
        self.teller("in_beoordeling")
        if not voorstel:
            return
        soort = BesluitSoort(_gewogen(rng, UITKOMST_GEWICHTEN | REST | {"einde_bemoeienis": 0}))
        if tegenstrijdigheden(triage, soort):
            soort = BesluitSoort.OVERDRACHT_NA_VB
        ketenpartner = None
        if soort is BesluitSoort.OVERDRACHT_NA_VB:
            ketenpartner = rng.choice(self.ketenpartners)
        voorgesteld_op = gestart_op + (ctx.eind - timedelta(minutes=1) - gestart_op) * rng.uniform(
            0.2, 0.9
        )
        besluit_id = self.ids[Besluit]()
        self.w[Besluit].add(
            id=besluit_id,
            beoordeling_id=vb_id,
            soort=soort.value,
            motivering=rng.choice(_MOTIVERING[soort]).format(
                partij=ketenpartner.naam if ketenpartner else "de hulpverlening"
            ),
            ketenpartner_id=ketenpartner.pk if ketenpartner else None,
            voorgesteld_door_id=voorsteller,
            voorgesteld_op=voorgesteld_op,
        )
        self.stap(
            vb_id,
            besluit_id,
            Actie.VOORSTELLEN,
            Status.OPEN,
            Status.VOORGESTELD,
            voorsteller,
            (voorgesteld_op, ""),
        )
        self.teller("voorgesteld")

    def flush(self) -> None:
        for schrijver in self.w.values():
            schrijver.flush()
        sequences_reset(list(self.w))


def _rijen() -> list[_Rij]:
    velden = (
        "pk",
        "casus_id",
        "status",
        "acuut",
        "ambtshalve",
        "nieuwe_casus",
        "geregistreerd_op",
        "vb_taak__deadline",
        "vb_taak__afgerond_op",
        "vb_taak__afgerond_door_id",
    )
    # Only meldingen without an assessment (a second run adds none).
    qs = Melding.objects.filter(
        Q(status=MeldingStatus.NIEUW) | Q(status=MeldingStatus.BESLOTEN),
        veiligheidsbeoordeling__isnull=True,
    ).order_by("pk")
    return [_Rij(*waarden) for waarden in qs.values_list(*velden)]


def beoordelingen_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("beoordelingen")
    werk = _Beoordelingen(ctx, rng)
    rijen = _rijen()
    balk.totaal(len(rijen))
    for i, rij in enumerate(rijen, start=1):
        if rij.status == MeldingStatus.BESLOTEN:
            werk.besloten(rij)
        else:
            werk.open(rij)
        if i % 500 == 0:
            balk.advance(500)
    balk.advance(len(rijen) % 500)
    werk.flush()
    ctx.tel("vb_tellingen", vb_tellingen_herberekenen())
    w, tel = werk.w, werk.tel
    ctx.tel("veiligheidsbeoordelingen", w[Veiligheidsbeoordeling].geschreven)
    ctx.tel("besluiten", w[Besluit].geschreven)
    ctx.tel("besluitstappen", w[BesluitStap].geschreven)
    ctx.tel("diensten", w[Dienst].geschreven)
    ctx.tel("wettelijke_meldingen", w[WettelijkeMelding].geschreven)
    ctx.tel("terugkoppelingen", w[Terugkoppeling].geschreven)
    besloten = tel.get("op_tijd", 0) + tel.get("te_laat", 0)
    n = max(1, besloten)

    def pct(soort: BesluitSoort) -> str:
        return f"{round(100 * tel.get(soort.value, 0) / n)}%"

    balk.samenvatting = (
        f"{getal(besloten)} besloten (overdracht {pct(BesluitSoort.OVERDRACHT_NA_VB)}, "
        f"V&V {pct(BesluitSoort.VOORWAARDEN_EN_VERVOLG)}, "
        f"onderzoek {pct(BesluitSoort.ONDERZOEK)}; "
        f"{round(100 * tel.get('op_tijd', 0) / n)}% op tijd), "
        f"{getal(tel.get('in_beoordeling', 0))} in beoordeling, "
        f"{getal(tel.get('wachtend', 0))} wachtend; "
        f"{getal(w[Dienst].geschreven)} diensten, "
        f"{getal(w[WettelijkeMelding].geschreven)} wettelijke meldingen, "
        f"{getal(w[Terugkoppeling].geschreven)} terugkoppelingen"
    )
