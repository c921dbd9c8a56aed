"""Number formats of the planning pages, the Dutch way (decimal comma, dots between thousands)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

_MILJOEN = Decimal(1_000_000)


def _decimaal(waarde: object) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None


def _nl(getal: Decimal, decimalen: int, *, teken: bool = False) -> str:
    stap = Decimal(1).scaleb(-decimalen)
    afgerond = getal.quantize(stap, rounding=ROUND_HALF_UP)
    if afgerond == 0:
        afgerond = abs(afgerond)  # no "-0,0"
    tekst = f"{abs(afgerond):,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if afgerond < 0:
        return f"−{tekst}"
    return f"+{tekst}" if teken and afgerond > 0 else tekst


@register.filter
def getal(waarde: object, decimalen: int = 0) -> str:
    """``1234.5|getal:1`` → ``1.234,5``."""
    d = _decimaal(waarde)
    return "–" if d is None else _nl(d, int(decimalen))


@register.filter
def verschil(waarde: object, decimalen: int = 0) -> str:
    """A signed difference: ``+1,2``, ``−0,3``, ``0,0``."""
    d = _decimaal(waarde)
    return "–" if d is None else _nl(d, int(decimalen), teken=True)


@register.filter
def mln(waarde: object, decimalen: int = 1) -> str:
    """Euros as millions: ``8192598|mln`` → ``8,2``."""
    d = _decimaal(waarde)
    return "–" if d is None else _nl(d / _MILJOEN, int(decimalen))


@register.filter
def euro(waarde: object) -> str:
    """Whole euros: ``8192598.44|euro`` → ``8.192.598``."""
    d = _decimaal(waarde)
    return "–" if d is None else _nl(d, 0)


@register.filter
def procent(waarde: object, decimalen: int = 1) -> str:
    """A fraction as a percentage: ``0.8059|procent`` → ``80,6%``."""
    d = _decimaal(waarde)
    return "–" if d is None else f"{_nl(d * 100, int(decimalen))}%"


@register.filter
def item(mapping: object, sleutel: object) -> object:
    """``mapping|item:key`` for keys a template cannot spell."""
    if isinstance(mapping, dict):
        return mapping.get(sleutel)
    return None


@register.filter
def verschil_mln(waarde: object, decimalen: int = 1) -> str:
    """A signed difference in millions: ``-100000|verschil_mln`` → ``−0,1``."""
    d = _decimaal(waarde)
    return "–" if d is None else _nl(d / _MILJOEN, int(decimalen), teken=True)


@register.filter
def exact(waarde: object) -> str:
    """A stored value as entered, without trailing zeros: ``0.076200`` → ``0,0762``."""
    d = _decimaal(waarde)
    if d is None:
        return "–"
    d = d.normalize()
    decimalen = max(-d.as_tuple().exponent, 0)  # type: ignore[operator]
    return _nl(d, decimalen)
