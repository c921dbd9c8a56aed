"""Pagination that stays fast on a million rows: the total is counted up to a cap.

An exact ``COUNT(*)`` over a large, access-scoped list reads every matching row; above the cap
the page says "meer dan 1.000" and the user narrows the list with its filters instead.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A :class:`Paginator` whose ``count`` stops at ``cap + 1`` (one bounded query)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = COUNT_CAP, **kwargs: Any):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if hasattr(object_list, "order_by"):
            return int(object_list.order_by()[: self.cap + 1].count())
        return min(len(object_list), self.cap + 1)

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def count_display(self) -> str:
        if self.count_is_capped:
            return f"meer dan {self.cap:,}".replace(",", ".")
        return str(self.count)
