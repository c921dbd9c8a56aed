"""Template helpers of the intake pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def pagina_url(context: dict[str, Any], param: str, nummer: int) -> str:
    """The current query string with ``param`` set to ``nummer`` (several paginated lists on
    one page each keep their own page)."""
    params = context["request"].GET.copy()
    params[param] = str(nummer)
    return f"?{params.urlencode()}"
