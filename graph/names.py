"""Name normalisation for matching and for deriving stable ids.

"Tatyana Moskalkova", "TATYANA  MOSKALKOVA" and "Татьяна Москалькова" all
normalise to ``tatyana moskalkova``: case folded, accents removed, other
scripts transliterated to Latin (unidecode), punctuation dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from unidecode import unidecode

if TYPE_CHECKING:
    from allegraph.schema import LabelSpec

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# lower-case ASCII text to its words: an apostrophe joins ("o'brien" is "obrien"),
# anything else not a letter or digit separates (str.translate: a third of the time
# of the regular expression, on every name and claim text a load writes)
_TO_WORDS = str.maketrans(
    {chr(i): (None if chr(i) == "'" else " ") for i in range(128) if not chr(i).isalnum()}
)


@lru_cache(maxsize=1 << 16)  # names repeat: a log names the same actors on many rows
def word_key(text: str) -> str:
    """Lower-case ASCII words separated by one space ("" when the text has none)."""
    if text.isascii():  # NFKC, casefold and unidecode change nothing but case here
        return " ".join(text.lower().translate(_TO_WORDS).split())
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(unidecode(text).lower().translate(_TO_WORDS).split())


def _symbols(text: str) -> str:
    """The key of a name with no letter or digit in any script (``🔥🔥🔥``, ``???``):
    the text itself, case-folded, so that two such names stay apart."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def normalize(text: str) -> str:
    """The matching key of a name: lower-case ASCII words separated by one space.

    A name made only of symbols keeps its own (case-folded) text as its key
    instead of collapsing to nothing: ``🔥🔥🔥`` and ``✅`` are different names.
    """
    text = str(text)
    return word_key(text) or _symbols(text)


def slug(text: str, limit: int = 80) -> str:
    """A readable id fragment from a name; long texts are cut and hashed to stay unique.

    A name with no letter or digit gets ``h-`` and a hash of its text, never an
    empty fragment (which would make every such name one node).
    """
    text = str(text)
    words = word_key(text).replace(" ", "-")
    if not words:
        return "h-" + hashlib.sha1(_symbols(text).encode()).hexdigest()[:16]
    if len(words) <= limit:
        return words
    digest = hashlib.sha1(words.encode()).hexdigest()[:10]
    return f"{words[:limit].rstrip('-')}-{digest}"


def derive_id(label: str, name: str) -> str:
    """The deterministic id of a node that has none: ``label:normalised-name``."""
    return f"{label.lower()}:{slug(name)}"


MAX_NAME_KEY = 300  # longer "names" (claim texts) are searched by words, not matched whole


def name_keys(spec: LabelSpec, props: dict[str, Any]) -> list[str]:
    """The normalised keys a node can be resolved by: its name, id-giving properties, aliases.

    Both stores keep exactly these keys (embedded: the ``names`` table; Neo4j:
    the ``_keys`` property), so that a name resolves the same way in either.
    """
    fields = dict.fromkeys([spec.name_property, *spec.id_from])
    # aliasIds: the ids of nodes merged into this one (allegraph.resolve), so that a
    # query naming one finds it through the same key look-up as a name
    listed = [*(props.get("aliases") or []), *(props.get("aliasIds") or [])]
    names = [*(props.get(k) for k in fields), *listed]
    keys = (normalize(n) for n in names if n and len(str(n)) <= MAX_NAME_KEY)
    return list(dict.fromkeys(k for k in keys if k))


def article(word: str) -> str:
    """``word`` with its indefinite article: "an Organization", "an ALLEGES", "a Person"."""
    return f"{'an' if str(word)[:1].lower() in 'aeiou' else 'a'} {word}"
