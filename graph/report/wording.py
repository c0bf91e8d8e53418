"""Neutral wording of the brief: a claim is never written as a fact.

Every sentence that holds a claim's text says who alleges it (:func:`attributed`);
the templates put a claim's text on the page only through that sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

# First words that read as the start of a clause once lowered ("alleges that a video
# shows ..."); any other first word (a name, "Russian", "ICRC") is kept as written.
_LOWERED = frozenset(
    "a an the this these that those there it its they their some several many most".split()
)


def clause(text: str) -> str:
    """A claim's text as the clause after "alleges that": its trailing full stop
    dropped, a leading article or pronoun lowered; every other letter as written."""
    text = " ".join(str(text).split()).rstrip(".")
    first, _, rest = text.partition(" ")
    if (
        first.lower() in _LOWERED
        and first[:1].isupper()
        and (len(first) == 1 or first[1:].islower())
    ):
        return first.lower() + (" " + rest if rest else "")
    return text


def names(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def attributed(alleging: Sequence[str], text: str) -> str:
    """The one sentence a claim's text appears in: ``X alleges that ...``, or, when no
    actor is recorded as alleging it, what the sources report."""
    if not alleging:
        return f"No alleging actor is recorded; its sources report the claim that {clause(text)}."
    verb = "alleges" if len(alleging) == 1 else "allege"
    return f"{names(alleging)} {verb} that {clause(text)}."


# What the tests accept right before a claim's text: each is an attribution.
ATTRIBUTIONS = ("alleges that ", "allege that ", "report the claim that ")
