"""Every URL pattern of the project, found by walking the resolver (so routes that other apps
add later are covered without a change here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern


@dataclass(frozen=True)
class Route:
    naam: str  # namespaced url name, e.g. "casework:detail"
    kwargs: tuple[str, ...]  # all keyword arguments
    int_kwargs: tuple[str, ...]  # those that take an integer id
    str_kwargs: tuple[str, ...]
    callback: object

    def __str__(self) -> str:
        return self.naam


def _soort(converter: object) -> str:
    """'int' for any converter that takes a number (Django's ``int`` and custom ones such as
    the API's ``id``), 'str' otherwise."""
    if isinstance(converter, IntConverter):
        return "int"
    regex = getattr(converter, "regex", "")
    if re.fullmatch(regex, "123") and not re.fullmatch(regex, "x"):
        return "int"
    return "str"


def _kwargs(pattern: object) -> tuple[dict[str, str], bool]:
    """({name: 'int'|'str'}, ok)."""
    if isinstance(pattern, RoutePattern):
        return {k: _soort(c) for k, c in pattern.converters.items()}, True
    if isinstance(pattern, RegexPattern):
        groups = pattern.regex.groupindex
        return {k: "int" if k.endswith("pk") or k.endswith("id") else "str" for k in groups}, True
    return {}, False


def alle_routes() -> list[Route]:
    result: list[Route] = []

    def walk(patterns: list, namespace: str, soorten: dict[str, str]) -> None:
        for p in patterns:
            eigen, _ok = _kwargs(p.pattern)
            alle = {**soorten, **eigen}
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, ns, alle)
            elif isinstance(p, URLPattern) and p.name:
                naam = f"{namespace}:{p.name}" if namespace else p.name
                if any(r.naam == naam and r.kwargs == tuple(alle) for r in result):
                    continue
                result.append(
                    Route(
                        naam=naam,
                        kwargs=tuple(alle),
                        int_kwargs=tuple(k for k, v in alle.items() if v == "int"),
                        str_kwargs=tuple(k for k, v in alle.items() if v != "int"),
                        callback=p.callback,
                    )
                )

    walk(get_resolver().url_patterns, "", {})
    return result
