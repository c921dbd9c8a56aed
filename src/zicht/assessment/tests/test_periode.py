"""The share on time shown to team leaders never reads as meeting the norm when it does not."""

from datetime import date

import pytest

from zicht.assessment.selectors import Periode


@pytest.mark.parametrize(
    ("besloten", "op_tijd", "aandeel", "haalt_norm"),
    [
        (199, 179, 89, False),  # 89.9%: shown as 89%, below the 90% norm
        (200, 180, 90, True),  # exactly 90%: meets the norm
        (3, 3, 100, True),  # all on time
        (0, 0, None, False),  # no decisions: no share, not "meets the norm"
    ],
)
def test_share_rounds_down_and_agrees_with_the_norm(besloten, op_tijd, aandeel, haalt_norm):
    periode = Periode(start=date(2026, 5, 1), besloten=besloten, op_tijd=op_tijd)
    assert periode.aandeel == aandeel
    assert periode.haalt_norm is haalt_norm
