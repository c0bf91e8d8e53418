"""EDTF dates: kept as written, with derived earliest/latest ISO dates for sorting."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from functools import lru_cache

# Plain YYYY, YYYY-MM and YYYY-MM-DD, by far the most common dates in feeds: answered
# without the EDTF grammar, which costs tens of milliseconds per call.
_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# The same with one EDTF qualifier (?, ~, %): the strict bounds ignore it.
_QUALIFIED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]$")


# the labels a timeline places in date order (their items carry derived earliest/latest)
DATED_LABELS = ("Event", "Claim")


class DateError(ValueError):
    pass


def _bound(value) -> str | None:
    if isinstance(value, float) and math.isinf(value):  # an open end ("../2024")
        return None
    from edtf import struct_time_to_date  # the grammar loads in ~0.1 s: only when asked

    return struct_time_to_date(value).isoformat()


def _plain_range(match: re.Match) -> tuple[str, str]:
    year, month, day = (int(g) if g else None for g in match.groups())
    first, last = (1, 12) if month is None else (month, month)
    try:
        if day is not None:
            return (date(year, month, day).isoformat(),) * 2
        end = calendar.monthrange(year, last)[1]
        return date(year, first, 1).isoformat(), date(year, last, end).isoformat()
    except ValueError as exc:
        raise DateError(f"{match.string!r} is not an EDTF date") from exc


def _simple(text: str) -> tuple[str, str] | None:
    """The range of a plain or qualified date, or None to ask the grammar."""
    match = _PLAIN.match(text) or _QUALIFIED.match(text)
    # Year 0 and months 21-41 (EDTF seasons and quarters) are left to the grammar.
    if match and int(match.group(1)) > 0 and 1 <= int(match.group(2) or 1) <= 12:
        return _plain_range(match)
    return None


def _fast(text: str) -> tuple[str | None, str | None] | None:
    """Plain and qualified dates, and intervals of them with an open end (``..``),
    without the grammar; None for anything else. tests/graph/test_dates_fast.py
    checks that the answers (and errors) are the grammar's."""
    if "/" not in text:
        return _simple(text)
    start, _, end = text.partition("/")
    if "/" in end or not start or not end:
        return None
    low = (None, None) if start == ".." else _simple(start)
    high = (None, None) if end == ".." else _simple(end)
    if low is None or high is None:
        return None
    return low[0], high[1]


@lru_cache(maxsize=65536)
def date_range(text: str) -> tuple[str | None, str | None]:
    """Earliest and latest ISO dates an EDTF string allows (None for an open end).

    >>> date_range("2024-11~")
    ('2024-11-01', '2024-11-30')
    """
    fast = _fast(str(text).strip())
    if fast is not None:
        return fast
    from edtf import parse_edtf  # the grammar loads in ~0.1 s: only for dates that need it

    try:
        parsed = parse_edtf(str(text).strip())
        return _bound(parsed.lower_strict()), _bound(parsed.upper_strict())
    except Exception as exc:  # edtf raises several types, all meaning "not EDTF"
        raise DateError(f"{text!r} is not an EDTF date") from exc
