"""The demo organisation in the context, and who works on which casus.

Who does what is read from permissions (roles are data, DOMAIN §1): a melding is taken by a
user who may register meldingen, assessed by one who may run a veiligheidsbeoordeling, and
followed up by a member of the holding team who may run diensten. When the organisation grows
(more users per team), the demo data follows without a code change.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import Q

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm
from zicht.casework.models import CasusMedewerker, MedewerkerRol
from zicht.demo.bulk import BulkSchrijver, IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext
from zicht.demo.organisation import organisation_load
from zicht.demo.progress import Balk, getal

__all__ = ["CASELOAD", "Staf", "organisation_step", "toewijzingen_step"]

#: Open follow-up casussen a demo casemanager holds (a realistic caseload; the rest of the
#: team's open casussen waits unassigned: the demo shows a werkvoorraad).
CASELOAD = 24


def _met_recht(perm: Perm) -> list[User]:
    heeft = Q(groups__permissions__codename=perm.value) | Q(user_permissions__codename=perm.value)
    return list(
        User.objects.filter(heeft, is_active=True, gemeente_code="").distinct().order_by("username")
    )


def organisation_step(ctx: DemoContext, balk: Balk) -> None:
    """Loads the demo organisation (teams, users per role, second factors) into the context."""
    organisation_load()
    ctx.teams = {t.naam: t for t in Team.objects.filter(actief=True).order_by("naam")}
    ctx.users = {u.username: u for u in User.objects.filter(is_active=True).order_by("username")}
    ctx.met_recht = {perm.value: _met_recht(perm) for perm in Perm}
    ctx.leden_van_team = {
        team.pk: list(team.leden.filter(is_active=True).order_by("username"))
        for team in ctx.teams.values()
    }
    balk.samenvatting = f"{len(ctx.teams)} teams, {len(ctx.users)} gebruikers"


class Staf:
    """Picks the users for each kind of work (see the module docstring)."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        recht = ctx.met_recht
        self.intake = recht.get(Perm.MELDING_REGISTREREN.value, [])
        self.beoordelaars = recht.get(Perm.VEILIGHEIDSBEOORDELING_UITVOEREN.value, [])
        self.deskundigen = recht.get(Perm.BESLUIT_DESKUNDIGE.value, [])
        self.artsen = recht.get(Perm.MEDISCHE_NOTITIE.value, [])
        self.verdelers = recht.get(Perm.WERK_VERDELEN.value, [])
        uitvoerders = {u.pk for u in recht.get(Perm.DIENST_UITVOEREN.value, [])}
        self.uitvoerders_van_team = {
            team_id: [u for u in leden if u.pk in uitvoerders]
            for team_id, leden in ctx.leden_van_team.items()
        }
        self.alle_uitvoerders = recht.get(Perm.DIENST_UITVOEREN.value, [])
        schrijvers = recht.get(Perm.CASUS_BEWERKEN.value, [])
        self.iemand = schrijvers[0] if schrijvers else next(iter(ctx.users.values()), None)

    def _een(self, rng: random.Random, *pools: list[User]) -> User | None:
        for pool in pools:
            if pool:
                return rng.choice(pool)
        return self.iemand

    def intaker(self, rng: random.Random) -> User | None:
        return self._een(rng, self.intake, self.beoordelaars)

    def beoordelaar(self, rng: random.Random) -> User | None:
        return self._een(rng, self.beoordelaars, self.intake)

    def deskundige(self, rng: random.Random) -> User | None:
        return self._een(rng, self.deskundigen, self.beoordelaars)

    def arts(self, rng: random.Random) -> User | None:
        return self._een(rng, self.artsen)

    def verdeler(self, rng: random.Random) -> User | None:
        return self._een(rng, self.verdelers, self.beoordelaars)

    def uitvoerder(self, rng: random.Random, plan: CasusPlan) -> User | None:
        """Who writes in a casus's follow-up: its medewerker, else a member of its team."""
        if plan.medewerker_id is not None:
            for user in self.alle_uitvoerders:
                if user.pk == plan.medewerker_id:
                    return user
        return self._een(
            rng, self.uitvoerders_van_team.get(plan.team_id, []), self.alle_uitvoerders
        )


def toewijzingen_step(ctx: DemoContext, balk: Balk) -> None:
    """Assigns the assessor to every casus for its assessment (active while it lasts), and
    the team's casemanagers to a caseload of open follow-up casussen (newest first) plus some
    closed ones in the past. Other open casussen stay unassigned: the werkvoorraad."""
    rng = ctx.rng("toewijzingen")
    staf = Staf(ctx)
    ids = IdReeks(CasusMedewerker)
    schrijver = BulkSchrijver(CasusMedewerker)
    balk.totaal(len(ctx.casussen))
    peil = ctx.peildatum

    for i, plan in enumerate(ctx.casussen, start=1):
        if i % 100 == 0:
            balk.advance(100)
        beoordelaar = staf.beoordelaar(rng)
        if beoordelaar is None:
            continue
        plan.beoordelaar_id = beoordelaar.pk
        d0 = plan.geopend_op.date()
        in_vb = plan.fase(peil) == "veiligheidsbeoordeling"
        schrijver.add(
            CasusMedewerker(
                id=ids(),
                casus_id=plan.casus_id,
                user_id=beoordelaar.pk,
                rol=MedewerkerRol.VEILIGHEIDSBEOORDELAAR,
                van=d0,
                tot=None if in_vb else max(plan.vb_besluit_op, d0),
            )
        )
        if in_vb and rng.random() < 0.4 and (deskundige := staf.deskundige(rng)):
            schrijver.add(
                CasusMedewerker(
                    id=ids(),
                    casus_id=plan.casus_id,
                    user_id=deskundige.pk,
                    rol=MedewerkerRol.GEDRAGSDESKUNDIGE,
                    van=d0,
                )
            )

    caseload: dict[int, int] = {}
    vervolg = [p for p in ctx.casussen if p.vervolg_eind_op is not None]
    for plan in sorted(vervolg, key=lambda p: p.geopend_op, reverse=True):
        uitvoerders = staf.uitvoerders_van_team.get(plan.team_id, [])
        if not uitvoerders or plan.fase(peil) == "veiligheidsbeoordeling":
            continue
        open_ = plan.gesloten_op is None
        if open_:
            vrij = [u for u in uitvoerders if caseload.get(u.pk, 0) < CASELOAD]
            if not vrij:
                continue
            user = rng.choice(vrij)
            caseload[user.pk] = caseload.get(user.pk, 0) + 1
        elif rng.random() < 0.3:
            user = rng.choice(uitvoerders)
        else:
            continue
        plan.medewerker_id = user.pk
        van = min(plan.vb_besluit_op + timedelta(days=rng.randint(1, 5)), ctx.laatste_dag)
        tot = None if open_ else max(plan.gesloten_op.date(), van)  # type: ignore[union-attr]
        schrijver.add(
            CasusMedewerker(
                id=ids(),
                casus_id=plan.casus_id,
                user_id=user.pk,
                rol=MedewerkerRol.ONDERZOEKER
                if plan.uitkomst == "onderzoek"
                else MedewerkerRol.CASEMANAGER,
                van=van,
                tot=tot,
            )
        )
    balk.advance(len(ctx.casussen) % 100)
    schrijver.flush()
    sequences_reset([CasusMedewerker])
    ctx.tel("casusmedewerkers", schrijver.geschreven)
    balk.samenvatting = f"{getal(schrijver.geschreven)} toewijzingen"
