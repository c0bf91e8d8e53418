"""The interface every store implements, and the merge rules they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from allegraph.liveness import owner_alive
from allegraph.model import Entity, Link
from allegraph.schema import Registry, registry

if TYPE_CHECKING:
    import networkx as nx

    from allegraph.status import ClaimFacts


class StoreError(RuntimeError):
    """A store cannot do what was asked (unreachable, wrong credentials, bad URL...)."""


@dataclass
class Run:
    """One load run: what was read, from where, and how it ended."""

    id: str
    input: str
    sha256: str
    format: str
    started: str
    ended: str | None = None
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    status: str = "running"
    error: str | None = None  # why a failed run stopped
    completes: str | None = None  # the interrupted run of the same input this one completes
    owner: str | None = None  # host:pid:start of the process running it (allegraph.liveness)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def settled(self) -> Run:
        """The run as it really stands: ``running`` (or ``waiting`` for the end of its
        command) whose process is gone is ``interrupted``."""
        if self.status in ("running", "waiting") and not owner_alive(self.owner):
            return replace(self, status="interrupted")
        return self


def merge_list(old: list[str] | None, new: list[str] | None) -> list[str]:
    """Union keeping first-seen order: sources and aliases accumulate."""
    return list(dict.fromkeys([*(old or []), *(new or [])]))


def merge_sources(old: list[str] | None, new: list[str] | None) -> list[str]:
    """The union of two ``sources`` lists, sorted: a set of ids, the same whatever
    order the records that gave them were loaded in."""
    return sorted({*(old or ()), *(new or ())})


def merge_props(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """New values win, absent ones keep the old value, list properties accumulate."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merge_list(merged[key], value)
        else:
            merged[key] = value
    return merged


class GraphStore(ABC):
    """A durable graph of the model's nodes and relationships, with load runs."""

    url: str
    # records per write transaction when the caller names none: what this store
    # writes fastest without holding much in memory (docs/decisions.md, Batch size)
    batch_size: int = 5000
    # write() may run in another thread than the one that reads the store (never at
    # the same time): a load then checks the next batch while one is written
    pipelined: bool = False

    def __init__(self, schema: Registry | None = None):
        self.registry = schema or registry()

    # -- lifecycle -----------------------------------------------------------
    @abstractmethod
    def init(self) -> None:
        """Create tables, constraints and indexes; safe to call again."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def clear(self) -> None:
        """Delete every node, relationship and run (tests, and replacing a whole graph)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------
    @abstractmethod
    def write(
        self,
        entities: list[Entity],
        links: list[Link],
        run_id: str,
        now: str,
        run: Run | None = None,
    ) -> int | None:
        """Upsert one batch in one transaction: all of it or none of it.

        With ``run``, the run's counts (``read``, ``loaded``, ``rejected``) are saved
        in the same transaction, so a run whose process dies shows what it committed.

        Merge rules: properties merged (new values win), ``sources`` and list
        properties accumulated, ``firstSeen`` kept, ``lastSeen``/``loadRun`` set.
        Returns how many nodes and relationships it changed, or None if the store
        does not count them.
        """

    @abstractmethod
    def start_run(self, run: Run) -> None: ...

    def unchanged_since(self, sha256: str, fmt: str) -> Run | None:
        """An earlier run of the same input (sha256 and format), finished without
        rejects, after which nothing has changed the store: loading that input again
        would change nothing. None when there is none, or when the store cannot tell
        (the default: Neo4j can be written by any Cypher client, outside load runs).
        """
        return None

    @abstractmethod
    def finish_run(self, run: Run) -> None: ...

    def status_outdated(self) -> bool:
        """True when the store holds claims whose status it does not keep (written by an
        allegraph before status was kept as data loads): `allegraph reindex` fixes it."""
        return False

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Recompute the kept status of every claim; returns how many."""
        return 0

    def settle_runs(self) -> list[Run]:
        """Record as ``interrupted`` every ``running`` run whose process is gone;
        returns those runs."""
        return []

    # -- reading -------------------------------------------------------------
    @abstractmethod
    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The label of each id that exists in the store."""

    @abstractmethod
    def nodes(self, label: str | None = None) -> Iterator[Entity]: ...

    @abstractmethod
    def links(self, type_: str | None = None) -> Iterator[Link]: ...

    @abstractmethod
    def runs(self) -> list[Run]: ...

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every schema name."""

    @abstractmethod
    def resolve(self, name: str, labels: Iterable[str] | None = None) -> list[str]:
        """Ids of nodes whose id, name or alias matches ``name`` (normalised)."""

    @abstractmethod
    def named(self, name: str) -> list[str]:
        """Ids of the nodes whose name or alias matches ``name`` (normalised), sorted;
        unlike :meth:`resolve`, a node whose id is ``name`` is not looked for."""

    def get_node(self, node_id: str) -> Entity | None:
        for node in self.nodes():
            if node.id == node_id:
                return node
        return None

    def to_networkx(self, ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """The whole graph, or the subgraph induced by ``ids``, as a MultiDiGraph.

        Node attributes: ``label``, the properties, ``sources``; edge key is the
        relationship id, attributes ``type``, the properties, ``sources``.
        """
        import networkx as nx  # ~0.2 s to import: only for the commands that build a graph

        graph = nx.MultiDiGraph()
        # a selection reads only its nodes and the links among them (subgraph)
        nodes, links = (self.nodes(), self.links()) if ids is None else self.subgraph(ids)
        for node in nodes:
            graph.add_node(node.id, label=node.label, **node.props, sources=node.sources)
        for link in links:
            if link.src in graph and link.dst in graph:
                graph.add_edge(
                    link.src,
                    link.dst,
                    key=link.id,
                    type=link.type,
                    **link.props,
                    sources=link.sources,
                )
        return graph

    # -- reading a selection ---------------------------------------------------
    # Views, exports and analysis of a part of the graph read only that part
    # through these. The defaults below read the whole store once; both stores
    # override them with indexed reads (SQL, Cypher).
    def get_nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        """The nodes ``ids`` that exist, by id, in the order given."""
        wanted = list(dict.fromkeys(ids))
        chosen = set(wanted)
        found = {n.id: n for n in self.nodes() if n.id in chosen}
        return {i: found[i] for i in wanted if i in found}

    def subgraph(self, ids: Iterable[str]) -> tuple[list[Entity], list[Link]]:
        """The nodes ``ids`` that exist (in the order given) and the links among them
        (in id order)."""
        nodes = list(self.get_nodes(ids).values())
        present = {n.id for n in nodes}
        links = [lk for lk in self.links() if lk.src in present and lk.dst in present]
        return nodes, sorted(links, key=lambda lk: lk.id)

    def count_links_among(self, ids: Iterable[str]) -> int:
        """How many links have both ends among ``ids``."""
        return len(self.subgraph(ids)[1])

    def adjacent(
        self, ids: Iterable[str], type_: str | None = None, direction: str = "both"
    ) -> dict[str, set[str]]:
        """For each of ``ids``: the nodes one relationship away (of ``type_`` if given),
        following links out of it (``out``), into it (``in``) or both; self-loops left out."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, set[str]] = {i: set() for i in wanted}
        for link in self.links(type_):
            if direction in ("out", "both") and link.src in found and link.dst != link.src:
                found[link.src].add(link.dst)
            if direction in ("in", "both") and link.dst in found and link.dst != link.src:
                found[link.dst].add(link.src)
        return found

    def within(self, centre: str, depth: int) -> dict[str, int]:
        """Every node within ``depth`` relationships of ``centre`` (either direction),
        with its distance: breadth first, reading one level at a time."""
        distance = {centre: 0}
        frontier = [centre]
        for level in range(1, depth + 1):
            reached = self.adjacent(frontier)
            frontier = sorted({n for near in reached.values() for n in near} - distance.keys())
            if not frontier:
                break
            distance.update(dict.fromkeys(frontier, level))
        return distance

    def claim_facts(self, claims: Iterable[str]) -> dict[str, ClaimFacts]:
        """What :func:`allegraph.status.decide` needs for each of ``claims``."""
        from allegraph.status import claim_facts

        graph = self.to_networkx()
        return {c: claim_facts(graph, c) for c in dict.fromkeys(claims) if c in graph}

    def claim_statuses(self, claims: Iterable[str], min_independent: int = 2) -> dict:
        """The derived status of each of ``claims`` (the Claim nodes among them)."""
        from allegraph.status import decide

        wanted = list(dict.fromkeys(claims))
        labels = self.labels_of(wanted)
        facts = self.claim_facts([c for c in wanted if labels.get(c) == "Claim"])
        return {c: decide(f, min_independent) for c, f in facts.items()}

    def empty_counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {name: 0 for name in self.registry.labels},
            "relationships": {name: 0 for name in self.registry.relationships},
        }
