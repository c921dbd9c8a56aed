"""Reads about persons: the candidate look-ups for earlier involvement, and gemeenten.

Two look-ups, neither of which scans the table:

* :func:`persoon_find_candidates` — the *exact* look-up: the same BSN, or the same blocking key
  (``zoeksleutel``: normalised surname + birth year; ``naam_sleutel`` without a birth date).
  :func:`_rank` orders what it finds (BSN first, then by the similarity score below).
* :func:`persoon_find_matches` — the *fuzzy* look-up behind intake's "eerdere betrokkenheid":
  more blocking keys, so that a typo or a year off by one still finds the person, and every
  candidate scored 0–100 with rapidfuzz. It only proposes; nothing is linked or merged.

Blocking (which rows are read). Every branch is an indexed condition; they are OR-ed in one
query (PostgreSQL: a ``BitmapOr`` of index scans), capped at :data:`MAX_BLOK` rows with exact
hits first:

==================  ===================================================  =====================
branch              condition                                            index
==================  ===================================================  =====================
BSN                 ``bsn = …`` (valid, not a code-list convention)      ``bsn``
exact name + year   ``zoeksleutel IN (…)``: the surname variants ×       ``zoeksleutel``
                    birth year −1, 0, +1 and "year unknown"
name, no date       ``naam_sleutel IN (…)`` (surname variants)           ``naam_sleutel``
typo in the name    ``geboortedatum_jaar = J AND naam_sleutel`` in the   ``persoon_jaar_naam``
                    range of a 3-letter prefix: the typed one, Dutch     (migration 0003)
                    spelling variants (ij/y/ei, ck/kk/k, c/k, f/v, ...);
                    for a partial date also a letter too many or two
                    swapped in the first three
same birth date     ``geboortedatum_vroegst IN (…)`` for a complete      ``persoon_geboortedatum``
                    date (and its day/month transposed), whatever the    (partial, migration
                    name                                                 0003)
postcode            ids from ``Adres.postcode = …`` (never a *geheim*    ``adres_postcode``
                    address), read in a query of its own                 (migration 0003)
==================  ===================================================  =====================

*Surname variants* are the key without tussenvoegsel (``naam_sleutel``), the tussenvoegsel glued
on (``"ter Horst"`` registered as ``"Terhorst"``), and a glued tussenvoegsel split off
(``"Devries"`` → ``vries``). The branches are independent on purpose: a name typo the prefixes
miss (Hansen for Jansen, Jnsen) is still found through a complete birth date, a wrong birth
year through the name keys, either through the postcode. What they all miss: a wrong first
letter or a letter missing from the first three *with* only a partial birth date and no
agreeing postcode, and two errors at once (a typo in the name *and* a wrong date). A look-up
without a birth date reads at most :data:`MAX_BLOK` namesakes.

Scoring (:func:`gelijkenis_score`): 60 % name similarity (:func:`naam_gelijkenis`: rapidfuzz's
normalised Indel ratio on the normalised surnames, on a Dutch "sounds-like" form and per part of
a double surname), 40 % birth-date agreement (:func:`datum_overeenkomst`: exact, year and month,
year only, transposed day and month, a one-digit slip), +10 when the postcode of a (non-secret)
address agrees. Birth years more than one apart cap the score at 40 (a namesake, often a
family member), and names less than 75 alike cap it at 50 (another name: a shared birthday or
postcode is not enough); two different valid BSNs cost 25 (the elfproef catches every single-digit
typo, so they are almost certainly two people). A fuzzy score is at most 99: 100 means "the
same BSN". :data:`DREMPEL` (70) is the least score proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from rapidfuzz import fuzz

from zicht.people.domain.bsn import BSN, BsnFout, mask_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.domain.names import TUSSENVOEGSELS, naam_sleutel, normaliseer, zoeksleutel
from zicht.people.models import Adres, Gemeente, Persoon

__all__ = [
    "DATUM_CONFLICT",
    "DATUM_ONBEKEND",
    "DREMPEL",
    "MAX_BLOK",
    "NAAM_MINIMUM",
    "Blokken",
    "PersoonKandidaat",
    "PersoonMatch",
    "PostcodeFout",
    "blokken_maken",
    "datum_overeenkomst",
    "gelijkenis_score",
    "gemeente_actueel",
    "kandidaten_query",
    "klank",
    "naam_gelijkenis",
    "persoon_find_candidates",
    "persoon_find_matches",
    "persoon_ids_op_postcode",
    "postcode_normaliseren",
]

Reden = Literal["bsn", "naam_geboortedatum", "naam"]
MatchReden = Literal["bsn", "naam_geboortedatum"]

#: The least score :func:`persoon_find_matches` proposes.
DREMPEL: Final = 70
#: At most this many candidate rows are read per look-up (exact hits first).
MAX_BLOK: Final = 500
#: At most this many persons are read for one postcode.
MAX_POSTCODE: Final = 200

_GEWICHT_NAAM: Final = 60
_GEWICHT_DATUM: Final = 40
_POSTCODE_BONUS: Final = 10
_BSN_CONFLICT_MALUS: Final = 25
_DATUM_CONFLICT_MAX: Final = 40
#: Below this name similarity the names are different names (Bos/Vos, Berg/Bergkamp): a shared
#: birthday or postcode does not make them a proposal.
NAAM_MINIMUM: Final = 75
_NAAM_ANDERS_MAX: Final = 50
_MAX_FUZZY: Final = 99
#: The birth-date points when either date is unknown (neither for nor against).
DATUM_ONBEKEND: Final = 30
#: The birth-date points when the years lie more than one apart: a different person.
DATUM_CONFLICT: Final = 0

_KANDIDAAT_VELDEN = (
    "pk",
    "bsn",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum_jaar",
    "geboortedatum_maand",
    "geboortedatum_dag",
    "ongeboren",
    "verwachte_geboortedatum",
    "geslacht",
)


@dataclass(frozen=True, slots=True)
class PersoonKandidaat:
    """A lightweight row: enough to show and rank a candidate, with the BSN masked."""

    pk: int
    bsn_gemaskeerd: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: PartialDate | None
    ongeboren: bool
    verwachte_geboortedatum: date | None
    geslacht: str
    #: Why this person is a candidate: the same BSN, or the same blocking key.
    reden: Reden

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


@dataclass(frozen=True, slots=True)
class PersoonMatch:
    """A candidate of the fuzzy look-up with its score (0–100; 100 only for the same BSN)."""

    kandidaat: PersoonKandidaat
    score: int
    reden: MatchReden

    @property
    def pk(self) -> int:
        return self.kandidaat.pk


def _datum(row: dict[str, object]) -> PartialDate | None:
    jaar = row["geboortedatum_jaar"]
    if not isinstance(jaar, int):
        return None
    return PartialDate(jaar, row["geboortedatum_maand"], row["geboortedatum_dag"])  # type: ignore[arg-type]


def _kandidaat(row: dict[str, object], reden: Reden) -> PersoonKandidaat:
    datum = _datum(row)
    return PersoonKandidaat(
        pk=int(row["pk"]),  # type: ignore[call-overload]
        bsn_gemaskeerd=mask_bsn(str(row["bsn"])),
        voornamen=str(row["voornamen"]),
        tussenvoegsel=str(row["tussenvoegsel"]),
        achternaam=str(row["achternaam"]),
        geboortedatum=datum,
        ongeboren=bool(row["ongeboren"]),
        verwachte_geboortedatum=row["verwachte_geboortedatum"],  # type: ignore[arg-type]
        geslacht=str(row["geslacht"]),
        reden=reden,
    )


def _datum_past_bij(geboortedatum: date | PartialDate) -> Q:
    """Stored (partial) birth dates that could be the given one (within one blocking key)."""
    datum = _partial(geboortedatum)
    q = Q()
    if datum.month is not None:
        q &= Q(geboortedatum_maand__isnull=True) | Q(geboortedatum_maand=datum.month)
    if datum.day is not None:
        q &= Q(geboortedatum_dag__isnull=True) | Q(geboortedatum_dag=datum.day)
    return q


def _partial(datum: date | PartialDate) -> PartialDate:
    return datum if isinstance(datum, PartialDate) else PartialDate.from_date(datum)


def _geldig_bsn(bsn: str | None) -> str | None:
    """The nine digits of a valid, real BSN; ``None`` for nothing, a convention or garbage."""
    if not bsn:
        return None
    try:
        waarde = BSN.parse(bsn)
    except BsnFout:
        return None
    return None if waarde.is_convention else waarde.waarde


def persoon_find_candidates(
    *,
    bsn: str | None = None,
    achternaam: str | None = None,
    tussenvoegsel: str = "",
    geboortedatum: date | PartialDate | None = None,
    limit: int = 20,
) -> list[PersoonKandidaat]:
    """Persons who may be the one described: the same BSN (conventions such as ``000000000``
    never match), or the same normalised surname and birth year with a compatible birth date;
    with a surname only, the same normalised surname. BSN matches come first.

    Every query is an indexed equality (``bsn``, ``zoeksleutel`` or ``naam_sleutel``) bounded
    by ``limit``: no full scans. For typos and near misses use :func:`persoon_find_matches`.
    """
    if limit < 1:
        return []
    gevonden: dict[int, PersoonKandidaat] = {}
    waarde = _geldig_bsn(bsn)
    if waarde is not None:
        rows = Persoon.objects.filter(bsn=waarde).order_by("pk").values(*_KANDIDAAT_VELDEN)[:limit]
        for row in rows:
            gevonden.setdefault(int(row["pk"]), _kandidaat(row, "bsn"))
    if achternaam and achternaam.strip() and len(gevonden) < limit:
        if geboortedatum is not None:
            jaar = geboortedatum.year
            filter_q = Q(zoeksleutel=zoeksleutel(achternaam, tussenvoegsel, jaar))
            datum_q = _datum_past_bij(geboortedatum)
            if datum_q:  # an empty Q would absorb the OR below
                filter_q &= datum_q | Q(ongeboren=True)
            reden: Reden = "naam_geboortedatum"
        else:
            sleutel = naam_sleutel(achternaam, tussenvoegsel)
            filter_q = Q(naam_sleutel=sleutel) if sleutel else Q(pk__in=[])
            reden = "naam"
        rows = (
            Persoon.objects.filter(filter_q)
            .exclude(pk__in=list(gevonden))
            .order_by("pk")
            .values(*_KANDIDAAT_VELDEN)[: limit - len(gevonden)]
        )
        for row in rows:
            gevonden.setdefault(int(row["pk"]), _kandidaat(row, reden))
    return _rank(
        list(gevonden.values()),
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        tussenvoegsel=tussenvoegsel,
    )


def _rank(
    kandidaten: Sequence[PersoonKandidaat],
    *,
    achternaam: str | None,
    geboortedatum: date | PartialDate | None,
    tussenvoegsel: str = "",
) -> list[PersoonKandidaat]:
    """Orders the candidates of the exact look-up: BSN matches first, then by similarity
    (:func:`gelijkenis_score`), then in the order found."""
    volgorde = {"bsn": 0, "naam_geboortedatum": 1, "naam": 1}
    datum = _partial(geboortedatum) if geboortedatum is not None else None

    def sleutel(item: tuple[int, PersoonKandidaat]) -> tuple[int, int, int]:
        index, kandidaat = item
        score = gelijkenis_score(
            naam=naam_gelijkenis(
                achternaam or "", tussenvoegsel, kandidaat.achternaam, kandidaat.tussenvoegsel
            ),
            datum=datum_overeenkomst(datum, kandidaat.geboortedatum),
        )
        return (volgorde[kandidaat.reden], -score, index)

    return [k for _, k in sorted(enumerate(kandidaten), key=sleutel)]


# --- Similarity (pure: no database) ----------------------------------------------------------

# Dutch spellings that sound alike, applied in this order to make the "sounds-like" form.
_KLANK_REGELS: Final = (
    ("ch", "g"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("uy", "ui"),
    ("ck", "k"),
    ("c", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("z", "s"),
    ("v", "f"),
    ("ou", "au"),
    ("ae", "a"),
)
# Pairs whose either side may be written for the other at the start of a surname; used to
# widen the prefix blocking (Meijer/Meyer/Meier, Bakker/Backer, Visser/Fisser, Claassen/Klaassen).
_SPELLING_PAREN: Final = (
    ("ij", "y"),
    ("ij", "ei"),
    ("ei", "y"),
    ("ck", "kk"),
    ("ck", "k"),
    ("c", "k"),
    ("ph", "f"),
    ("f", "v"),
    ("s", "z"),
    ("ch", "g"),
    ("th", "t"),
    ("uy", "ui"),
)
_PREFIX_LENGTE: Final = 3
# Tussenvoegsels as they look when glued to the surname ("vanderberg"), longest first.
_TV_GELIJMD: Final = tuple(
    sorted({normaliseer(t) for t in TUSSENVOEGSELS if len(normaliseer(t)) >= 2}, key=len)[::-1]
)


def klank(naam: str) -> str:
    """A Dutch "sounds-like" form of a normalised surname: ``meijer``, ``meyer`` and ``meier``
    all give ``myer``; ``bakker`` and ``backer`` give ``baker``; doubled letters collapse and
    a final ``d`` sounds as ``t``."""
    for van, naar in _KLANK_REGELS:
        naam = naam.replace(van, naar)
    uit: list[str] = []
    for letter in naam:
        if not uit or uit[-1] != letter:
            uit.append(letter)
    if uit and uit[-1] == "d":
        uit[-1] = "t"
    return "".join(uit)


def _delen(achternaam: str, tussenvoegsel: str) -> list[str]:
    """The normalised parts of a double surname (``"Jansen-de Vries"`` → jansen, vries)."""
    if "-" not in achternaam:
        return []
    delen = [naam_sleutel(deel, tussenvoegsel) for deel in achternaam.split("-")]
    return [d for d in delen if d]


def naam_gelijkenis(
    zoek_achternaam: str, zoek_tussenvoegsel: str, achternaam: str, tussenvoegsel: str
) -> int:
    """How alike two surnames are, 0–100.

    Compared without tussenvoegsel and accents (``naam_sleutel``) and with the tussenvoegsel
    glued on (``"ter Horst"`` = ``"Terhorst"``), with rapidfuzz's normalised Indel ratio; the
    Dutch sounds-like forms (:func:`klank`) count at 95 %; a part of a double
    surname against the other name (or its parts) at 90 %. Not ``WRatio``: its partial match
    rates ``Berg`` against ``Bergkamp`` at 90, but those are different names.
    """
    a = naam_sleutel(zoek_achternaam, zoek_tussenvoegsel)
    b = naam_sleutel(achternaam, tussenvoegsel)
    if not a or not b:
        return 0
    beste = fuzz.ratio(a, b)
    if beste < 100:  # "ter Horst" registered as "Terhorst": compare the glued forms too
        gelijmd_a = normaliseer(f"{zoek_tussenvoegsel} {zoek_achternaam}")
        gelijmd_b = normaliseer(f"{tussenvoegsel} {achternaam}")
        beste = max(beste, fuzz.ratio(gelijmd_a, gelijmd_b))
    if beste < 100:
        beste = max(beste, 0.95 * fuzz.ratio(klank(a), klank(b)))
        delen_a = _delen(zoek_achternaam, zoek_tussenvoegsel) or [a]
        delen_b = _delen(achternaam, tussenvoegsel) or [b]
        if len(delen_a) > 1 or len(delen_b) > 1:
            for x in delen_a:
                for y in delen_b:
                    beste = max(beste, 0.9 * fuzz.ratio(x, y))
    return round(beste)


def datum_overeenkomst(zoek: PartialDate | None, kandidaat: PartialDate | None) -> int:
    """How well two (partial) birth dates agree, 0–100.

    ===============================================  ======
    the same full date                               100
    the same year and month, a day unknown           85
    day and month transposed (12-03 ↔ 03-12)         80
    the same year, a month unknown                   75
    year off by one, day and month the same          70
    the same year and month, another day             60
    the same year and day, another month             60
    either date unknown                              30
    the same year, month and day both different      20
    year off by one otherwise                        10
    years more than one apart (:data:`DATUM_CONFLICT`) 0
    ===============================================  ======
    """
    if zoek is None or kandidaat is None:
        return DATUM_ONBEKEND
    verschil = abs(zoek.year - kandidaat.year)
    if verschil > 1:
        return DATUM_CONFLICT
    if verschil == 1:
        zelfde_rest = (
            zoek.month is not None and zoek.month == kandidaat.month and zoek.day == kandidaat.day
        )
        return 70 if zelfde_rest else 10
    if zoek.month is None or kandidaat.month is None:
        return 75
    if zoek.month == kandidaat.month:
        if zoek.day is None or kandidaat.day is None:
            return 85
        return 100 if zoek.day == kandidaat.day else 60
    if zoek.day is not None and kandidaat.day is not None:
        if zoek.day == kandidaat.month and zoek.month == kandidaat.day:
            return 80
        if zoek.day == kandidaat.day:
            return 60
    return 20


def gelijkenis_score(
    *, naam: int, datum: int, postcode_gelijk: bool = False, bsn_conflict: bool = False
) -> int:
    """The score of a fuzzy candidate, 0–99, from :func:`naam_gelijkenis` and
    :func:`datum_overeenkomst` (see the module docstring for the weights)."""
    score = (_GEWICHT_NAAM * naam + _GEWICHT_DATUM * datum) / 100
    if postcode_gelijk:
        score += _POSTCODE_BONUS
    if bsn_conflict:
        score -= _BSN_CONFLICT_MALUS
    if datum == DATUM_CONFLICT:
        score = min(score, _DATUM_CONFLICT_MAX)
    if naam < NAAM_MINIMUM:
        score = min(score, _NAAM_ANDERS_MAX)
    return max(0, min(_MAX_FUZZY, round(score)))


# --- Blocking keys (pure) ------------------------------------------------------------------


class PostcodeFout(ValueError):
    """An invalid postcode; ``bericht`` is the Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


def postcode_normaliseren(tekst: str) -> str:
    """``"1811ab"`` → ``"1811 AB"`` (how addresses store it); empty stays empty.
    Raises :class:`PostcodeFout` for anything that is not 4 digits and 2 letters."""
    compact = "".join(tekst.split()).upper()
    if not compact:
        return ""
    cijfers, letters = compact[:4], compact[4:]
    if not (
        len(compact) == 6
        and cijfers.isascii()
        and cijfers.isdigit()
        and cijfers[0] != "0"
        and letters.isascii()
        and letters.isalpha()
    ):
        raise PostcodeFout("Een postcode bestaat uit 4 cijfers en 2 letters, zoals 1811 AB.")
    return f"{cijfers} {letters}"


@dataclass(frozen=True, slots=True)
class Blokken:
    """The blocking keys of one look-up: what the candidate query asks the indexes for."""

    bsn: str | None
    #: Surname variants (``naam_sleutel`` values).
    namen: tuple[str, ...]
    #: ``naam:jaar`` keys: every variant × birth year −1, 0, +1 and the unknown year.
    zoeksleutels: tuple[str, ...]
    #: The birth year of the prefix ranges (``None``: no prefix ranges).
    jaar: int | None
    #: Half-open ranges ``[van, tot)`` of ``naam_sleutel``; ``tot`` None means unbounded.
    prefix_bereiken: tuple[tuple[str, str | None], ...]
    #: Complete birth dates: the one asked and, when it can be, day and month transposed.
    datums: tuple[date, ...] = ()

    @property
    def leeg(self) -> bool:
        return not (self.bsn or self.namen)


def _naam_varianten(achternaam: str, tussenvoegsel: str) -> tuple[str, ...]:
    basis = naam_sleutel(achternaam, tussenvoegsel)
    if not basis:
        return ()
    varianten = {basis, normaliseer(f"{tussenvoegsel} {achternaam}")}
    rest = basis
    for _ in range(3):  # "vanderberg" → "derberg" → "berg"
        for tv in _TV_GELIJMD:
            if rest.startswith(tv) and len(rest) - len(tv) >= 4:
                rest = rest[len(tv) :]
                varianten.add(rest)
                break
        else:
            break
    varianten.discard("")
    return tuple(sorted(varianten))


def _prefixen(naam: str, *, tikfouten: bool) -> tuple[str, ...]:
    """The 3-letter prefixes under which a typo of ``naam`` may be registered: its own; those
    of its Dutch spelling variants at the start (Meyer → mei); and, with ``tikfouten``, those
    with one letter of the first three dropped or two neighbours swapped back (Jaansen → jan,
    Jnasen → jan). Those last ones are asked only when the birth date is not complete: with a
    complete date the birth-date branch finds such typos already, and they triple the rows
    read. A letter *missing* from the first three (Jnsen) is not recovered here (that would
    take a range per possible letter): only the birth-date branch finds it."""
    n = _PREFIX_LENGTE
    varianten = {naam}
    for links, rechts in _SPELLING_PAREN:
        for van, naar in ((links, rechts), (rechts, links)):
            start = naam.find(van)
            if not 0 <= start < n:
                continue
            if van.startswith("c") and naam[start - 1 : start] == "s":
                continue  # the "sch" of Schouten is not a c/k or ch/g variant
            varianten.add(naam[:start] + naar + naam[start + len(van) :])
    if tikfouten and len(naam) > 1:
        for i in range(min(n, len(naam) - 1)):
            varianten.add(naam[:i] + naam[i + 1 :])  # a letter too many
            varianten.add(naam[:i] + naam[i + 1 : i + 2] + naam[i] + naam[i + 2 :])  # swapped
    return tuple(sorted({v[:n] for v in varianten if v}))


def _volgende(prefix: str) -> str | None:
    """The least letters-only string above every string that starts with ``prefix``
    (``"jan"`` → ``"jao"``, ``"jaz"`` → ``"jb"``); ``None`` above ``"zzz"``. Only letters, so
    the range is the same in every collation."""
    kern = prefix.rstrip("z")
    if not kern:
        return None
    return kern[:-1] + chr(ord(kern[-1]) + 1)


def blokken_maken(
    *,
    bsn: str | None = None,
    achternaam: str = "",
    tussenvoegsel: str = "",
    geboortedatum: PartialDate | None = None,
) -> Blokken:
    """The blocking keys for a look-up (see the module docstring)."""
    namen = _naam_varianten(achternaam, tussenvoegsel)
    jaar = geboortedatum.year if geboortedatum is not None else None
    zoeksleutels: tuple[str, ...] = ()
    bereiken: tuple[tuple[str, str | None], ...] = ()
    if namen and jaar is not None:
        jaren: list[int | None] = [jaar - 1, jaar, jaar + 1, None]
        zoeksleutels = tuple(
            sorted({f"{naam}:{'' if j is None else f'{j:04d}'}" for naam in namen for j in jaren})
        )
        compleet = geboortedatum is not None and geboortedatum.is_complete
        basis = naam_sleutel(achternaam, tussenvoegsel)
        bereiken = tuple((p, _volgende(p)) for p in _prefixen(basis, tikfouten=not compleet))
    datums: tuple[date, ...] = ()
    if namen and geboortedatum is not None and geboortedatum.is_complete:
        datums = tuple(sorted({geboortedatum.earliest(), *_omgedraaid(geboortedatum)}))
    return Blokken(
        bsn=_geldig_bsn(bsn),
        namen=namen,
        zoeksleutels=zoeksleutels,
        jaar=jaar if bereiken else None,
        prefix_bereiken=bereiken,
        datums=datums,
    )


def _omgedraaid(datum: PartialDate) -> list[date]:
    """The date with day and month swapped (03-12 for 12-03), when that is a date."""
    dag, maand = datum.day, datum.month
    if dag is None or maand is None or dag > 12 or dag == maand:
        return []
    return [date(datum.year, dag, maand)]


# --- The fuzzy look-up ---------------------------------------------------------------------


def persoon_ids_op_postcode(postcode: str) -> set[int]:
    """Persons with a non-secret address at ``postcode`` (normalised: ``"1811 AB"``), at most
    :data:`MAX_POSTCODE`. A *geheim* address never takes part: matching on it would tell the
    searcher where a victim's shelter is. The compact spelling (``"1811AB"``, as bulk-loaded and
    demo addresses hold it) matches too."""
    if not postcode:
        return set()
    spellingen = sorted({postcode, postcode.replace(" ", "")})
    return set(
        Adres.objects.filter(postcode__in=spellingen, geheim=False)
        .order_by()
        .values_list("persoon_id", flat=True)
        .distinct()[:MAX_POSTCODE]
    )


def kandidaten_query(
    blokken: Blokken, postcode_ids: Iterable[int] = ()
) -> QuerySet[Persoon, dict[str, Any]] | None:
    """The candidate query of :func:`persoon_find_matches`: one OR of indexed conditions,
    exact hits first, at most :data:`MAX_BLOK` rows. ``None`` when there is nothing to ask."""
    voorwaarde = Q()
    voorrang: list[When] = []
    if blokken.bsn:
        voorwaarde |= Q(bsn=blokken.bsn)
        voorrang.append(When(bsn=blokken.bsn, then=Value(0)))
    if blokken.zoeksleutels:
        voorwaarde |= Q(zoeksleutel__in=blokken.zoeksleutels)
        voorrang.append(When(zoeksleutel__in=blokken.zoeksleutels, then=Value(1)))
    elif blokken.namen:
        voorwaarde |= Q(naam_sleutel__in=blokken.namen)
        voorrang.append(When(naam_sleutel__in=blokken.namen, then=Value(1)))
    for van, tot in blokken.prefix_bereiken:
        bereik = Q(geboortedatum_jaar=blokken.jaar, naam_sleutel__gte=van)
        if tot is not None:
            bereik &= Q(naam_sleutel__lt=tot)
        voorwaarde |= bereik
    if blokken.datums:  # the partial index persoon_geboortedatum_idx: complete dates only
        voorwaarde |= Q(geboortedatum_vroegst__in=blokken.datums, geboortedatum_dag__isnull=False)
    ids = sorted(set(postcode_ids))
    if ids:
        voorwaarde |= Q(pk__in=ids)
    if not voorwaarde:
        return None
    return (
        Persoon.objects.filter(voorwaarde)
        .annotate(_voorrang=Case(*voorrang, default=Value(2), output_field=IntegerField()))
        .order_by("_voorrang", "pk")
        .values(*_KANDIDAAT_VELDEN)[:MAX_BLOK]
    )


def persoon_find_matches(
    *,
    bsn: str | None = None,
    achternaam: str = "",
    tussenvoegsel: str = "",
    geboortedatum: PartialDate | None = None,
    postcode: str = "",
    limit: int = 10,
    drempel: int = DREMPEL,
) -> list[PersoonMatch]:
    """Persons who may be the one described, best first, each with a score of at least
    ``drempel``: 100 for the same valid BSN (conventions and invalid numbers never match),
    otherwise the similarity of :func:`gelijkenis_score`. At most ``limit``; ties by pk.

    ``postcode`` must be normalised (:func:`postcode_normaliseren`). Two queries at most (the
    postcode's persons, then the candidates), each through an index; nothing is written.
    """
    if limit < 1:
        return []
    blokken = blokken_maken(
        bsn=bsn, achternaam=achternaam, tussenvoegsel=tussenvoegsel, geboortedatum=geboortedatum
    )
    op_postcode = persoon_ids_op_postcode(postcode) if blokken.namen else set()
    query = kandidaten_query(blokken, op_postcode)
    if query is None:
        return []
    matches: list[PersoonMatch] = []
    # A block holds many namesakes and shared birthdays: each distinct name and date is
    # compared once per look-up.
    naam_punten: dict[tuple[object, object], int] = {}
    datum_punten: dict[tuple[object, object, object], int] = {}
    for row in query:
        eigen_bsn = _geldig_bsn(str(row["bsn"])) if blokken.bsn is not None else None
        if eigen_bsn is not None and eigen_bsn == blokken.bsn:
            matches.append(PersoonMatch(_kandidaat(row, "bsn"), 100, "bsn"))
            continue
        naam_sleutel_ = (row["achternaam"], row["tussenvoegsel"])
        naam = naam_punten.get(naam_sleutel_)
        if naam is None:
            naam = naam_gelijkenis(achternaam, tussenvoegsel, *map(str, naam_sleutel_))
            naam_punten[naam_sleutel_] = naam
        datum_sleutel = (
            row["geboortedatum_jaar"],
            row["geboortedatum_maand"],
            row["geboortedatum_dag"],
        )
        datum = datum_punten.get(datum_sleutel)
        if datum is None:
            datum = datum_overeenkomst(geboortedatum, _datum(row))
            datum_punten[datum_sleutel] = datum
        score = gelijkenis_score(
            naam=naam,
            datum=datum,
            postcode_gelijk=row["pk"] in op_postcode,
            bsn_conflict=eigen_bsn is not None,
        )
        if score >= drempel:
            matches.append(
                PersoonMatch(_kandidaat(row, "naam_geboortedatum"), score, "naam_geboortedatum")
            )
    matches.sort(key=lambda m: (-m.score, m.pk))
    return matches[:limit]


def gemeente_actueel(code: str, op: date) -> Gemeente:
    """The gemeente that ``code`` stands for on ``op``, following mergers: Heerhugowaard
    (GM0398) asked for on 1 January 2022 or later gives Dijk en Waard (GM1980).

    Raises :class:`Gemeente.DoesNotExist` for an unknown code.
    """
    gemeente = Gemeente.objects.select_related("opgevolgd_door").get(cbs_code=code.upper())
    gezien = {gemeente.cbs_code}
    while not gemeente.is_geldig_op(op) and gemeente.opgevolgd_door_id is not None:
        opvolger = gemeente.opgevolgd_door
        assert opvolger is not None
        if opvolger.cbs_code in gezien:  # a cycle in the data: stop at the last valid one
            break
        gezien.add(opvolger.cbs_code)
        gemeente = (
            Gemeente.objects.select_related("opgevolgd_door").get(pk=opvolger.pk)
            if opvolger.opgevolgd_door_id is not None
            else opvolger
        )
    return gemeente
