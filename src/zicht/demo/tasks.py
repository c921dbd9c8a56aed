"""Open tasks with live deadlines on the Atw calendar, for the casussen open at the end of the
window: finishing V&V or onderzoek (10 weeks after the besluit), a handover in progress and the
next monitoring contact (explicit dates). The tasks that start with a melding (the VB besluit in
5 working days, informing the betrokkenen in 4 weeks, feedback to the melder) are written per
melding by the meldingen step (``demo.intake``).

Deadlines come from the versioned terms (``termijn_get``) and the one deadline function, as the
task service computes them; a few V&V and onderzoek tasks carry an extension.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from zicht.casework.models import Taak, TaakVerlenging
from zicht.core.domain.terms import Termijn, TermijnOnbekend, Verlenging, deadline
from zicht.core.selectors import termijn_get
from zicht.demo.bulk import BulkSchrijver, IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext
from zicht.demo.progress import Balk, getal
from zicht.demo.staff import Staf

__all__ = ["taken_step"]

_VERLENGREDENEN = (
    "Gezin was enkele weken niet bereikbaar; extra gesprek nodig.",
    "Informatie van de school komt later binnen.",
    "Netwerkoverleg verplaatst op verzoek van de ouders.",
)


class _Taken:
    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        self.staf = Staf(ctx)
        self.ids = IdReeks(Taak)
        self.verlenging_ids = IdReeks(TaakVerlenging)
        self.taken = BulkSchrijver(Taak)
        self.verlengingen = BulkSchrijver(TaakVerlenging)
        self._termijnen: dict[tuple[str, date], Termijn | None] = {}
        self.te_laat = 0

    def termijn(self, code: str, start: date) -> Termijn | None:
        sleutel = (code, start)
        if sleutel not in self._termijnen:
            try:
                self._termijnen[sleutel] = termijn_get(code, op=start)
            except TermijnOnbekend:
                self._termijnen[sleutel] = None
        return self._termijnen[sleutel]

    def taak(
        self,
        plan: CasusPlan,
        omschrijving: str,
        start: date,
        *,
        code: str = "",
        uiterlijk: date | None = None,
        toegewezen_aan: int | None,
        door: int,
        verlenging: int = 0,
    ) -> None:
        """A task following term ``code`` from ``start``, or with the explicit ``uiterlijk``."""
        termijn = self.termijn(code, start) if code else None
        if termijn is not None:
            oorspronkelijk = deadline(start, termijn, self.ctx.kalender).einddatum
            verlengd = [Verlenging(verlenging, "verlengd")] if verlenging else []
            effectief = deadline(start, termijn, self.ctx.kalender, verlengingen=verlengd).einddatum
        elif uiterlijk is not None:
            code, oorspronkelijk = "", max(uiterlijk, start)
            effectief, verlenging = oorspronkelijk, 0
        else:
            return
        assert isinstance(oorspronkelijk, date)
        assert isinstance(effectief, date)
        self.te_laat += effectief < self.ctx.peildatum
        taak_id = self.ids()
        self.taken.add(
            Taak(
                id=taak_id,
                casus_id=plan.casus_id,
                omschrijving=omschrijving,
                termijn_code=code,
                start=start,
                oorspronkelijke_deadline=oorspronkelijk,
                deadline=effectief,
                toegewezen_aan_id=toegewezen_aan,
                aangemaakt_door_id=door,
            )
        )
        if verlenging and termijn is not None:
            moment = self.ctx.moment(min(oorspronkelijk, self.ctx.laatste_dag), 10)
            self.verlengingen.add(
                TaakVerlenging(
                    id=self.verlenging_ids(),
                    taak_id=taak_id,
                    aantal=verlenging,
                    eenheid=termijn.eenheid.value,
                    reden=self.rng.choice(_VERLENGREDENEN),
                    door_id=toegewezen_aan or door,
                    vastgelegd_op=moment,
                )
            )

    def casus(self, plan: CasusPlan) -> None:
        ctx, rng, staf = self.ctx, self.rng, self.staf
        if plan.gesloten_op is not None:
            return
        peil = ctx.peildatum
        d0 = plan.geopend_op.date()
        fase = plan.fase(peil)
        verdeler = staf.verdeler(rng)
        door = plan.beoordelaar_id or (verdeler.pk if verdeler else None)
        if door is None:
            return
        # The tasks that start at intake (VB besluit, informing the betrokkenen, feedback to
        # the melder) come with each melding: see demo.intake.
        if fase == "overdracht":
            self.taak(
                plan,
                "Overdracht aan ketenpartner afronden",
                plan.vb_besluit_op,
                uiterlijk=plan.vb_besluit_op + timedelta(days=14),
                toegewezen_aan=plan.beoordelaar_id,
                door=door,
            )
        elif fase == "vervolg":
            onderzoek = plan.uitkomst == "onderzoek"
            self.taak(
                plan,
                "Onderzoek afronden" if onderzoek else "Voorwaarden en Vervolg afronden",
                plan.vb_besluit_op,
                code="onderzoek_afronding" if onderzoek else "vv_afronding",
                toegewezen_aan=plan.medewerker_id,
                door=verdeler.pk if verdeler else door,
                verlenging=rng.randint(1, 3) if rng.random() < 0.08 else 0,
            )
        elif fase == "monitoren":
            start = max(peil - timedelta(days=rng.randint(0, 60)), plan.vervolg_eind_op or d0)
            self.taak(
                plan,
                "Monitoringscontact",
                start,
                uiterlijk=peil + timedelta(days=rng.randint(-5, 75)),
                toegewezen_aan=plan.medewerker_id,
                door=plan.medewerker_id or door,
            )


def taken_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("taken")
    taken = _Taken(ctx, rng)
    balk.totaal(len(ctx.casussen))
    for i, plan in enumerate(ctx.casussen, start=1):
        taken.casus(plan)
        if i % 100 == 0:
            balk.advance(100)
    balk.advance(len(ctx.casussen) % 100)
    taken.taken.flush()
    taken.verlengingen.flush()
    sequences_reset([Taak, TaakVerlenging])
    ctx.tel("taken", taken.taken.geschreven)
    ctx.tel("verlengingen", taken.verlengingen.geschreven)
    balk.samenvatting = (
        f"{getal(taken.taken.geschreven)} open taken, "
        f"waarvan {getal(taken.te_laat)} over de termijn"
    )
