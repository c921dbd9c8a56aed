"""Page-number pagination with HAL-style ``_links`` in the body (see docs/api.md).

``count`` stops at 1,000 (:class:`zicht.core.pagination.CappedPaginator`): an exact count
over a large scoped list reads every row. ``countIsCapped`` says when it did; ``last`` is then
left out. A page beyond the end, or a non-number, is a 400 with ``invalidParams``."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from zicht.core.pagination import CappedPaginator


def _href(url: str | None) -> dict[str, str] | None:
    return {"href": url} if url else None


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 500
    page_query_param = "page"
    django_paginator_class = CappedPaginator

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self.request = request
        grootte = request.query_params.get(self.page_size_query_param)
        if grootte is not None and (not grootte.isdigit() or not 1 <= int(grootte) <= 500):
            raise exceptions.ValidationError(
                {self.page_size_query_param: ["Kies een paginagrootte van 1 tot en met 500."]}
            )
        nummer = request.query_params.get(self.page_query_param, "1")
        if not nummer.isdigit() or not 1 <= int(nummer) <= 1_000_000:
            raise exceptions.ValidationError(
                {self.page_query_param: ["Geef een paginanummer vanaf 1."]}
            )
        page_size = self.get_page_size(request) or self.page_size
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(int(nummer))
        except InvalidPage:
            raise exceptions.ValidationError(
                {self.page_query_param: ["Deze pagina bestaat niet."]}
            ) from None
        return list(self.page)

    def _link(self, nummer: int | None) -> str | None:
        if nummer is None:
            return None
        url = self.request.build_absolute_uri()
        if nummer == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, nummer)

    def get_paginated_response(self, data: Any) -> Response:
        page = self.page
        paginator: CappedPaginator = page.paginator  # type: ignore[assignment]
        capped = paginator.count_is_capped
        links = {
            "self": _href(self.request.build_absolute_uri()),
            "first": _href(self._link(1)),
            "prev": _href(self._link(page.previous_page_number() if page.has_previous() else None)),
            "next": _href(self._link(page.next_page_number() if page.has_next() else None)),
            "last": None if capped else _href(self._link(paginator.num_pages)),
        }
        return Response(
            {
                "_links": links,
                "count": min(paginator.count, paginator.cap) if capped else paginator.count,
                "countIsCapped": capped,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {
            "type": "object",
            "nullable": True,
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["_links", "count", "countIsCapped", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": dict.fromkeys(("self", "first", "prev", "next", "last"), link),
                },
                "count": {"type": "integer"},
                "countIsCapped": {"type": "boolean"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer (vanaf 1).",
                "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Aantal resultaten per pagina (1–500, standaard 50).",
                "schema": {"type": "integer", "minimum": 1, "maximum": 500},
            },
        ]
