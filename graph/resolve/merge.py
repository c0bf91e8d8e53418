"""Merging one node into another, its consequences, and undoing it.

A ``same`` judgement keeps node ``a`` (the canonical node) and merges ``b`` into
it, as if ``b``'s record were loaded again under ``a``'s id (:func:`as_alias_of`):
``b``'s name joins ``a``'s aliases, its other properties merge as a later record's
would (docs/decisions.md, Merging), sources accumulate, and ``b``'s id is kept in
``a``'s ``aliasIds``. Every link of ``b`` moves to ``a``; a link whose id was
made from its ends (``from|TYPE|to``) gets the id of its new ends, and merges
with the link of that id when ``a`` already has it. A later load applies the
same rule to every record naming ``b`` (:class:`Redirect`), so a reload of all
inputs gives the graph the merge made.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from allegraph.model import Entity, Link, link_id
from allegraph.names import name_keys
from allegraph.resolve.judgements import Judgement, ResolveError
from allegraph.stores.base import GraphStore, merge_list, merge_props, merge_sources

BOOKKEEPING = ("firstSeen", "lastSeen", "loadRun")


def as_alias_of(ent: Entity, canonical: str, name_property: str) -> Entity:
    """``ent`` as a record of the node ``canonical``: its name becomes an alias."""
    props = dict(ent.props)
    name = props.pop(name_property, None)
    aliases = [name] if name else []
    props["aliases"] = merge_list(aliases, props.get("aliases"))
    return replace(ent, id=canonical, props=props)


def moved_link(link: Link, moves: dict[str, str]) -> Link:
    """``link`` with its ends (and an id made from its ends) moved by ``moves``."""
    src, dst = moves.get(link.src, link.src), moves.get(link.dst, link.dst)
    if (src, dst) == (link.src, link.dst):
        return link
    made = link.id == link_id(link.type, link.src, link.dst)
    new_id = link_id(link.type, src, dst) if made else link.id
    return replace(link, src=src, dst=dst, id=new_id)


def _earliest(*times: str | None) -> str | None:
    present = [t for t in times if t]
    return min(present) if present else None


def merged_node(keep: Entity, gone: Entity, name_property: str, run: str, now: str) -> Entity:
    """The canonical node after ``gone`` is merged into ``keep``."""
    record = as_alias_of(gone, keep.id, name_property)
    props = merge_props(keep.props, record.props)
    own = keep.props.get(name_property)
    props["aliases"] = [a for a in props.get("aliases", []) if a != own]
    if not props["aliases"]:
        del props["aliases"]
    props["aliasIds"] = merge_list(
        keep.props.get("aliasIds"), [gone.id, *(gone.props.get("aliasIds") or [])]
    )
    return Entity(
        keep.label,
        keep.id,
        props,
        merge_sources(keep.sources, gone.sources),
        _earliest(keep.first_seen, gone.first_seen),
        now,
        run,
    )


def node_record(ent: Entity, keys: list[str]) -> dict[str, Any]:
    from allegraph.interchange.jsonl import record

    return {"record": record(ent), "keys": list(keys)}


def entity_of(saved: dict[str, Any]) -> tuple[Entity, list[str]]:
    rec = dict(saved["record"])
    label, ident = rec.pop("label"), rec.pop("id")
    sources = rec.pop("sources", [])
    first, last, run = (rec.pop(k, None) for k in BOOKKEEPING)
    return Entity(label, ident, rec, sources, first, last, run), list(saved["keys"])


def link_record(link: Link) -> dict[str, Any]:
    from allegraph.interchange.jsonl import record

    rec = record(link)
    rec["id"] = link.id  # always: the record names the row it restores
    return rec


def link_of(rec: dict[str, Any]) -> Link:
    rec = dict(rec)
    type_, src, dst, ident = rec.pop("type"), rec.pop("from"), rec.pop("to"), rec.pop("id")
    sources = rec.pop("sources", [])
    first, last, run = (rec.pop(k, None) for k in BOOKKEEPING)
    return Link(type_, src, dst, rec, sources, ident, first, last, run)


@dataclass
class Plan:
    """What a ``same`` judgement does: the nodes and links it writes and removes."""

    keep: Entity
    gone: Entity
    node: Entity  # the canonical node after
    keys: list[str]
    moved: list[tuple[Link, Link]] = field(default_factory=list)  # (before, after)
    joined: list[Link] = field(default_factory=list)  # links of keep that moved ones merge into
    links: list[Link] = field(default_factory=list)  # every link written
    replaced_nodes: list[dict] = field(default_factory=list)
    before: dict[str, str] = field(default_factory=dict)  # claim statuses
    after: dict[str, str] = field(default_factory=dict)

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """``(claim, before, after)`` of each claim whose status the merge changes."""
        claims = sorted(set(self.before) | set(self.after))
        return [
            (c, self.before.get(c, "-"), self.after.get(c, "merged"))
            for c in claims
            if self.before.get(c) != self.after.get(c)
        ]


def plan(store: GraphStore, side: Any, keep: Entity, gone: Entity, run: str, now: str) -> Plan:
    """Everything the merge of ``gone`` into ``keep`` writes, without writing it."""
    spec = store.registry.labels[keep.label]
    node = merged_node(keep, gone, spec.name_property, run, now)
    old_keys = side.keys_of([keep.id, gone.id])
    # the keys both nodes were found by (a name either had before stays a name of it)
    keys = merge_list(
        merge_list(old_keys.get(keep.id), old_keys.get(gone.id)), name_keys(spec, node.props)
    )
    result = Plan(keep, gone, node, keys)
    result.replaced_nodes = [
        node_record(keep, old_keys.get(keep.id, [])),
        node_record(gone, old_keys.get(gone.id, [])),
    ]
    moves = {gone.id: keep.id}
    written: dict[str, Link] = {}
    for link in side.touching([gone.id]):
        new = moved_link(link, moves)
        new = replace(new, last_seen=now, load_run=run)
        result.moved.append((link, new))
        if new.id in written:
            new = _join(written[new.id], new, now, run)
        written[new.id] = new
    moved_ids = {old.id for old, _ in result.moved}
    existing = side.links_by_id((lk.type, i) for i, lk in written.items() if i not in moved_ids)
    for ident, have in sorted(existing.items()):
        result.joined.append(have)
        written[ident] = _join(have, written[ident], now, run)
    result.links = [written[k] for k in sorted(written)]
    return result


def _join(first: Link, then: Link, now: str, run: str) -> Link:
    """Two links that become one: ``then`` merges onto ``first`` as a later record."""
    if (first.type, first.src, first.dst) != (then.type, then.src, then.dst):
        raise ResolveError(
            f"link {first.id!r} would join two links with other ends; give one another id"
        )
    return Link(
        first.type,
        first.src,
        first.dst,
        merge_props(first.props, then.props),
        merge_sources(first.sources, then.sources),
        first.id,
        _earliest(first.first_seen, then.first_seen),
        now,
        run,
    )


def apply(side: Any, p: Plan, keep: bool = True) -> None:
    """Write the plan (``keep=False``: only to learn the claim statuses after)."""
    removed = sorted(
        {(old.type, old.id) for old, _ in p.moved} | {(j.type, j.id) for j in p.joined}
    )
    p.before, p.after = side.change(
        [p.keep.id, p.gone.id],
        [p.gone.id],
        removed,
        [(p.node, p.keys)],
        p.links,
        keep=keep,
    )


def fill(judgement: Judgement, p: Plan) -> None:
    """Keep in ``judgement`` what the merge replaced and what it added."""
    replaced_links = {lk.id: lk for lk in [*(old for old, _ in p.moved), *p.joined]}
    judgement.replaced = {
        "nodes": p.replaced_nodes,
        "links": [link_record(replaced_links[k]) for k in sorted(replaced_links)],
    }
    judgement.added = {
        "nodes": [p.node.id],
        "links": [[lk.type, lk.id] for lk in p.links],
    }


def undo(side: Any, judgement: Judgement) -> tuple[dict[str, str], dict[str, str]]:
    """Put back what a ``same`` judgement replaced, and drop what it added."""
    nodes = [entity_of(saved) for saved in judgement.replaced.get("nodes", [])]
    links = [link_of(rec) for rec in judgement.replaced.get("links", [])]
    added = [tuple(pair) for pair in judgement.added.get("links", [])]
    return side.change(
        [judgement.a],
        [],
        sorted(set(added)),
        nodes,
        links,
    )
