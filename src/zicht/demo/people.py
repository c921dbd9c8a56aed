"""Synthetic people: Dutch-looking names, valid synthetic BSNs, (partial) birth dates.

Names come from pools drawn once per run from a seeded ``Faker("nl_NL")`` plus short lists of
common surnames and first names in the Netherlands (statistics, not persons); after that every
choice is the step's own ``random.Random``, which keeps a run fast and deterministic. Nothing
here is a real person: any resemblance is a coincidence of common names.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from zicht.people.domain.bsn import generate_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.domain.names import TUSSENVOEGSELS

__all__ = ["Namen", "bsn_nieuw", "datum_tussen", "jaren_terug", "partiele_datum"]

# The most common surnames in the Netherlands, and some typical of the region (with their
# tussenvoegsel). Weighted by repetition.
_GANGBARE_ACHTERNAMEN = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal",
    "Prins", "Blom", "Huisman", "de Jonge", "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra",
    "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Vink", "de Ruiter", "Groen",
    "Jonker", "van Loon", "Boer", "van der Velde", "de Lange", "Bosch", "Schipper", "de Koning",
    "van der Laan", "Molenaar", "de Leeuw", "Kaan", "Pronk", "Sijm", "Zeeman", "Stam", "Beers",
    "Glorie", "Kossen", "Zijp", "Blokker", "Schermerhorn", "Kroon", "Dekker", "Visser", "Bakker",
    "Koomen", "Tesselaar", "Ooms", "Ruiter", "Wit", "Appelman", "Bijlsma", "Bruin", "Kos",
)  # fmt: skip

# Names of Dutch residents with roots elsewhere: (surnames, female first names, male first names).
_ANDERE_HERKOMST: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç"),
        ("Ayşe", "Elif", "Zeynep", "Meryem", "Fatma", "Esra", "Büşra", "Selin"),
        ("Mehmet", "Mustafa", "Emre", "Yusuf", "Burak", "Ömer", "Kerem", "Hakan"),
    ),
    (
        ("El Amrani", "Bouzid", "El Idrissi", "Benali", "Ouali", "Ait Said", "Azzouzi", "Chaib"),
        ("Fatima", "Khadija", "Nadia", "Salma", "Imane", "Yasmina", "Samira", "Nora"),
        ("Mohammed", "Youssef", "Karim", "Bilal", "Hamza", "Anouar", "Ilias", "Rachid"),
    ),
    (
        ("Pinas", "Biharie", "Ramdin", "Doelwijt", "Kromosoeto", "Martina", "Sedney", "Jap-A-Joe"),
        ("Shanti", "Priya", "Chantal", "Gracia", "Sharon", "Kavita", "Anjali", "Esmeralda"),
        ("Ravi", "Dwight", "Rodney", "Sunil", "Glenn", "Rishi", "Marciano", "Anand"),
    ),
    (
        ("Nowak", "Wójcik", "Kowalczyk", "Lewandowski", "Zieliński", "Szymański"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Monika", "Natalia"),
        ("Piotr", "Tomasz", "Krzysztof", "Paweł", "Marek", "Jakub"),
    ),
    (
        ("Mohamud", "Hassan", "Haile", "Tesfay", "Ahmadi", "Nguyen", "Tran", "Rahimi"),
        ("Amina", "Hodan", "Selam", "Helen", "Maryam", "Linh", "Zahra", "Fatuma"),
        ("Abdi", "Mohamed", "Dawit", "Yonas", "Ali", "Minh", "Reza", "Omar"),
    ),
)
#: Share of households whose names come from :data:`_ANDERE_HERKOMST`.
_KANS_ANDERE_HERKOMST = 0.16

_POOL = 600


def _splits(naam: str) -> tuple[str, str] | None:
    """``"van der Ploeg"`` → ``("van der", "Ploeg")``; None for names we do not want (double
    or historical names from Faker's list)."""
    woorden = naam.split()
    voorvoegsel: list[str] = []
    while len(woorden) > 1 and woorden[0].casefold() in TUSSENVOEGSELS and woorden[0].islower():
        voorvoegsel.append(woorden.pop(0))
    if len(woorden) != 1 or "," in naam or not woorden[0][:1].isupper():
        return None
    return " ".join(voorvoegsel), woorden[0]


class Namen:
    """Name pools of one run, drawn from a seeded Faker once."""

    def __init__(self, faker: Faker) -> None:
        self.vrouw = tuple(faker.first_name_female() for _ in range(_POOL))
        self.man = tuple(faker.first_name_male() for _ in range(_POOL))
        faker_achternamen = [_splits(faker.last_name()) for _ in range(_POOL)]
        gangbaar = [_splits(n) for n in _GANGBARE_ACHTERNAMEN]
        self.achternamen = tuple(n for n in (*gangbaar, *gangbaar, *faker_achternamen) if n)

    def herkomst(self, rng: random.Random) -> int:
        """-1 for a Dutch-named household, else an index into the other pools."""
        if rng.random() < _KANS_ANDERE_HERKOMST:
            return rng.randrange(len(_ANDERE_HERKOMST))
        return -1

    def achternaam(self, rng: random.Random, herkomst: int) -> tuple[str, str]:
        """``(tussenvoegsel, achternaam)``."""
        if herkomst >= 0:
            return "", rng.choice(_ANDERE_HERKOMST[herkomst][0])
        return rng.choice(self.achternamen)

    def voornamen(self, rng: random.Random, geslacht: str, herkomst: int) -> str:
        """One or two first names ("Anna Maria"), for V, M or O (either pool)."""
        if geslacht == "O":
            geslacht = rng.choice("VM")
        if herkomst >= 0:
            pool = _ANDERE_HERKOMST[herkomst][1 if geslacht == "V" else 2]
        else:
            pool = self.vrouw if geslacht == "V" else self.man
        eerste = rng.choice(pool)
        if rng.random() < 0.3:
            tweede = rng.choice(pool)
            if tweede != eerste:
                return f"{eerste} {tweede}"
        return eerste


def bsn_nieuw(rng: random.Random, gezien: set[str]) -> str:
    """A synthetic BSN (passes the elfproef, never a convention) not handed out before."""
    while True:
        waarde = generate_bsn(rng).waarde
        if waarde not in gezien:
            gezien.add(waarde)
            return waarde


def jaren_terug(dag: date, jaren: float) -> date:
    """About ``jaren`` years before ``dag`` (365.25 days a year)."""
    return dag - timedelta(days=round(jaren * 365.25))


def datum_tussen(rng: random.Random, van: date, tot: date) -> date:
    """A day from ``van`` up to and including ``tot`` (``van`` when the range is empty)."""
    dagen = (tot - van).days
    if dagen <= 0:
        return van
    return van + timedelta(days=rng.randint(0, dagen))


def partiele_datum(
    rng: random.Random, dag: date, *, kans_alleen_jaar: float, kans_maand: float
) -> PartialDate:
    """``dag`` as it may be registered: sometimes only the year, sometimes year and month."""
    r = rng.random()
    if r < kans_alleen_jaar:
        return PartialDate(dag.year)
    if r < kans_alleen_jaar + kans_maand:
        return PartialDate(dag.year, dag.month)
    return PartialDate.from_date(dag)
