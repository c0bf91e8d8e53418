"""The fast paths of date_range and normalize give exactly what the slow, general code gives.

The general answers (the EDTF grammar; NFKC + casefold + unidecode) are the
reference: every case below is run through both.
"""

import unicodedata

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from allegraph.dates import DateError, _bound, _fast, date_range
from allegraph.names import _NOT_WORD, normalize

DATES = [
    "2024",
    "1999",
    "0001",
    "0999",
    "9999",
    "0000",
    "2024-02",
    "2023-02",
    "2024-13",
    "2024-00",
    "2024-21",
    "2024-02-29",
    "2023-02-29",
    "2024-04-31",
    "2024-04-30",
    "2024-12-31",
    "2024-01-00",
]
QUALIFIERS = ["", "?", "~", "%", "?~"]


def grammar(text: str):
    """date_range as the EDTF grammar answers it, or "error"."""
    try:
        parsed = parse_edtf(text.strip())
        return _bound(parsed.lower_strict()), _bound(parsed.upper_strict())
    except Exception:  # what allegraph.dates turns into DateError
        return "error"


def answer(text: str):
    try:
        return date_range(text)
    except DateError:
        return "error"


def cases() -> list[str]:
    singles = [d + q for d in DATES for q in QUALIFIERS]
    out = list(singles)
    picks = ["2024", "2023-02~", "2024-02-29?", "2024-13", "2023-02-29", "2022-11", "2024-21"]
    out += [f"{a}/{b}" for a in picks for b in picks]  # reversed intervals included
    out += [f"../{p}" for p in picks] + [f"{p}/.." for p in picks]
    out += ["../..", "/2024", "2024/", "..", "2024/2025/2026", " 2024-03 ", "2024-3", "x/2024"]
    return out


@pytest.mark.parametrize("text", cases())
def test_fast_dates_match_the_grammar(text):
    assert answer(text) == grammar(text)


def test_the_common_uncertain_forms_take_the_fast_path():
    for text in ("2024-03~", "2023/2024", "../2022", "2024-11-14?", "2024-01-01/2024-01-05"):
        assert _fast(text) == grammar(text)


def reference_normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unidecode(text).lower().replace("'", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


@pytest.mark.parametrize("text", [chr(i) * 2 + "Ab" + chr(i) for i in range(128)])
def test_ascii_normalize_matches_the_general_path(text):
    assert normalize(text) == reference_normalize(text)


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=40))
def test_word_key_matches_the_regular_expression_of_the_reference(text):
    """word_key splits words with str.translate; the reference with a regular expression."""
    from allegraph.names import word_key

    assert word_key(text) == reference_normalize(text)
