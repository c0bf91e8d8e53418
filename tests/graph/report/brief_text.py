"""Reading a written brief back as text, and checking that no claim is stated as fact."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from allegraph.report.wording import ATTRIBUTIONS, clause


class _Text(HTMLParser):
    """The text a reader sees (not the title or style), and every element's tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self._skip += tag in ("style", "title", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> tuple[str, list[str]]:
    """The visible text of an HTML page (whitespace joined) and the tags it holds."""
    parser = _Text()
    parser.feed(page)
    return " ".join("".join(parser.parts).split()), parser.tags


def markdown_text(text: str) -> str:
    """Markdown with its backslash escapes undone, whitespace joined."""
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def unattributed(text: str, claims: list[str]) -> list[str]:
    """Each place where a claim's text appears without "X alleges that" right before it;
    also each claim whose text does not appear at all (so the check cannot pass empty)."""
    found, lowered = [], text.lower()
    for claim in claims:
        words = " ".join(clause(claim).split()).lower()
        starts = [m.start() for m in re.finditer(re.escape(words), lowered)]
        if not starts:
            found.append(f"missing: {claim}")
        for start in starts:
            before = lowered[max(0, start - 40) : start]
            if not before.endswith(ATTRIBUTIONS):
                found.append(f"unattributed: ...{text[max(0, start - 40) : start + 40]}...")
    return found
