"""Where the demo households live: the region's gemeenten (the ``Gemeente`` rows), weighted by
their approximate population, with plausible postcodes, places and streets.

The figures below only spread the demo data realistically over the region; they are rounded
and are not reference data. A gemeente without an entry (a new merger) gets a default weight
and its own name as place.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from faker import Faker

from zicht.accounts.models import Team
from zicht.people.models import Gemeente

__all__ = ["AdresPlan", "GemeenteKeuze", "Straten", "team_voor_gemeente"]

# cbs_code: (inwoners afgerond, (eerste, laatste postcodecijfers), woonplaatsen — the first is
# the main place and is chosen most often).
_GEMEENTEN: dict[str, tuple[int, tuple[int, int], tuple[str, ...]]] = {
    "GM0361": (110_000, (1811, 1829), ("Alkmaar", "Oudorp", "Koedijk", "Stompetoren", "De Rijp")),
    "GM0373": (30_000, (1860, 1873), ("Bergen", "Egmond aan Zee", "Egmond-Binnen", "Schoorl")),
    "GM0383": (36_000, (1900, 1906), ("Castricum", "Akersloot", "Limmen")),
    "GM0398": (57_000, (1700, 1707), ("Heerhugowaard",)),
    "GM0399": (24_000, (1850, 1852), ("Heiloo",)),
    "GM0416": (28_000, (1721, 1724), ("Broek op Langedijk", "Noord-Scharwoude", "Sint Pancras")),
    "GM1980": (
        88_000,
        (1700, 1724),
        ("Heerhugowaard", "Broek op Langedijk", "Noord-Scharwoude", "Zuid-Scharwoude"),
    ),
    "GM0400": (56_000, (1780, 1789), ("Den Helder", "Julianadorp")),
    "GM1911": (49_000, (1760, 1777), ("Anna Paulowna", "Wieringerwerf", "Hippolytushoef")),
    "GM0441": (47_000, (1740, 1759), ("Schagen", "Sint Maarten", "Warmenhuizen", "Tuitjenhorn")),
    "GM0448": (14_000, (1790, 1797), ("Den Burg", "De Koog", "Oudeschild", "Den Hoorn")),
    "GM0498": (20_000, (1606, 1619), ("Hoogkarspel", "Venhuizen", "Westwoud")),
    "GM0388": (19_000, (1600, 1602), ("Enkhuizen",)),
    "GM0405": (74_000, (1620, 1628), ("Hoorn", "Zwaag", "Blokker")),
    "GM1598": (23_000, (1633, 1648), ("Avenhorn", "De Goorn", "Obdam", "Berkhout")),
    "GM0420": (46_000, (1670, 1689), ("Medemblik", "Wervershoof", "Andijk", "Abbekerk")),
    "GM0432": (12_000, (1715, 1718), ("Opmeer", "Spanbroek", "Hoogwoud")),
    "GM0532": (22_000, (1610, 1613), ("Bovenkarspel", "Grootebroek", "Lutjebroek")),
    "GM0450": (14_000, (1910, 1911), ("Uitgeest",)),
}
_STANDAARD_INWONERS = 20_000

# Dutch postcodes do not use these letters (and not the pairs SA, SD, SS).
_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_POSTCODE_NIET = frozenset({"SA", "SD", "SS"})


def _info(gemeente: Gemeente) -> tuple[int, tuple[int, int], tuple[str, ...]]:
    standaard = (_STANDAARD_INWONERS, (1000, 9999), (gemeente.naam.split(" (")[0],))
    return _GEMEENTEN.get(gemeente.cbs_code, standaard)


def team_voor_gemeente(gemeente: Gemeente, vervolgteams: list[Team]) -> Team:
    """The follow-up team of a gemeente: "Team <subregio>", else the team whose description
    names the gemeente, else the first follow-up team."""
    for team in vervolgteams:
        if team.naam == f"Team {gemeente.subregio}":
            return team
    naam = gemeente.naam.split(" (")[0]
    for team in vervolgteams:
        if naam in team.omschrijving:
            return team
    return vervolgteams[0]


class GemeenteKeuze:
    """Draws a gemeente valid on a day, weighted by population.

    ``Gemeente`` has an end date but no start date: a successor (Dijk en Waard) starts the day
    after its predecessors end.
    """

    def __init__(self, gemeenten: list[Gemeente]) -> None:
        self.gemeenten = gemeenten
        begin: dict[str, date] = {}
        for g in gemeenten:
            if g.opgevolgd_door_id and g.geldig_tot:
                dag = g.geldig_tot + timedelta(days=1)
                begin[g.opgevolgd_door_id] = max(begin.get(g.opgevolgd_door_id, dag), dag)
        self._begin = begin
        self._cache: dict[tuple[str, ...], tuple[list[Gemeente], list[int]]] = {}

    def _geldig(self, dag: date) -> tuple[list[Gemeente], list[int]]:
        rijen = [
            g
            for g in self.gemeenten
            if (g.geldig_tot is None or dag <= g.geldig_tot)
            and (g.cbs_code not in self._begin or dag >= self._begin[g.cbs_code])
        ]
        sleutel = tuple(g.cbs_code for g in rijen)
        if sleutel not in self._cache:
            self._cache[sleutel] = (rijen, list(accumulate(_info(g)[0] for g in rijen)))
        return self._cache[sleutel]

    def gewichten(self, dag: date) -> list[tuple[Gemeente, int]]:
        """The gemeenten valid on ``dag`` with their weight (for loaders that draw fast)."""
        rijen, _ = self._geldig(dag)
        return [(g, _info(g)[0]) for g in rijen]

    def kies(self, rng: random.Random, dag: date) -> Gemeente:
        rijen, cumulatief = self._geldig(dag)
        return rijen[bisect.bisect_right(cumulatief, rng.random() * cumulatief[-1])]

    def kies_anders(self, rng: random.Random, dag: date, niet: Gemeente) -> Gemeente:
        """Another gemeente (a shelter lies outside the victim's own gemeente)."""
        for _ in range(20):
            keuze = self.kies(rng, dag)
            if keuze.cbs_code != niet.cbs_code:
                return keuze
        return niet


class Straten:
    """Street names of one run, drawn from a seeded Faker once."""

    def __init__(self, faker: Faker, aantal: int = 400) -> None:
        self.namen = tuple(sorted({faker.street_name() for _ in range(aantal)}))


@dataclass(frozen=True, slots=True)
class AdresPlan:
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    gemeente_code: str

    @classmethod
    def maak(cls, rng: random.Random, gemeente: Gemeente, straten: Straten) -> AdresPlan:
        _, (laag, hoog), plaatsen = _info(gemeente)
        while True:
            letters = rng.choice(_POSTCODE_LETTERS) + rng.choice(_POSTCODE_LETTERS)
            if letters not in _POSTCODE_NIET:
                break
        nummer = str(rng.randint(1, 180))
        r = rng.random()
        if r < 0.08:
            nummer += rng.choice("abc")
        elif r < 0.12:
            nummer += f"-{rng.randint(1, 3)}"
        plaats = plaatsen[0] if rng.random() < 0.7 else rng.choice(plaatsen)
        return cls(
            straat=rng.choice(straten.namen),
            huisnummer=nummer,
            postcode=f"{rng.randint(laag, hoog)}{letters}",
            woonplaats=plaats,
            gemeente_code=gemeente.cbs_code,
        )
