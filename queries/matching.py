"""Parameters that name a node (an actor, event, place or source): when a query finds
nothing, say which of them matches no node, and suggest a near miss.

A name matches as the queries match it: a node of the right labels whose id is the
text, or one of whose name keys (allegraph.names) is the text's key. Suggestions
come from names that share the beginning of a word with the text and look most
like it (difflib's ratio, at least :data:`NEAR`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from allegraph.names import normalize
from allegraph.queries.registry import Query
from allegraph.stores.base import GraphStore

# Parameter name -> the label it names (None: any actor label), as the Cypher matches it.
NAMED: dict[str, str | None] = {
    "actor": None,
    "a": None,
    "b": None,
    "event": "Event",
    "location": "Location",
    "source": "Source",
}
WHAT = {None: "actor", "Event": "event", "Location": "place", "Source": "source"}
NEAR = 0.8  # how alike (0..1) a name must be to be suggested
CANDIDATES = 2000  # names compared at most, per suggestion
_WORD = re.compile(r"[a-z0-9]+")


def _labels(store: GraphStore, named: str | None) -> list[str]:
    return list(store.registry.actor_labels) if named is None else [named]


def unmatched(store: GraphStore, query: Query, bound: Mapping[str, Any]) -> list[str]:
    """One line for each parameter of ``query`` that names no node of its labels:
    ``no actor matches 'Nobody'; did you mean 'Nobody Knows'?``."""
    lines = []
    for param in query.params:
        text = bound.get(param.name)
        if param.name not in NAMED or text is None:
            continue
        labels = _labels(store, NAMED[param.name])
        if _matches(store, text, labels):
            continue
        line = f"no {WHAT[NAMED[param.name]]} matches {text!r}"
        near = suggest(store, text, labels)
        if near is not None:
            line += f"; did you mean {near!r}?"
        lines.append(line)
    return lines


def _is_neo4j(store: GraphStore) -> bool:
    return type(store).__name__ == "Neo4jStore"


def _matches(store: GraphStore, text: str, labels: list[str]) -> bool:
    if hasattr(store, "reader"):
        return bool(store.reader().find(text, labels))
    if _is_neo4j(store):
        return bool(store.run(_NEO4J_MATCH, _neo4j_params(text, labels)).rows)
    hits = store.resolve(text, labels)
    return bool(hits)


# The id, then the key through the keyword-analysed allegraph_names index (a quoted
# key is one exact term), as Neo4jStore.resolve looks names up.
_NEO4J_MATCH = """
MATCH (n:Entity {id: $text}) WHERE any(l IN labels(n) WHERE l IN $labels)
RETURN n.id AS id
UNION
CALL db.index.fulltext.queryNodes('allegraph_names', $phrase) YIELD node
WITH node WHERE $key IN node._keys AND any(l IN labels(node) WHERE l IN $labels)
RETURN node.id AS id
"""


def _neo4j_params(text: str, labels: list[str]) -> dict[str, Any]:
    key = normalize(text)
    quoted = key.replace("\\", "\\\\").replace('"', '\\"')  # a key of symbols may hold quotes
    return {"text": text, "labels": labels, "key": key, "phrase": f'"{quoted}"'}


def _likeness(key: str, candidate: str) -> float:
    """How alike a key is to a candidate key, or to its best stretch of as many words."""
    size = len(key.split())
    words = candidate.split()
    stretches = {candidate, *(" ".join(words[i : i + size]) for i in range(len(words)))}
    return max(SequenceMatcher(None, key, s).ratio() for s in stretches)


def _best(key: str, candidates: Sequence[tuple[str, Any]]) -> str | None:
    """The name of the candidate ``(key, name)`` most like ``key``, if near enough."""
    scored = [(_likeness(key, k), str(name)) for k, name in candidates if name]
    scored = [s for s in scored if s[0] >= NEAR]
    if not scored:
        return None
    return min(scored, key=lambda s: (-s[0], s[1]))[1]


def suggest(store: GraphStore, text: str, labels: list[str]) -> str | None:
    """The name of a node of ``labels`` whose name looks most like ``text``, or None."""
    key = normalize(text)
    words = [w for w in key.split() if _WORD.fullmatch(w) and len(w) >= 3]
    if not words:
        return None
    if hasattr(store, "reader"):
        return _best(key, _embedded_candidates(store, words, labels))
    if _is_neo4j(store):
        return _best(key, _neo4j_candidates(store, words, labels))
    return None


def _embedded_candidates(store: Any, words: list[str], labels: list[str]) -> list[tuple]:
    from allegraph.stores.embedded_read import KEY_JOIN

    reader = store.reader()
    found = []
    match = " OR ".join(f'"{w[:3]}"*' for w in dict.fromkeys(words))
    rows = reader.db.execute(
        "SELECT f.keys, d.node_id FROM names_fts f CROSS JOIN name_docs d ON d.doc = f.rowid "
        f"WHERE names_fts MATCH ? AND d.label IN ({','.join('?' * len(labels))}) LIMIT ?",
        [match, *labels, CANDIDATES],
    ).fetchall()
    nodes = reader.nodes(i for _, i in rows)
    for keys, i in rows:  # a node's keys, joined in its full-text row
        found += [(k, reader.name(nodes[i])) for k in keys.split(KEY_JOIN)]
    return found


def _neo4j_candidates(store: Any, words: list[str], labels: list[str]) -> list[tuple]:
    # the full-text index of names (standard analyzer): fuzzy terms find near spellings
    query = (
        "CALL db.index.fulltext.queryNodes('allegraph_search', $terms) YIELD node "
        "WITH node WHERE any(l IN labels(node) WHERE l IN $labels) "
        "RETURN node._keys AS keys, coalesce(node.name, node.title, node.text) AS name "
        "LIMIT $limit"
    )
    terms = " OR ".join(f"{w}~" for w in dict.fromkeys(words))
    rows = store.run(query, {"terms": terms, "labels": labels, "limit": CANDIDATES}).rows
    return [(k, name) for keys, name in rows for k in keys or []]
