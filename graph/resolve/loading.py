"""Judgements applied to later loads (allegraph.load).

A record naming a merged-away id (as its own id or a link's end) lands on the
canonical node, as the merge itself wrote it
(:func:`allegraph.resolve.merge.as_alias_of`): its name becomes an alias. The
pairs judged different or unsure are told to the loaders, which never report
them as possible duplicates again.
"""

from __future__ import annotations

from allegraph.model import Entity, Link
from allegraph.resolve.actions import load_rules
from allegraph.resolve.merge import as_alias_of, moved_link
from allegraph.stores.base import GraphStore


class Redirect:
    """Moves validated records off merged-away ids; ``apart(x, y)`` for judged pairs."""

    def __init__(self, store: GraphStore):
        self.registry = store.registry
        self.moved, self._apart = load_rules(store)

    def __bool__(self) -> bool:
        return bool(self.moved)

    def apart(self, x: str, y: str) -> bool:
        """True when ``x`` and ``y`` were judged different, or the analyst was unsure."""
        moved = self.moved
        return frozenset((moved.get(x, x), moved.get(y, y))) in self._apart

    def __call__(self, item: Entity | Link) -> Entity | Link:
        moved = self.moved
        if type(item) is Link:
            return moved_link(item, moved)
        canonical = moved.get(item.id)
        if canonical is None:
            return item
        return as_alias_of(item, canonical, self.registry.labels[item.label].name_property)
