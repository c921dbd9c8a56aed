"""The burgerservicenummer (BSN) as a value object.

A BSN is nine digits that pass the *elfproef*: the digits weighted 9, 8, 7, 6, 5, 4, 3, 2 and
−1 (the last digit counts negatively) add up to a multiple of 11.

The code lists of the CBS delivery (informatieprotocol 2015) also use two *conventions* in the
BSN field: ``000000000`` for a person whose BSN is unknown and ``999999999`` for an unborn child.
They are not real BSNs (the second does not even pass the elfproef) but a registration may hold
them; :class:`BSN` accepts them and flags them with :attr:`BSN.is_convention`, so that matching
and exports can treat them apart. The conventions are *data*: they come from
``people/data/conventies.json`` (a copy of the code lists) and can be passed in explicitly.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Protocol

__all__ = [
    "BSN",
    "GEWICHTEN",
    "STANDAARD_CONVENTIES",
    "BsnConventies",
    "BsnFout",
    "elfproef",
    "generate_bsn",
    "mask_bsn",
]

#: Weights of the elfproef for the nine digits, left to right.
GEWICHTEN: tuple[int, ...] = (9, 8, 7, 6, 5, 4, 3, 2, -1)

MELDING_LENGTE = "Een BSN bestaat uit 9 cijfers."
MELDING_ELFPROEF = "Het BSN voldoet niet aan de elfproef."

# Separators people type inside a BSN (``123.456.782``, ``123 456 782``).
_SCHEIDINGSTEKENS = str.maketrans("", "", " .-\u00a0")


class BsnFout(ValueError):
    """An invalid BSN; ``bericht`` is the Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


@dataclass(frozen=True, slots=True)
class BsnConventies:
    """The BSN values that the code lists use as conventions, with their meaning."""

    waarden: Mapping[str, str] = field(default_factory=dict)

    def betekenis(self, waarde: str) -> str | None:
        """``"onbekend"``/``"ongeboren"`` for a convention, ``None`` for any other value."""
        return self.waarden.get(waarde)

    @classmethod
    def from_json(cls, text: str) -> BsnConventies:
        data = json.loads(text)
        bsn = data.get("bsn", {}) if isinstance(data, dict) else {}
        if not isinstance(bsn, dict):
            raise ValueError("conventies.json: 'bsn' moet een object zijn")
        waarden = {str(k): str(v) for k, v in bsn.items()}
        for waarde in waarden:
            if len(waarde) != 9 or not waarde.isdigit():
                raise ValueError(f"conventies.json: {waarde!r} is geen BSN-conventie van 9 cijfers")
        return cls(MappingProxyType(waarden))


def _standaard_conventies() -> BsnConventies:
    tekst = resources.files("zicht.people").joinpath("data/conventies.json").read_text("utf-8")
    return BsnConventies.from_json(tekst)


#: The conventions of the code lists this build ships (``000000000`` onbekend,
#: ``999999999`` ongeboren).
STANDAARD_CONVENTIES: BsnConventies = _standaard_conventies()


def _gewogen_som(cijfers: str) -> int:
    return sum(int(c) * w for c, w in zip(cijfers, GEWICHTEN, strict=True))


def elfproef(cijfers: str) -> bool:
    """True when ``cijfers`` is nine digits whose weighted sum is a multiple of 11.

    Mathematically ``000000000`` passes too; whether it is acceptable is up to :class:`BSN`.
    """
    if len(cijfers) != 9 or not cijfers.isascii() or not cijfers.isdigit():
        return False
    return _gewogen_som(cijfers) % 11 == 0


def mask_bsn(waarde: str) -> str:
    """All but the last three digits hidden: ``"******782"``. Empty stays empty."""
    if len(waarde) <= 3:
        return "*" * len(waarde)
    return "*" * (len(waarde) - 3) + waarde[-3:]


@dataclass(frozen=True, slots=True)
class BSN:
    """A valid BSN, or one of the conventions of the code lists.

    Build one with :meth:`parse`; the constructor checks the same rules. ``repr`` masks the
    number so that it does not end up in logs or tracebacks; ``str`` gives the nine digits.
    """

    waarde: str
    conventies: BsnConventies = field(default=STANDAARD_CONVENTIES, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.waarde) != 9 or not self.waarde.isascii() or not self.waarde.isdigit():
            raise BsnFout(MELDING_LENGTE)
        if self.conventies.betekenis(self.waarde) is not None:
            return
        if self.waarde == "000000000" or not elfproef(self.waarde):
            raise BsnFout(MELDING_ELFPROEF)

    @classmethod
    def parse(cls, tekst: str, *, conventies: BsnConventies = STANDAARD_CONVENTIES) -> BSN:
        """Reads a BSN as typed: spaces, dots and hyphens between the digits are ignored."""
        return cls(tekst.strip().translate(_SCHEIDINGSTEKENS), conventies)

    @property
    def is_convention(self) -> bool:
        """True for ``000000000`` (onbekend) and ``999999999`` (ongeboren): not a person's BSN."""
        return self.conventies.betekenis(self.waarde) is not None

    @property
    def conventie(self) -> str | None:
        """The meaning of a convention (``"onbekend"``, ``"ongeboren"``), else ``None``."""
        return self.conventies.betekenis(self.waarde)

    @property
    def masked(self) -> str:
        return mask_bsn(self.waarde)

    def __str__(self) -> str:
        return self.waarde

    def __repr__(self) -> str:
        return f"BSN({self.masked!r})"


class _Rng(Protocol):
    def randrange(self, start: int, stop: int, /) -> int: ...


def generate_bsn(rng: _Rng, *, conventies: BsnConventies = STANDAARD_CONVENTIES) -> BSN:
    """A synthetic BSN that passes the elfproef (for demo and benchmark data, never real people).

    ``rng`` is any object with ``randrange`` (``random.Random(seed)`` gives a deterministic
    sequence). The first digit is never 0 and a convention is never produced.
    """
    while True:
        eerste = [rng.randrange(1, 10)] + [rng.randrange(0, 10) for _ in range(7)]
        som = sum(c * w for c, w in zip(eerste, GEWICHTEN[:8], strict=True))
        # som - laatste ≡ 0 (mod 11)  ⇒  laatste = som mod 11, which must be a single digit.
        laatste = som % 11
        if laatste == 10:
            continue
        waarde = "".join(map(str, eerste)) + str(laatste)
        if conventies.betekenis(waarde) is None:
            return BSN(waarde, conventies)
