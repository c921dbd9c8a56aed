"""A Zicht instance for the cross-process radar tests: its own process, settings and database,
driven through JSON lines on stdin (one answer line on stdout per command).

It calls the same services as the pages do (casework and people for intake, radar for sync), so
the tests exercise the real code across process boundaries without logging in through 2FA.
Run as ``python -m zicht.radar.tests.instance`` with ``DATABASE_URL`` and ``ZICHT_RADAR`` set.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Any


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.test")
    import django

    django.setup()

    from zicht.accounts.models import Team, User
    from zicht.casework.models import Casus
    from zicht.casework.services import betrokkene_add, casus_open, casus_sluiten
    from zicht.people.domain.dates import PartialDate
    from zicht.people.services import persoon_create
    from zicht.radar import selectors, services
    from zicht.radar.models import RadarBetrokkenheid, RadarSignaal

    team, _ = Team.objects.get_or_create(naam="Team radar")
    actor, _ = User.objects.get_or_create(username="radar-test")

    def intake(opdracht: dict[str, Any]) -> dict[str, Any]:
        casus = casus_open(actor=actor, team=team)
        ids = []
        for p in opdracht["personen"]:
            gd = date.fromisoformat(p["geboortedatum"]) if p.get("geboortedatum") else None
            persoon = persoon_create(
                actor=actor,
                achternaam=p["achternaam"],
                voornamen=p.get("voornamen", ""),
                tussenvoegsel=p.get("tussenvoegsel", ""),
                bsn=p.get("bsn", ""),
                geboortedatum=PartialDate(gd.year, gd.month, gd.day) if gd else None,
            )
            betrokkene_add(actor=actor, casus=casus, persoon=persoon, rol=p.get("rol", "kind"))
            ids.append(persoon.pk)
        return {"casus": casus.pk, "personen": ids}

    def sluit(opdracht: dict[str, Any]) -> dict[str, Any]:
        casus = Casus.objects.get(pk=opdracht["casus"])
        casus_sluiten(actor=actor, casus=casus, expected_version=casus.version)
        return {"casus": casus.pk}

    def vernietig(opdracht: dict[str, Any]) -> dict[str, Any]:
        # What the destruction does to radar (the instance's database holds radar's tables
        # and those below it only, so the full walk over every app is tested in-process, in
        # test_vernietiging.py): the configured hooks, then the rows go.
        from django.db import transaction

        from zicht.privacy import destruction

        with transaction.atomic():
            for haak in destruction.vernietiging_haken():
                haak([opdracht["casus"]])
            RadarBetrokkenheid.objects.filter(casus_id=opdracht["casus"]).delete()
        return {"casus": opdracht["casus"]}

    def sync(opdracht: dict[str, Any]) -> dict[str, Any]:
        u = services.radar_sync(negeer_wachttijd=opdracht.get("negeer_wachttijd", False))
        return {
            "verzonden": u.verzonden,
            "wachtend": u.wachtend,
            "signalen": u.signalen,
            "nieuw": u.nieuw,
            "beeindigd": u.beeindigd,
            "fouten": u.fouten,
        }

    def signalen(opdracht: dict[str, Any]) -> dict[str, Any]:
        return {
            "signalen": [
                {
                    "casus": s.casus_id,
                    "organisatie": s.organisatie_code,
                    "naam": s.organisatie_naam,
                    "contact": s.contactregel,
                }
                for s in RadarSignaal.objects.order_by("pk")
            ]
        }

    def betrokkenheden(opdracht: dict[str, Any]) -> dict[str, Any]:
        return {
            "betrokkenheden": [
                {"casus": b.casus_id, "referentie": str(b.referentie), "tot": str(b.tot or "")}
                for b in RadarBetrokkenheid.objects.order_by("pk")
            ]
        }

    def stand(opdracht: dict[str, Any]) -> dict[str, Any]:
        return {k: str(v) for k, v in selectors.radar_stand().items()}

    acties = {
        "intake": intake,
        "sluit": sluit,
        "vernietig": vernietig,
        "sync": sync,
        "signalen": signalen,
        "betrokkenheden": betrokkenheden,
        "stand": stand,
    }
    print(json.dumps({"klaar": True}), flush=True)
    for regel in sys.stdin:
        opdracht = json.loads(regel)
        if opdracht["op"] == "stop":
            break
        try:
            antwoord = acties[opdracht["op"]](opdracht)
        except Exception as fout:  # reported to the test, which fails with it
            antwoord = {"fout": f"{type(fout).__name__}: {fout}"}
        print(json.dumps(antwoord), flush=True)


if __name__ == "__main__":
    main()
