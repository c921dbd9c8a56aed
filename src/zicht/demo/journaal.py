"""The journaal of each casus: contact reports along its course (DOMAIN §3).

Intake takes the melding on the phone; the assessor calls or visits the family and decides in
a four-eyes overleg; after a handover the partner takes over; in V&V or onderzoek the
casemanager visits, talks to parents and children and meets the network; in monitoring there is
a contact every few months. A vertrouwensarts adds a medical note now and then. The texts are
built from fragments with the family's synthetic first names; they describe no real people.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from zicht.casework.models import JournaalItem, JournaalSoort
from zicht.demo.bulk import BulkSchrijver, IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext, LidPlan
from zicht.demo.progress import Balk, getal
from zicht.demo.staff import Staf

__all__ = ["journaal_step"]

_MELDERS = {
    "partnergeweld_met_kinderen": (
        "de politie (zorgmelding na een incident in de nacht)",
        "de politie, die ter plaatse is geweest na een melding van de buren",
        "de leerkracht van {kind}",
        "de huisarts",
        "het wijkteam",
    ),
    "kindermishandeling": (
        "de intern begeleider van de school van {kind}",
        "de jeugdverpleegkundige van het consultatiebureau",
        "de huisarts",
        "een buurvrouw",
        "de politie",
    ),
    "partnergeweld_zonder_kinderen": (
        "de politie (zorgmelding)",
        "de spoedeisende hulp",
        "een collega van {slachtoffer}",
        "de huisarts",
    ),
    "ouderenmishandeling": (
        "de wijkverpleegkundige",
        "de thuiszorg",
        "de bank, die ongebruikelijke opnames zag",
        "de casemanager dementie",
    ),
    "zwangerschap": ("de verloskundige", "de politie (zorgmelding)", "de huisarts"),
    "grootouder_voogdij": ("de gezinsvoogd", "de school van {kind}", "de politie"),
    "geweld_door_jongere": ("de politie (zorgmelding)", "de mentor van {pleger}", "het wijkteam"),
}

_ZORGEN = {
    "partnergeweld_met_kinderen": (
        "herhaalde ruzies met geweld tussen {slachtoffer} en {pleger}, waar de kinderen bij zijn",
        "een incident waarbij {pleger} {slachtoffer} heeft geslagen terwijl de kinderen thuis "
        "waren",
        "dreigementen van {pleger} sinds de scheiding, ook bij het ophalen van de kinderen",
    ),
    "kindermishandeling": (
        "blauwe plekken bij {kind} die niet goed worden verklaard",
        "verwaarlozing: {kind} komt vaak zonder ontbijt en in vieze kleren naar school",
        "wat {kind} vertelde: dat {pleger} slaat als het misgaat",
        "harde straffen en veel geschreeuw in huis",
    ),
    "partnergeweld_zonder_kinderen": (
        "fysiek geweld door {pleger} tegen {slachtoffer}",
        "controlerend gedrag en bedreigingen door {pleger}",
        "stalking door {pleger} na het einde van de relatie",
    ),
    "ouderenmishandeling": (
        "financiële uitbuiting van {slachtoffer} door {pleger}",
        "verwaarlozing van {slachtoffer}, die niet meer goed voor zichzelf kan zorgen",
        "een duw waarbij {slachtoffer} is gevallen",
    ),
    "zwangerschap": (
        "geweld tegen {slachtoffer} tijdens de zwangerschap",
        "zorgen over de veiligheid van het ongeboren kind door het geweld van {pleger}",
    ),
    "grootouder_voogdij": (
        "onrust bij {kind} na contact met {pleger}",
        "het gedrag van {pleger}, die onaangekondigd langskomt en dan agressief is",
    ),
    "geweld_door_jongere": (
        "agressie van {pleger} tegen {slachtoffer}",
        "{pleger}, die spullen vernielt en {slachtoffer_} heeft geduwd",
    ),
}

_BESLUIT = {
    "overdracht_na_vb": "overdracht aan {partner}, met veiligheidsvoorwaarden",
    "voorwaarden_en_vervolg": "Voorwaarden en Vervolg; het gezin erkent de zorgen",
    "onderzoek": "onderzoek, omdat de zorgen niet worden herkend en er grond nodig is",
    "einde_bemoeienis": "einde bemoeienis; er is voldoende zicht op veiligheid via {partner}",
}

_PARTNERS = (
    "het wijkteam",
    "het jeugdteam",
    "de jeugdhulpaanbieder",
    "de GGZ",
    "het maatschappelijk werk",
    "de huisarts",
    "de reclassering",
    "de vrouwenopvang",
    "de schoolmaatschappelijk werker",
)

_CONCLUSIE = (
    "geen acute onveiligheid, wel structurele onveiligheid",
    "acute onveiligheid; direct veiligheidsafspraken gemaakt",
    "structurele onveiligheid met meervoudige problematiek",
    "geen acute onveiligheid; zorgen over de ontwikkeling van de kinderen",
)


def _rolwoord(lid: LidPlan) -> str:
    """How a report names a member: moeder, zoon, ex-partner, ..."""
    if lid.sleutel.startswith("kind") or lid.sleutel == "volwassen kind":
        return {"V": "dochter", "M": "zoon"}.get(lid.geslacht, "kind")
    return {
        "partner1": "partner",
        "partner2": "partner",
        "partner van oudere": "partner",
        "partner van ouder": "partner van de ouder",
    }.get(lid.sleutel, lid.sleutel)


def _naam(lid: LidPlan | None, standaard: str) -> tuple[str, str]:
    """``("Sanne (moeder)", "Sanne")``: the first mention and the later ones."""
    if lid is None:
        return standaard, standaard
    if lid.ongeboren or not lid.voornaam:
        tekst = "het ongeboren kind" if lid.ongeboren else f"de {_rolwoord(lid)}"
        return tekst, tekst
    return f"{lid.voornaam} ({_rolwoord(lid)})", lid.voornaam


def _met_rol(plan: CasusPlan, *rollen: str) -> list[LidPlan]:
    return [lid for lid in plan.leden if any(r in lid.rollen for r in rollen)]


class _Tekst:
    """Fills the fragments for one casus."""

    def __init__(self, rng: random.Random, plan: CasusPlan) -> None:
        self.rng = rng
        slachtoffers = _met_rol(plan, "vermoedelijk_slachtoffer", "slachtoffer")
        plegers = _met_rol(plan, "vermoedelijk_pleger", "pleger")
        kinderen = [lid for lid in plan.leden if lid.sleutel.startswith("kind")]
        volwassenen = [
            lid for lid in plan.leden if not lid.sleutel.startswith("kind") and lid.voornaam
        ]
        geboren = [k for k in kinderen if not k.ongeboren]
        self.velden = {"partner": rng.choice(_PARTNERS)}
        for veld, lid, standaard in (
            ("slachtoffer", slachtoffers[0] if slachtoffers else None, "het slachtoffer"),
            ("pleger", plegers[0] if plegers else None, "de vermoedelijke pleger"),
            ("kind", rng.choice(geboren) if geboren else None, "het kind"),
            ("ouder", rng.choice(volwassenen) if volwassenen else None, "de ouder"),
        ):
            # {ouder} names the person in full, {ouder_} by first name only.
            self.velden[veld], self.velden[f"{veld}_"] = _naam(lid, standaard)

    def __call__(self, tekst: str, **extra: str) -> str:
        return tekst.format(**{**self.velden, **extra})

    def kies(self, *teksten: str, **extra: str) -> str:
        return self(self.rng.choice(teksten), **extra)


def _dag(d: date) -> str:
    return d.strftime("%d-%m-%Y")


class _Journaal:
    def __init__(self, ctx: DemoContext, rng: random.Random, balk: Balk) -> None:
        self.ctx = ctx
        self.rng = rng
        self.balk = balk
        self.staf = Staf(ctx)
        self.ids = IdReeks(JournaalItem)
        self.schrijver = BulkSchrijver(JournaalItem)
        self.medisch = 0

    def item(
        self,
        plan: CasusPlan,
        moment: datetime,
        soort: str,
        auteur_id: int | None,
        tekst: str,
        *,
        medisch: bool = False,
    ) -> None:
        eind = self.ctx.eind
        if auteur_id is None or moment >= eind or moment < plan.geopend_op:
            return
        if plan.gesloten_op is not None and moment > plan.gesloten_op:
            return
        vastgelegd = min(moment + timedelta(minutes=self.rng.randint(5, 600)), eind)
        self.schrijver.add(
            JournaalItem(
                id=self.ids(),
                casus_id=plan.casus_id,
                soort=soort,
                auteur_id=auteur_id,
                moment=moment,
                vastgelegd_op=max(vastgelegd, moment),
                tekst=tekst[:1].upper() + tekst[1:],
                medisch=medisch,
            )
        )
        self.medisch += medisch

    def werkmoment(self, dag: date) -> datetime:
        """A moment during office hours on the first working day on or after ``dag``."""
        dag = self.ctx.kalender.working_day_on_or_after(dag)
        return self.ctx.moment(dag, self.rng.randint(9, 16), self.rng.randrange(0, 60, 5))

    def casus(self, plan: CasusPlan) -> None:
        rng, staf = self.rng, self.staf
        t = _Tekst(rng, plan)
        d0 = plan.geopend_op.date()
        # The melding itself is on the timeline through the intake step (soort 'melding',
        # without the melder: source protection); the journaal starts with the assessment.
        beoordelaar_id = plan.beoordelaar_id
        # The assessment: a call or a visit, sometimes a medical note, then the four-eyes
        # overleg on the day of the besluit.
        contact = self.werkmoment(
            d0 + timedelta(days=rng.randint(0, max(0, (plan.vb_besluit_op - d0).days)))
        )
        if rng.random() < 0.5:
            self.item(
                plan,
                contact,
                JournaalSoort.TELEFONISCH,
                beoordelaar_id,
                t.kies(
                    "Telefonisch contact met {ouder}. De zorgen van de melder zijn besproken; "
                    "{ouder_} herkent de spanningen thuis en staat open voor een gesprek.",
                    "Telefonisch contact met {slachtoffer}. Er is op dit moment geen contact "
                    "met {pleger}; veiligheidsafspraken doorgenomen.",
                    "{ouder} was niet bereikbaar; bericht ingesproken met het verzoek om "
                    "terug te bellen. Later op de dag alsnog gesproken.",
                ),
            )
        else:
            self.item(
                plan,
                contact,
                JournaalSoort.HUISBEZOEK,
                beoordelaar_id,
                t.kies(
                    "Huisbezoek met een collega. Gesproken met {ouder} over de melding. "
                    "{kind} was thuis en maakte een ontspannen indruk.",
                    "Huisbezoek afgelegd. {slachtoffer} vertelt over de situatie thuis; "
                    "{pleger_} was niet aanwezig. Afspraken gemaakt over bereikbaarheid.",
                ),
            )
        if rng.random() < 0.08:
            arts = staf.arts(rng)
            self.item(
                plan,
                contact + timedelta(hours=2),
                JournaalSoort.OVERLEG,
                arts.pk if arts else None,
                t.kies(
                    "Overleg vertrouwensarts met de huisarts over {kind}: eerdere bezoeken en "
                    "letsels besproken. Geen medische verklaring voor de melding gevonden.",
                    "Letselverslag van de spoedeisende hulp opgevraagd en beoordeeld. Het "
                    "letsel past bij de beschrijving van de melder.",
                ),
                medisch=True,
            )
        besluit = t(_BESLUIT[plan.uitkomst])
        self.item(
            plan,
            self.werkmoment(plan.vb_besluit_op),
            JournaalSoort.OVERLEG,
            beoordelaar_id,
            f"Overleg veiligheidsbeoordeling met de gedragsdeskundige (vier ogen). "
            f"Conclusie: {rng.choice(_CONCLUSIE)}. Besluit: {besluit}.",
        )
        if plan.vervolg_eind_op is None:
            if plan.uitkomst == "overdracht_na_vb":
                dag = plan.vb_besluit_op + timedelta(days=rng.randint(2, 10))
                self.item(
                    plan,
                    self.werkmoment(dag),
                    JournaalSoort.OVERLEG,
                    beoordelaar_id,
                    t(
                        "Warme overdracht aan {partner}: de veiligheidsvoorwaarden en de zorgen "
                        "zijn besproken. {partner} neemt het zicht op veiligheid over per {dag}.",
                        dag=_dag(dag),
                    ),
                )
            return
        self._vervolg(plan, t)

    def _vervolg(self, plan: CasusPlan, t: _Tekst) -> None:
        rng = self.rng
        uitvoerder = self.staf.uitvoerder(rng, plan)
        auteur = uitvoerder.pk if uitvoerder else None
        begin = plan.vb_besluit_op
        eind = plan.vervolg_eind_op
        assert eind is not None
        onderzoek = plan.uitkomst == "onderzoek"
        fragmenten = [
            (
                JournaalSoort.HUISBEZOEK,
                "Huisbezoek. Met {ouder} de veiligheidsvoorwaarden besproken: geen fysiek geweld, "
                "de kinderen zijn geen getuige van ruzies, hulp bij agressieregulatie.",
            ),
            (
                JournaalSoort.GESPREK,
                "Gesprek met {pleger} op kantoor. {pleger_} erkent dat het uit de hand is gelopen "
                "en wil meewerken aan een veiligheidsplan.",
            ),
            (
                JournaalSoort.GESPREK,
                "Gesprek met {kind} op school, met toestemming van {ouder}. {kind_} vertelt "
                "dat het thuis rustiger is, maar dat het soms nog bang is.",
            ),
            (
                JournaalSoort.OVERLEG,
                "Netwerkoverleg met {partner} en {ouder}. Veiligheidsplan opgesteld: wie doet "
                "wat en wanneer; afspraken over toezicht uit het netwerk.",
            ),
            (
                JournaalSoort.TELEFONISCH,
                "Telefonisch contact met {partner} als informant. De zorgen worden herkend; "
                "er is al hulp, maar die sluit niet aan bij de veiligheid thuis.",
            ),
        ]
        if onderzoek:
            fragmenten += [
                (
                    JournaalSoort.GESPREK,
                    "Onderzoeksgesprek met {slachtoffer}. Het verloop van de incidenten "
                    "vastgelegd; {slachtoffer_} wil niet dat {pleger_} dit hoort.",
                ),
                (
                    JournaalSoort.TELEFONISCH,
                    "Informatie opgevraagd bij de huisarts en de school (informanten). "
                    "Beide herkennen de zorgen gedeeltelijk.",
                ),
            ]
        dagen = max(1, (eind - begin).days)
        for soort, tekst in rng.sample(fragmenten, k=min(len(fragmenten), rng.randint(3, 6))):
            dag = begin + timedelta(days=rng.randint(2, dagen))
            self.item(plan, self.werkmoment(dag), soort, auteur, t(tekst))
        if onderzoek:
            afronding = rng.choice(
                ("het vermoeden is bevestigd", "het vermoeden is niet bevestigd")
            )
            slot = f"Afronding onderzoek: {afronding}."
        else:
            slot = "Afronding Voorwaarden en Vervolg: de veiligheidsvoorwaarden worden nageleefd."
        self.item(
            plan,
            self.werkmoment(eind),
            JournaalSoort.OVERLEG,
            auteur,
            slot + t(" Overdracht aan {partner} voor de hulpverlening; monitoring volgt."),
        )
        # Monitoring: a contact every two to four months.
        dag = eind + timedelta(days=rng.randint(40, 80))
        einde = plan.monitoring_eind_op or eind
        while dag <= einde:
            self.item(
                plan,
                self.werkmoment(dag),
                JournaalSoort.TELEFONISCH,
                auteur,
                t.kies(
                    "Monitoringscontact met {ouder}: de afspraken worden nagekomen en er zijn "
                    "geen nieuwe incidenten geweest.",
                    "Monitoringscontact met {partner}: de hulp loopt; {ouder} is gemotiveerd.",
                    "Monitoringscontact met {slachtoffer}: het is rustiger thuis. Volgend "
                    "contact over drie maanden.",
                    "Monitoringscontact: {ouder} meldt een nieuwe ruzie zonder geweld. Met de "
                    "teamleider besproken; geen nieuwe veiligheidsbeoordeling nodig.",
                ),
            )
            dag += timedelta(days=rng.randint(60, 120))


def journaal_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("journaal")
    journaal = _Journaal(ctx, rng, balk)
    balk.totaal(len(ctx.casussen))
    for i, plan in enumerate(ctx.casussen, start=1):
        journaal.casus(plan)
        if i % 100 == 0:
            balk.advance(100)
    balk.advance(len(ctx.casussen) % 100)
    journaal.schrijver.flush()
    sequences_reset([JournaalItem])
    ctx.tel("journaalitems", journaal.schrijver.geschreven)
    balk.samenvatting = (
        f"{getal(journaal.schrijver.geschreven)} journaalitems "
        f"(waarvan {getal(journaal.medisch)} medisch)"
    )
