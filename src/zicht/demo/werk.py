"""Work steering, huisverbod, voorlichting and time registration in the demo (issue #6, items
5–8).

* **Behandelaars.** Every open dienst whose casus has an active casemanager or onderzoeker (the
  toewijzingen step) gets that person as behandelaar (:class:`DienstBehandeling`, with one
  :class:`Toewijzing` by a team leader), ~70% of the others a casemanager of the casus's team;
  the rest stay unassigned — the waiting list, of every age.
* **Uren.** Booked time (:class:`Tijdregel`) per dienst for the months it ran, around the hour
  norm of its service from the planning parameters (a spread of ±40%; open diensten pro rata
  to the 10 weeks or 18 months they run), in bookings of 1–4 hours on working days; ~2%
  of the bookings were corrected. Voorlichting hours are booked too.
* **Huisverboden.** The NHN 2019 volume (61 a year, × schaal) on casussen with an adult
  (vermoedelijk) pleger and someone to protect: ~30% extended by the mayor (to at most
  4 weeks), ~5% withdrawn, the rest ran out; those imposed in the last 10 days still run, with
  VT's tasks.
* **Voorlichtingen.** 104 a year (× schaal), 1–3 hours, 8–60 participants.
* **Planjaren.** Planning parameters for every year of the window that has none (a copy of the
  nearest earlier year, through ``planning.services``), so realisation pages have a plan.

Rows are written in bulk with pre-assigned keys (``demo.rijen``); nothing is audited per row.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from zicht.casework.models import Betrokkene, CasusMedewerker, Taak
from zicht.demo.bulk import IdReeks, sequences_reset
from zicht.demo.context import DemoContext
from zicht.demo.progress import Balk, getal
from zicht.demo.rijen import RijSchrijver
from zicht.demo.staff import Staf
from zicht.diensten.domain.huisverbod import DUUR_DAGEN, MAXIMUM_DAGEN
from zicht.diensten.domain.werk import URENSOORT_VAN_DIENST, Urensoort
from zicht.diensten.models import Dienst, DienstStatus
from zicht.diensten.models_werk import (
    DienstBehandeling,
    Huisverbod,
    HuisverbodVerlenging,
    Tijdregel,
    Toewijzing,
    Voorlichting,
)
from zicht.diensten.werk_services import huisverbod_taken
from zicht.planning.selectors import urennormen

__all__ = ["werk_step"]

HUISVERBODEN_PER_JAAR = 61
VOORLICHTINGEN_PER_JAAR = 104
#: How long a dienst runs when it is not closed (for pro-rata hours of open diensten).
LOOPTIJD = {"voorwaarden_en_vervolg": 70, "onderzoek": 70, "monitoren": 540}
ONDERWERPEN = (
    "Meldcode huiselijk geweld en kindermishandeling",
    "Signalen van kindermishandeling",
    "Ouderenmishandeling",
    "Eergerelateerd geweld",
    "Het afwegingskader",
    "Tijdelijk huisverbod in de praktijk",
)
DOELGROEPEN = (
    ("huisartsen", "Huisartsenkring"),
    ("leerkrachten", "Basisschool"),
    ("wijkteammedewerkers", "Wijkteam"),
    ("verpleegkundigen", "Ziekenhuis"),
    ("kinderopvang", "Kinderdagverblijf"),
    ("politie", "Basisteam politie"),
)


def _werkdag(dag: date) -> date:
    while dag.weekday() >= 5:
        dag += timedelta(days=1)
    return dag


class _Werk:
    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        nu = ctx.eind
        modellen = (
            DienstBehandeling,
            Toewijzing,
            Tijdregel,
            Huisverbod,
            Huisverbod.beschermden.through,
            HuisverbodVerlenging,
            Voorlichting,
            Taak,
        )
        self.w = {m: RijSchrijver(m, nu=nu, ids=IdReeks(m)) for m in modellen}
        self.staf = Staf(ctx)
        self.normen = urennormen(ctx.peildatum.year)
        self.tel: dict[str, int] = defaultdict(int)
        self.laatste = ctx.laatste_dag

    def moment(self, dag: date, uur: int = 10) -> datetime:
        return datetime.combine(dag, time(uur, 0), tzinfo=self.ctx.tz)

    def verdeler(self) -> int | None:
        verdelers = self.staf.verdelers
        return self.rng.choice(verdelers).pk if verdelers else None

    # --- time ---------------------------------------------------------------------------------

    def boek(
        self,
        *,
        user_id: int,
        van: date,
        tot: date,
        minuten: int,
        soort: Urensoort,
        **doel: Any,
    ) -> None:
        """Spreads ``minuten`` over bookings of 1–4 hours on working days in [van, tot]."""
        tot = min(tot, self.laatste)
        if tot < van or minuten <= 0:
            return
        dagen = (tot - van).days
        while minuten > 0:
            stuk = min(minuten, self.rng.choice((60, 90, 120, 180, 240)))
            minuten -= stuk
            dag = _werkdag(van + timedelta(days=self.rng.randint(0, dagen)))
            if dag > self.laatste:
                dag = van
            regel_id = self.w[Tijdregel].ids()  # type: ignore[misc]
            self.w[Tijdregel].add(
                id=regel_id,
                medewerker_id=user_id,
                datum=dag,
                minuten=stuk,
                soort=soort.value,
                vastgelegd_op=self.moment(min(dag + timedelta(days=1), self.laatste), 17),
                **doel,
            )
            self.tel["tijdregels"] += 1
            if self.rng.random() < 0.02:
                self.w[Tijdregel].add(
                    medewerker_id=user_id,
                    datum=dag,
                    minuten=max(stuk - 15, 0),
                    soort=soort.value,
                    omschrijving="correctie: te veel geboekt",
                    corrigeert_id=regel_id,
                    vastgelegd_op=self.moment(min(dag + timedelta(days=2), self.laatste), 9),
                    **doel,
                )
                self.tel["correcties"] += 1

    def norm_minuten(self, soort: Urensoort, aandeel: float = 1.0) -> int:
        norm = self.normen.get(soort.value, Decimal(0))
        spreiding = self.rng.uniform(0.6, 1.4)
        return int(float(norm) * 60 * spreiding * aandeel)

    # --- diensten -----------------------------------------------------------------------------

    def diensten(self) -> None:
        actief: dict[int, int] = {}
        for casus_id, user_id in (
            CasusMedewerker.objects.filter(rol__in=["casemanager", "onderzoeker"], tot__isnull=True)
            .order_by("casus_id", "van", "pk")
            .values_list("casus_id", "user_id")
        ):
            actief.setdefault(casus_id, user_id)
        uitvoerders = [u.pk for u in self.staf.alle_uitvoerders] or [
            u.pk for u in self.ctx.users.values()
        ][:1]
        team_van = {p.casus_id: p.team_id for p in self.ctx.casussen}
        rijen = Dienst.objects.order_by("pk").values_list(
            "pk", "casus_id", "soort", "status", "start", "einde"
        )
        for pk, casus_id, soort, status, start, einde in rijen:
            urensoort = URENSOORT_VAN_DIENST.get(soort)
            behandelaar = actief.get(casus_id)
            if behandelaar is None and status == DienstStatus.GESTART and self.rng.random() < 0.7:
                team_leden = self.staf.uitvoerders_van_team.get(team_van.get(casus_id, -1), [])
                if team_leden:
                    behandelaar = self.rng.choice(team_leden).pk
            if status == DienstStatus.GESTART and behandelaar is not None:
                op = start + timedelta(days=self.rng.randint(0, 4))
                op = min(op, self.laatste)
                self.w[DienstBehandeling].add(
                    dienst_id=pk,
                    behandelaar_id=behandelaar,
                    toegewezen_op=self.moment(op, 9),
                    version=2,
                )
                door = self.verdeler() or behandelaar
                self.w[Toewijzing].add(
                    dienst_id=pk, naar_id=behandelaar, door_id=door, op=self.moment(op, 9)
                )
                self.tel["toegewezen"] += 1
            elif status == DienstStatus.GESTART:
                self.tel["wachtlijst"] += 1
            if urensoort is None or not uitvoerders:
                continue
            wie = behandelaar or self.rng.choice(uitvoerders)
            if status == DienstStatus.GESTART:
                if behandelaar is None:
                    continue  # waiting: nobody has worked on it yet
                looptijd = LOOPTIJD.get(soort, 30)
                aandeel = min((self.laatste - start).days / looptijd, 1.0)
                tot = self.laatste
            else:
                aandeel = 1.0
                tot = einde or start + timedelta(days=LOOPTIJD.get(soort, 30))
            self.boek(
                user_id=wie,
                van=start,
                tot=tot,
                minuten=self.norm_minuten(urensoort, aandeel),
                soort=urensoort,
                dienst_id=pk,
                casus_id=casus_id,
            )

    # --- huisverboden -------------------------------------------------------------------------

    def huisverboden(self) -> None:
        ctx = self.ctx
        dagen = (ctx.laatste_dag - ctx.options.vanaf).days + 1
        aantal = round(HUISVERBODEN_PER_JAAR * ctx.options.schaal * dagen / 365)
        per_casus: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for casus_id, pk, rol in Betrokkene.objects.filter(casus__status="open").values_list(
            "casus_id", "pk", "rol"
        ):
            groep = "pleger" if rol in ("pleger", "vermoedelijk_pleger") else "beschermd"
            per_casus[casus_id][groep].append(pk)
        kandidaten = sorted(c for c, g in per_casus.items() if g["pleger"] and g["beschermd"])
        if not kandidaten or aantal <= 0:
            return
        gekozen = self.rng.sample(kandidaten, min(aantal, len(kandidaten)))
        geopend = {p.casus_id: p.geopend_op.date() for p in ctx.casussen}
        uitvoerders = [u.pk for u in self.staf.alle_uitvoerders]
        # The last few bans fall in the last 10 days, so some still run.
        for i, casus_id in enumerate(sorted(gekozen)):
            if i < max(2, aantal // 12):
                dag = ctx.laatste_dag - timedelta(days=self.rng.randint(0, DUUR_DAGEN - 1))
            else:
                vroegst = max(ctx.options.vanaf, geopend.get(casus_id, ctx.options.vanaf))
                ruimte = max((ctx.laatste_dag - vroegst).days - 12, 0)
                dag = vroegst + timedelta(days=self.rng.randint(0, ruimte))
            opgelegd = datetime.combine(
                dag, time(self.rng.randint(0, 23), self.rng.choice((0, 15, 30, 45))), tzinfo=ctx.tz
            )
            if opgelegd >= ctx.eind:
                opgelegd = ctx.eind - timedelta(hours=1)
                dag = opgelegd.date()
            einde = dag + timedelta(days=DUUR_DAGEN)
            groep = per_casus[casus_id]
            door = self.rng.choice(uitvoerders) if uitvoerders else self.verdeler()
            if door is None:
                return
            verlengd = self.rng.random() < 0.3
            ingetrokken = not verlengd and self.rng.random() < 0.05
            nieuw_einde = dag + timedelta(days=self.rng.choice((21, 24, MAXIMUM_DAGEN)))
            besloten = einde - timedelta(days=self.rng.randint(0, 2))
            if verlengd and besloten > ctx.laatste_dag:
                verlengd = False
            huidig_einde = nieuw_einde if verlengd else einde
            if ingetrokken:
                status, beeindigd = "ingetrokken", dag + timedelta(days=self.rng.randint(1, 6))
            elif huidig_einde < ctx.laatste_dag:
                status, beeindigd = "afgelopen", huidig_einde
            else:
                status, beeindigd = ("verlengd" if verlengd else "lopend"), None
            if beeindigd is not None and beeindigd > ctx.laatste_dag:
                status, beeindigd = ("verlengd" if verlengd else "lopend"), None
            hv_id = self.w[Huisverbod].ids()  # type: ignore[misc]
            self.w[Huisverbod].add(
                id=hv_id,
                casus_id=casus_id,
                opgelegd_op=opgelegd,
                opgelegd_door=self.rng.choice(("burgemeester", "hulpofficier", "hulpofficier")),
                uithuisgeplaatste_id=groep["pleger"][0],
                oorspronkelijk_einde=einde,
                einde=huidig_einde,
                status=status,
                beeindigd_op=beeindigd,
                aangemaakt_door_id=door,
                aangemaakt_op=opgelegd,
                version=2 if verlengd else 1,
            )
            for beschermd in groep["beschermd"]:
                self.w[Huisverbod.beschermden.through].add(
                    huisverbod_id=hv_id, betrokkene_id=beschermd
                )
            if verlengd:
                self.w[HuisverbodVerlenging].add(
                    huisverbod_id=hv_id,
                    vorig_einde=einde,
                    nieuw_einde=nieuw_einde,
                    besloten_op=besloten,
                    besloten_door="burgemeester",
                    reden="Het risico op herhaling blijft bestaan; hulpverlening is net gestart.",
                    door_id=door,
                    vastgelegd_op=self.moment(besloten, 16),
                )
                self.tel["verlengd"] += 1
            if status in ("lopend", "verlengd"):
                self.tel["lopend"] += 1
                for taak in huisverbod_taken():
                    deadline = taak.deadline(dag, huidig_einde)
                    klaar = deadline < ctx.laatste_dag and self.rng.random() < 0.85
                    self.w[Taak].add(
                        casus_id=casus_id,
                        omschrijving=taak.omschrijving,
                        termijn_code="",
                        start=dag,
                        oorspronkelijke_deadline=deadline,
                        deadline=deadline,
                        toegewezen_aan_id=door,
                        aangemaakt_door_id=door,
                        afgerond_op=self.moment(min(deadline, ctx.laatste_dag), 15)
                        if klaar
                        else None,
                        afgerond_door_id=door if klaar else None,
                    )
            self.tel["huisverboden"] += 1
            self.boek(
                user_id=door,
                van=dag,
                tot=beeindigd or ctx.laatste_dag,
                minuten=self.norm_minuten(Urensoort.TIJDELIJK_HUISVERBOD),
                soort=Urensoort.TIJDELIJK_HUISVERBOD,
                huisverbod_id=hv_id,
                casus_id=casus_id,
            )

    # --- voorlichting -------------------------------------------------------------------------

    def voorlichtingen(self) -> None:
        ctx = self.ctx
        dagen = (ctx.laatste_dag - ctx.options.vanaf).days + 1
        aantal = round(VOORLICHTINGEN_PER_JAAR * ctx.options.schaal * dagen / 365)
        gevers = [u.pk for u in self.staf.alle_uitvoerders] or [
            u.pk for u in self.ctx.users.values()
        ][:1]
        if not gevers:
            return
        for _ in range(aantal):
            dag = _werkdag(ctx.options.vanaf + timedelta(days=self.rng.randint(0, dagen - 1)))
            if dag > ctx.laatste_dag:
                continue
            doelgroep, organisatie = self.rng.choice(DOELGROEPEN)
            minuten = self.rng.choice((60, 90, 120, 180))
            gever = self.rng.choice(gevers)
            v_id = self.w[Voorlichting].ids()  # type: ignore[misc]
            self.w[Voorlichting].add(
                id=v_id,
                datum=dag,
                onderwerp=self.rng.choice(ONDERWERPEN),
                doelgroep=doelgroep,
                organisatie=organisatie,
                deelnemers=self.rng.randint(8, 60),
                minuten=minuten,
                gegeven_door_id=gever,
                aangemaakt_op=self.moment(dag, 17),
                gewijzigd_op=self.moment(dag, 17),
            )
            self.tel["voorlichtingen"] += 1
            # preparation + the session itself
            self.boek(
                user_id=gever,
                van=dag,
                tot=dag,
                minuten=minuten + self.rng.choice((60, 120)),
                soort=Urensoort.VOORLICHTING,
                voorlichting_id=v_id,
            )

    def flush(self) -> None:
        # Order matters for the foreign keys: huisverboden before their rows, the booked
        # rows last, and corrections after the rows they correct (same table, later ids).
        for model in (
            DienstBehandeling,
            Toewijzing,
            Voorlichting,
            Huisverbod,
            Huisverbod.beschermden.through,
            HuisverbodVerlenging,
            Taak,
            Tijdregel,
        ):
            self.w[model].flush()
        sequences_reset(list(self.w))


def _planjaren(ctx: DemoContext) -> int:
    """Planning parameters for every year of the window (a copy of the nearest earlier year
    with parameters), so the realisation page compares the demo's hours and volumes with a plan.
    Returns how many years were added."""
    from zicht.planning.models import Parameterset
    from zicht.planning.selectors import organisatie_huidig
    from zicht.planning.services import parameterset_jaar_aanmaken

    jaren = set(
        Parameterset.objects.filter(organisatie=organisatie_huidig()).values_list("jaar", flat=True)
    )
    controllers = ctx.met_recht.get("planning_beheren", [])
    actor = controllers[0] if controllers else next(iter(ctx.users.values()), None)
    if not jaren or actor is None:
        return 0
    nieuw = 0
    for jaar in range(ctx.options.vanaf.year, ctx.peildatum.year + 1):
        if jaar in jaren:
            continue
        eerder = [j for j in jaren if j < jaar]
        parameterset_jaar_aanmaken(jaar=jaar, van_jaar=max(eerder or jaren), actor=actor)
        jaren.add(jaar)
        nieuw += 1
    return nieuw


def werk_step(ctx: DemoContext, balk: Balk) -> None:
    ctx.tel("planjaren", _planjaren(ctx))
    werk = _Werk(ctx, ctx.rng("werk"))
    balk.totaal(3)
    werk.diensten()
    balk.advance(1)
    werk.huisverboden()
    balk.advance(1)
    werk.voorlichtingen()
    balk.advance(1)
    werk.flush()
    t = werk.tel
    for soort in ("toegewezen", "huisverboden", "voorlichtingen", "tijdregels", "correcties"):
        ctx.tel(soort, t.get(soort, 0))
    balk.samenvatting = (
        f"{getal(t['toegewezen'])} diensten toegewezen, {getal(t['wachtlijst'])} op de "
        f"wachtlijst; {getal(t['huisverboden'])} huisverboden ({getal(t['lopend'])} lopend, "
        f"{getal(t['verlengd'])} verlengd); {getal(t['voorlichtingen'])} voorlichtingen; "
        f"{getal(t['tijdregels'])} urenboekingen ({getal(t['correcties'])} gecorrigeerd)"
    )
