"""EDTF dates: kept as written, with derived earliest/latest ISO dates for sorting."""

from __future__ import annotations

import math

from edtf import parse_edtf, struct_time_to_date


class DateError(ValueError):
    pass


def _bound(value) -> str | None:
    if isinstance(value, float) and math.isinf(value):  # an open end ("../2024")
        return None
    return struct_time_to_date(value).isoformat()


def date_range(text: str) -> tuple[str | None, str | None]:
    """Earliest and latest ISO dates an EDTF string allows (None for an open end).

    >>> date_range("2024-11~")
    ('2024-11-01', '2024-11-30')
    """
    try:
        parsed = parse_edtf(str(text).strip())
        return _bound(parsed.lower_strict()), _bound(parsed.upper_strict())
    except Exception as exc:  # edtf raises several types, all meaning "not EDTF"
        raise DateError(f"{text!r} is not an EDTF date") from exc
