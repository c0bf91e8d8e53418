"""The Neo4j store: a Neo4j 5 server (or cluster, or Aura) over Bolt.

How the graph is laid out in Neo4j (docs/backends.md says the same for users):

* every node has its schema label (``:Person``...) and the generic label
  ``:Entity`` (:data:`NODE_LABEL`), unique on ``id``, so that a lookup by id
  (``labels_of``, link endpoints) is one index seek whatever the label;
* properties are stored as they are, plus ``sources``, ``firstSeen``,
  ``lastSeen``, ``loadRun``, and ``_keys``: the normalised names the node can
  be found by (:func:`name_keys`), searched through the ``allegraph_names``
  full-text index; ``_keys`` never leaves the store;
* events and claims have ``_order`` (:func:`order_cypher`), their place in a
  timeline as one string, so that the busiest actor's page reads one property
  of each item instead of four; it never leaves the store either;
* relationships have their schema type and an ``id`` property (``Link.id``);
* load runs are ``(:LoadRun)`` nodes, outside the schema labels.

Labels, relationship types and property names written into Cypher text come
only from the schema registry; every value goes in as a parameter. Each
:meth:`Neo4jStore.write` is one managed write transaction (the driver retries
transient errors; a failure rolls the whole batch back).
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from allegraph.dates import DATED_LABELS
from allegraph.model import Entity, Link, link_id
from allegraph.names import name_keys, normalize
from allegraph.queries.params import lucene_phrase
from allegraph.schema import Registry
from allegraph.status import SOURCE_LABEL, Touched, touched
from allegraph.stores import neo4j_status
from allegraph.stores.base import (
    GraphStore,
    Run,
    StoreError,
    merge_list,
    merge_props,
    merge_sources,
)
from allegraph.stores.neo4j_status import STATUS_VERSION

NODE_LABEL = "Entity"  # on every allegraph node, unique on id
RUN_LABEL = "LoadRun"
JUDGEMENT_LABEL = "Judgement"  # entity-resolution judgements (allegraph.resolve)
KEYS = "_keys"  # normalised names, for resolve(); hidden from callers
SEARCH_INDEX = "allegraph_search"  # full-text: names, titles, claim texts, aliases
NAMES_INDEX = "allegraph_names"  # full-text, keyword analyzer, on _keys
# full-text, whitespace analyzer, on _keys: their words, for `search` (a word is a prefix
# query on one term). On the schema labels: one on :Entity(_keys) exists already
WORDS_INDEX = "allegraph_name_words"
SYSTEM = ("sources", "firstSeen", "lastSeen", "loadRun")
# a claim's derived status and the counts behind it (graph/stores/claim_status.cypher)
STATUS_PROPS = (
    "_status",
    "_sourceCount",
    "_independent",
    "_actors",
    "_disputes",
    "_denials",
    "_retractions",
)
# on an actor: the actors it and they accuse each other, and how many (the count is
# indexed: a hub's list is too long for an index key) (graph/stores/mutual_accusations.cypher)
MUTUAL = "_mutual"
MUTUAL_COUNT = "_mutualCount"
CLAIM_COMPOSITES = {  # disputed-, single-source-, corroborated-claims
    "allegraph_claim_status_id": ("_status", "id"),
    "allegraph_claim_independent_id": ("_independent", "id"),
    "allegraph_claim_independent_actors": ("_independent", "_actors"),
}
ORDER = "_order"  # on an Event or Claim: its timeline place (order_cypher)
HIDDEN = frozenset({"id", KEYS, *SYSTEM, *STATUS_PROPS, MUTUAL, MUTUAL_COUNT, ORDER})
# full-text, keyword analyzer, on `sources`: what rests on a source id (source-impact,
# the claims citing a source whose publisher changed)
NODE_SOURCES_INDEX = "allegraph_node_sources"
LINK_SOURCES_INDEX = "allegraph_link_sources"
# the full-text indexes not on Lucene's standard analyzer: ids and keys as whole terms,
# and the word index split on spaces only (allegraph.names keys are lower-case words)
FULLTEXT_ANALYZERS = {
    NODE_SOURCES_INDEX: "keyword",
    LINK_SOURCES_INDEX: "keyword",
    NAMES_INDEX: "keyword",
    WORDS_INDEX: "whitespace",
}
OLD_INDEXES = ("allegraph_claim_sources",)  # of earlier versions: dropped by init()
META_LABEL = "AllegraphMeta"  # facts about the store itself, outside the schema labels
STATUS_META = "claim-status"  # (:AllegraphMeta {id: ...}): the store keeps claim status
# STATUS_VERSION (allegraph.stores.neo4j_status): 2 keeps the accusation pairs (_mutual)
# too, 3 counts origins and grades; an older store, or one kept under another policy,
# needs reindex
READ_PAGE = 5000  # nodes or links per read transaction when iterating
DELETE_PAGE = 10000
RUN_FIELDS = tuple(Run.__dataclass_fields__)


def order_cypher(var: str, label: str) -> str:
    """The timeline place of node ``var`` of ``label`` as one string that sorts as the
    timeline does: by the day it is placed by (its earliest, else its latest), then its
    other end, label and id; undated last.

    The parts are joined by a space, which sorts before every character of an ISO
    date, so comparing the strings compares the parts in turn (queries/timeline.cypher).
    """
    undated = "'\\uFFFF'"  # after every date
    return (
        f"coalesce({var}.earliest, {var}.latest, {undated}) + ' ' + "
        f"coalesce({var}.latest, {var}.earliest, {undated}) + ' ' + "
        f"'{label}' + ' ' + {var}.id"
    )


def mutual_cypher() -> str:
    """The Cypher that keeps the accusation pairs (graph/stores/mutual_accusations.cypher)."""
    from importlib.resources import files

    return files("allegraph.stores").joinpath("mutual_accusations.cypher").read_text("utf-8")


def quote(name: str) -> str:
    """A Cypher identifier in backticks (names come from the registry, quoted anyway)."""
    return "`" + name.replace("`", "``") + "`"


def credentials(url_user: str | None = None) -> tuple[str, str | None]:
    """User and password from NEO4J_AUTH (``user/password``) or NEO4J_USER / NEO4J_PASSWORD."""
    auth = os.environ.get("NEO4J_AUTH", "")
    if "/" in auth:
        user, password = auth.split("/", 1)
        return url_user or user, password
    user = url_user or os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME") or "neo4j"
    return user, os.environ.get("NEO4J_PASSWORD") or None


class Neo4jStore(GraphStore):
    """A :class:`GraphStore` on a Neo4j 5 database, through the official driver."""

    def __init__(
        self,
        url: str,
        schema: Registry | None = None,
        database: str | None = None,
        auth: tuple[str, str] | None = None,
    ):
        super().__init__(schema)
        parts = urlsplit(url)
        if parts.password:
            raise StoreError(
                "the store URL holds a password: put it in NEO4J_PASSWORD (or NEO4J_AUTH) instead"
            )
        host = parts.netloc.rsplit("@", 1)[-1]
        self.url = urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
        self.user, self._password = auth or credentials(parts.username)
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            self.driver = GraphDatabase.driver(
                self.url,
                auth=(self.user, self._password) if self._password is not None else None,
                connection_timeout=15,
                user_agent="allegraph",
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"cannot use Neo4j URL {self.url!r}: {self._redact(exc)}") from None
        self._bookmarks = self.driver.execute_query_bookmark_manager
        self._labels = list(self.registry.labels)
        self._status_kept = False  # checked on the first write
        self._check()

    # -- connection and errors ---------------------------------------------------
    def _redact(self, exc: object) -> str:
        text = str(exc)
        if self._password:
            text = text.replace(self._password, "***")
        return " ".join(text.split())

    def _store_error(self, exc: Exception) -> StoreError:
        where = f"Neo4j at {self.url}"
        if isinstance(exc, AuthError):
            hint = "" if self._password else " (NEO4J_PASSWORD is not set)"
            return StoreError(
                f"{where} refused the login of user {self.user!r}{hint}: "
                "check NEO4J_USER and NEO4J_PASSWORD (or NEO4J_AUTH=user/password)"
            )
        if isinstance(exc, ServiceUnavailable | SessionExpired):
            return StoreError(
                f"cannot reach {where}: check that the server is running "
                "and that the host and port in the store URL are right"
            )
        code = getattr(exc, "code", None) or ""
        if code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return StoreError(
                f"{where} refused the login of user {self.user!r} after too many failed "
                "attempts: wait a few seconds, and check NEO4J_USER and NEO4J_PASSWORD"
            )
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(
                f"{where} has no database {self.database!r}: check NEO4J_DATABASE "
                "(unset, the server's default database is used)"
            )
        if code == "Neo.ClientError.Statement.AccessMode":
            return ReadOnlyError(f"{where}: the query writes, and it was run read-only")
        if isinstance(exc, Neo4jError):
            message = getattr(exc, "message", None) or str(exc)
            return StoreError(f"{where}: {self._redact(message)} ({code})")
        return StoreError(f"{where}: {self._redact(exc)}")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._store_error(exc) from None

    def _session(self, write: bool = False):
        return self.driver.session(
            database=self.database,
            default_access_mode=WRITE_ACCESS if write else READ_ACCESS,
            bookmark_manager=self._bookmarks,
        )

    def _read(self, work: Callable[..., Any], *args: Any) -> Any:
        with self._errors(), self._session() as session:
            return session.execute_read(work, *args)

    def _write(self, work: Callable[..., Any], *args: Any) -> Any:
        with self._errors(), self._session(write=True) as session:
            return session.execute_write(work, *args)

    def _check(self) -> None:
        """Fail now, in one line, if the server, the login or the database is wrong."""
        try:
            with self._errors(), self._session() as session:
                session.run("RETURN 1").consume()
        except StoreError:
            self.driver.close()
            raise

    # -- lifecycle -------------------------------------------------------------
    def schema_statements(self) -> list[str]:
        """The constraints and indexes :meth:`init` creates, all from the registry."""
        out = [
            f"CREATE CONSTRAINT allegraph_entity_id IF NOT EXISTS "
            f"FOR (n:{quote(NODE_LABEL)}) REQUIRE n.id IS UNIQUE",
            f"CREATE CONSTRAINT allegraph_loadrun_id IF NOT EXISTS "
            f"FOR (n:{quote(RUN_LABEL)}) REQUIRE n.id IS UNIQUE",
        ]
        for name, spec in self.registry.labels.items():
            low = name.lower()
            out.append(
                f"CREATE CONSTRAINT {quote(f'allegraph_{low}_id')} IF NOT EXISTS "
                f"FOR (n:{quote(name)}) REQUIRE n.id IS UNIQUE"
            )
            # TEXT, not RANGE: a claim text may exceed the range-index key size.
            out.append(
                f"CREATE TEXT INDEX {quote(f'allegraph_{low}_{spec.name_property}')} "
                f"IF NOT EXISTS FOR (n:{quote(name)}) ON (n.{quote(spec.name_property)})"
            )
            for prop in sorted(spec.derived):
                out.append(
                    f"CREATE INDEX {quote(f'allegraph_{low}_{prop}')} IF NOT EXISTS "
                    f"FOR (n:{quote(name)}) ON (n.{quote(prop)})"
                )
        for name, spec in self.registry.relationships.items():
            low = name.lower()
            out.append(
                f"CREATE CONSTRAINT {quote(f'allegraph_{low}_id')} IF NOT EXISTS "
                f"FOR ()-[r:{quote(name)}]-() REQUIRE r.id IS UNIQUE"
            )
            for prop in sorted(spec.derived):
                out.append(
                    f"CREATE INDEX {quote(f'allegraph_{low}_{prop}')} IF NOT EXISTS "
                    f"FOR ()-[r:{quote(name)}]-() ON (r.{quote(prop)})"
                )
        for prop in ("_status", "_independent", "_actors"):  # status questions are lookups
            out.append(
                f"CREATE INDEX allegraph_claim{prop} IF NOT EXISTS FOR (n:Claim) ON (n.{prop})"
            )
        # composite: claims of one status or count in id order, read lazily (claim
        # lists by status), or those of one count with enough backing actors
        for name, props in CLAIM_COMPOSITES.items():
            on = ", ".join(f"n.{p}" for p in props)
            out.append(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:Claim) ON ({on})")
        for label in self.registry.actor_labels:  # mutual-accusations: actors with pairs
            out.append(
                f"CREATE INDEX {quote(f'allegraph_{label.lower()}{MUTUAL_COUNT}')} IF NOT EXISTS "
                f"FOR (n:{quote(label)}) ON (n.{MUTUAL_COUNT})"
            )
        for name, (on, props) in self.fulltext_indexes().items():
            if name == LINK_SOURCES_INDEX:  # the one index of relationships
                pattern, var = f"()-[r:{'|'.join(map(quote, on))}]-()", "r"
            else:
                pattern, var = f"(n:{'|'.join(map(quote, on))})", "n"
            each = ", ".join(f"{var}.{quote(p)}" for p in props)
            statement = f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR {pattern} ON EACH [{each}]"
            analyzer = FULLTEXT_ANALYZERS.get(name)
            if analyzer:
                statement += f" OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{analyzer}'}}}}"
            out.append(statement)
        return out

    def fulltext_indexes(self) -> dict[str, tuple[list[str], list[str]]]:
        """The full-text indexes :meth:`init` makes: name -> (labels or types, properties);
        their analyzers are :data:`FULLTEXT_ANALYZERS` (Lucene's standard one otherwise)."""
        labels = list(self.registry.labels)
        searched = list(
            dict.fromkeys([*(s.name_property for s in self.registry.labels.values()), "aliases"])
        )
        return {
            SEARCH_INDEX: (labels, searched),
            WORDS_INDEX: (labels, [KEYS]),
            NAMES_INDEX: ([NODE_LABEL], [KEYS]),
            NODE_SOURCES_INDEX: ([NODE_LABEL], ["sources"]),
            LINK_SOURCES_INDEX: (list(self.registry.relationships), ["sources"]),
        }

    def init(self) -> None:
        with self._errors(), self._session(write=True) as session:
            for name in OLD_INDEXES:
                session.run(f"DROP INDEX {quote(name)} IF EXISTS").consume()
            # A full-text index made for another model (a label added since, such as
            # Evidence) would leave the new label's nodes unsearched: made again.
            wanted = self.fulltext_indexes()
            found = session.run(
                "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties"
            ).values()
            for name, on, props in found:
                if name in wanted and (list(on), list(props)) != wanted[name]:
                    session.run(f"DROP INDEX {quote(name)} IF EXISTS").consume()
            for statement in self.schema_statements():
                session.run(statement).consume()  # schema commands: auto-commit, one each
            session.run("CALL db.awaitIndexes(300)").consume()
        if not self.status_outdated():  # empty, or kept already: keep it from now on
            self._mark_status()

    def close(self) -> None:
        self.driver.close()

    def clear(self) -> None:
        """Delete every node with an allegraph label (:Entity, :LoadRun or a schema label),
        with its relationships. Other data in the database, constraints and indexes stay."""
        labels = [NODE_LABEL, RUN_LABEL, JUDGEMENT_LABEL, *self.registry.labels]
        query = (
            f"MATCH (n) WHERE {' OR '.join(f'n:{quote(n)}' for n in labels)} "
            "WITH n LIMIT $page DETACH DELETE n RETURN count(*) AS deleted"
        )

        def work(tx):
            return tx.run(query, page=DELETE_PAGE).single()["deleted"]

        while self._write(work):  # in pages, so a big graph does not need one huge transaction
            pass

    # -- writing ---------------------------------------------------------------
    def _list_props(self, properties: dict) -> list[str]:
        return [p.name for p in properties.values() if p.type == "list"]

    def _split(self, props: dict[str, Any], lists: list[str]) -> tuple[dict, dict]:
        """Scalar properties (new value wins) and list properties (accumulated)."""
        scalars = {k: v for k, v in props.items() if k not in lists or not isinstance(v, list)}
        listed = {k: merge_list([], v) for k, v in props.items() if k not in scalars}
        return scalars, listed

    def _accumulate(self, var: str, prop: str, value: str, optional: bool = False) -> str:
        """Cypher for ``var.prop`` = old list + the new items not in it (``merge_list``);
        ``optional``: a missing new value keeps the old one."""
        target = f"{var}.{quote(prop)}"
        old = f"coalesce({target}, [])"
        merged = f"{old} + [x IN {value} WHERE NOT x IN {old}]"
        if optional:
            merged = f"CASE WHEN {value} IS NULL THEN {target} ELSE {merged} END"
        return f"{target} = {merged}"

    @staticmethod
    def _sorted_union(var: str, prop: str, value: str) -> str:
        """Cypher for ``var.prop`` = the sorted union of the old and new lists
        (``merge_sources``: a set of ids, the same in any load order)."""
        target = f"{var}.{quote(prop)}"
        return (
            f"{target} = COLLECT {{ UNWIND coalesce({target}, []) + {value} AS x "
            "RETURN DISTINCT x ORDER BY x }"
        )

    def _node_query(self, label: str) -> str:
        spec = self.registry.labels[label]
        others = [quote(n) for n in self._labels if n != label]
        sets = ["n += row.scalars"]
        for prop in self._list_props(spec.properties):
            sets.append(self._accumulate("n", prop, f"row.lists.{quote(prop)}", optional=True))
        sets.append(self._sorted_union("n", "sources", "row.sources"))
        sets.append(self._accumulate("n", KEYS, "row.keys"))
        sets.append("n.lastSeen = $now, n.loadRun = $run")
        remove = f"REMOVE n:{':'.join(others)}\n" if others else ""
        # a clause of its own: it reads the dates the SET before it merged
        order = f"\nSET n.{ORDER} = {order_cypher('n', label)}" if label in DATED_LABELS else ""
        return (
            "UNWIND $rows AS row\n"
            f"MERGE (n:{quote(NODE_LABEL)} {{id: row.id}})\n"
            "ON CREATE SET n.firstSeen = $now\n"
            f"SET n:{quote(label)}\n"
            f"{remove}"
            f"SET {', '.join(sets)}"
            f"{order}"
        )

    def _move_query(self, type_: str) -> str:
        """Move relationships whose id now comes with other endpoints (the embedded
        store replaces such a row), keeping their properties for the merge that follows."""
        t = quote(type_)
        return (
            "UNWIND $rows AS row\n"
            f"MATCH (x)-[old:{t} {{id: row.id}}]->(y)\n"
            "WHERE x.id <> row.src OR y.id <> row.dst\n"
            f"MATCH (a:{quote(NODE_LABEL)} {{id: row.src}})\n"
            f"MATCH (b:{quote(NODE_LABEL)} {{id: row.dst}})\n"
            "WITH old, a, b, properties(old) AS kept, x.id AS was_from, y.id AS was_to\n"
            "DELETE old\n"
            f"CREATE (a)-[moved:{t}]->(b)\n"
            "SET moved = kept\n"
            "RETURN was_from, was_to"
        )

    def _link_query(self, type_: str) -> str:
        spec = self.registry.relationships[type_]
        sets = ["r += row.scalars"]
        for prop in self._list_props(spec.properties):
            sets.append(self._accumulate("r", prop, f"row.lists.{quote(prop)}", optional=True))
        sets.append(self._sorted_union("r", "sources", "row.sources"))
        sets.append("r.lastSeen = $now, r.loadRun = $run")
        return (
            "UNWIND $rows AS row\n"
            f"MATCH (a:{quote(NODE_LABEL)} {{id: row.src}})\n"
            f"MATCH (b:{quote(NODE_LABEL)} {{id: row.dst}})\n"
            f"MERGE (a)-[r:{quote(type_)} {{id: row.id}}]->(b)\n"
            "ON CREATE SET r.firstSeen = $now\n"
            f"SET {', '.join(sets)}\n"
            "RETURN count(r) AS written"
        )

    def _node_rows(self, entities: list[Entity]) -> dict[str, list[dict]]:
        merged: dict[str, Entity] = {}
        for ent in entities:  # the same id twice in a batch merges like two batches
            if ent.id in merged:
                first = merged[ent.id]
                first.props = merge_props(first.props, ent.props)
                first.sources = merge_sources(first.sources, ent.sources)
            else:
                merged[ent.id] = Entity(ent.label, ent.id, dict(ent.props), list(ent.sources))
        rows: dict[str, list[dict]] = {}
        for ent in merged.values():
            spec = self.registry.labels.get(ent.label)
            if spec is None:  # labels reach Cypher only from the registry
                raise StoreError(f"unknown label {ent.label!r} for node {ent.id!r}")
            scalars, listed = self._split(ent.props, self._list_props(spec.properties))
            rows.setdefault(ent.label, []).append(
                {
                    "id": ent.id,
                    "scalars": scalars,
                    "lists": listed,
                    "sources": merge_sources(None, ent.sources),
                    "keys": name_keys(spec, ent.props),
                }
            )
        return rows

    def _link_rows(self, links: list[Link]) -> dict[str, list[dict]]:
        merged: dict[str, Link] = {}
        for link in links:
            if link.id in merged:
                first = merged[link.id]
                first.props = merge_props(first.props, link.props)
                first.sources = merge_sources(first.sources, link.sources)
            else:
                merged[link.id] = Link(
                    link.type, link.src, link.dst, dict(link.props), list(link.sources), link.id
                )
        rows: dict[str, list[dict]] = {}
        for link in merged.values():
            spec = self.registry.relationships.get(link.type)
            if spec is None:
                raise StoreError(f"unknown relationship type {link.type!r} for link {link.id!r}")
            scalars, listed = self._split(link.props, self._list_props(spec.properties))
            rows.setdefault(link.type, []).append(
                {
                    "id": link.id,
                    "src": link.src,
                    "dst": link.dst,
                    "scalars": scalars,
                    "lists": listed,
                    "sources": merge_sources(None, link.sources),
                }
            )
        return rows

    def write(
        self,
        entities: list[Entity],
        links: list[Link],
        run_id: str,
        now: str,
        run: Run | None = None,
    ) -> None:
        node_rows = self._node_rows(entities)
        link_rows = self._link_rows(links)
        if not node_rows and not link_rows and run is None:
            return
        touch = touched(entities, links)
        if not self._status_kept:  # a store without claims keeps status from its first write
            if not self.status_outdated():
                self._mark_status()
            self._status_kept = True
        counts = (
            f"MATCH (r:{quote(RUN_LABEL)} {{id: $id}}) "
            "SET r.read = $read, r.loaded = $loaded, r.rejected = $rejected"
        )

        def work(tx) -> None:
            republished = neo4j_status.regraded(tx, node_rows.get(SOURCE_LABEL, []))
            moved: set[str] = set()
            for label, rows in node_rows.items():
                tx.run(self._node_query(label), rows=rows, now=now, run=run_id).consume()
            for type_, rows in link_rows.items():
                # only an explicit id can come back with other endpoints: a default id
                # (src|TYPE|dst) names its endpoints, so its rows skip the costly move
                explicit = [r for r in rows if r["id"] != link_id(type_, r["src"], r["dst"])]
                if explicit:
                    for was in tx.run(self._move_query(type_), rows=explicit).values():
                        moved.update(was)  # the old ends may have lost a source or actor
                query = self._link_query(type_)
                written = tx.run(query, rows=rows, now=now, run=run_id).single()["written"]
                if written != len(rows):
                    # raising inside the transaction function rolls the whole batch back
                    raise StoreError(
                        f"{len(rows) - written} {type_} links point at nodes that are not "
                        "in the store; nothing of this batch was written"
                    )
            self._keep_status(tx, touch, moved, republished)
            self._keep_mutual(tx, self._mutual_seeds(entities, links, moved))
            if run is not None:
                tx.run(
                    counts, id=run.id, read=run.read, loaded=run.loaded, rejected=run.rejected
                ).consume()

        self._write(work)

    # -- claim status kept as data loads (allegraph.status) -----------------------
    def _keep_status(self, tx, touch: Touched, moved: set[str], republished: list[str]) -> None:
        """Recompute, in the batch's transaction, the status of every claim it can change."""
        ids = neo4j_status.claims_to_recompute(tx, touch, moved, republished, self._citing)
        neo4j_status.recompute(tx, sorted(ids))

    # -- accusation pairs kept as data loads (mutual-accusations) ------------------
    @staticmethod
    def _mutual_seeds(entities: list[Entity], links: list[Link], moved: set[str]) -> list[str]:
        """The nodes near which a batch can make or unmake a pair of actors who accuse
        each other: its nodes (a label may change), the ends of its ALLEGES and ACCUSES
        links, and the old ends of moved links."""
        seeds = {e.id for e in entities} | moved
        for link in links:
            if link.type in ("ALLEGES", "ACCUSES"):
                seeds.update((link.src, link.dst))
        return sorted(seeds)

    @staticmethod
    def _keep_mutual(tx, seeds: list[str]) -> None:
        """Recompute ``_mutual`` of every actor a seed can concern: the seed itself, who
        ALLEGES it and whom it ACCUSES. A pair changes only through a claim between its
        two actors (or a label), so both ends are recomputed."""
        if not seeds:
            return
        query = (
            f"UNWIND $ids AS id MATCH (n:{quote(NODE_LABEL)} {{id: id}}) "
            "CALL (n) { RETURN n AS x UNION MATCH (x)-[:ALLEGES]->(n) RETURN x "
            "UNION MATCH (n)-[:ACCUSES]->(x) RETURN x } "
            f"WITH DISTINCT x WHERE x:Person OR x:Organization OR x.{MUTUAL} IS NOT NULL "
            "RETURN x.id"
        )
        actors = tx.run(query, ids=seeds).value()
        if actors:
            tx.run(mutual_cypher(), actors=actors).consume()

    @staticmethod
    def _citing(tx, sources: list[str]) -> list[str]:
        """Claims whose own ``sources`` list one of ``sources`` (full-text index)."""
        query = (
            "CALL db.index.fulltext.queryNodes($index, $q) YIELD node "
            "WHERE node:Claim AND any(s IN $ids WHERE s IN node.sources) RETURN node.id"
        )
        found: list[str] = []
        for start in range(0, len(sources), 200):
            chunk = sources[start : start + 200]
            q = " OR ".join(lucene_phrase(s) for s in chunk)
            found += tx.run(query, index=NODE_SOURCES_INDEX, q=q, ids=chunk).value()
        return found

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Recompute the status of every claim, the accusation pairs of every actor and
        the timeline place of every event and claim (a store written before they were
        kept); returns the number of claims."""
        page = f"MATCH (c:Claim) WHERE c.id > $after RETURN c.id ORDER BY c.id LIMIT {READ_PAGE}"
        after, done = "", 0
        while True:
            ids = self._read(lambda tx, a: tx.run(page, after=a).value(), after)
            if not ids:
                break
            self._write(
                neo4j_status.recompute,
                ids,
            )
            done += len(ids)
            after = ids[-1]
            if progress:
                progress(done)
        for label in self.registry.actor_labels:  # the accusation pairs of every actor
            page = (
                f"MATCH (n:{quote(label)}) WHERE n.id > $after "
                f"RETURN n.id ORDER BY n.id LIMIT {READ_PAGE}"
            )
            after = ""
            while ids := self._read(lambda tx, a, q=page: tx.run(q, after=a).value(), after):
                self._write(lambda tx, chunk: tx.run(mutual_cypher(), actors=chunk).consume(), ids)
                after = ids[-1]
        for label in DATED_LABELS:  # the timeline place of every event and claim
            place = (
                f"MATCH (n:{quote(label)}) WHERE n.id > $after "
                f"WITH n ORDER BY n.id LIMIT {READ_PAGE} "
                f"SET n.{ORDER} = {order_cypher('n', label)} RETURN n.id"
            )
            after = ""
            while ids := self._write(lambda tx, a, q=place: tx.run(q, after=a).value(), after):
                after = ids[-1]
        self._mark_status()
        return done

    def _mark_status(self) -> None:
        """Say the store keeps claim status and accusation pairs (of this version)."""
        query = (
            f"MERGE (m:{META_LABEL} {{id: $id}}) "
            f"SET m.version = {STATUS_VERSION}, m.policy = $policy"
        )
        stamp = neo4j_status.policy_stamp()
        self._write(lambda tx: tx.run(query, id=STATUS_META, policy=stamp).consume())

    def status_outdated(self) -> bool:
        query = (
            f"OPTIONAL MATCH (m:{META_LABEL} {{id: $id}}) "
            f"RETURN (coalesce(m.version, 0) < {STATUS_VERSION} OR m.policy IS NULL "
            "OR m.policy <> $policy) AND EXISTS { MATCH (n:Claim|Event) } "
            "AS outdated"
        )
        stamp = neo4j_status.policy_stamp()
        found = self._read(lambda tx: tx.run(query, id=STATUS_META, policy=stamp).single())
        return bool(found["outdated"])

    def start_run(self, run: Run) -> None:
        query = f"MERGE (r:{quote(RUN_LABEL)} {{id: $run.id}}) SET r += $run"
        props = {k: v for k, v in run.as_dict().items() if v is not None}
        self._write(lambda tx: tx.run(query, run=props).consume())

    def finish_run(self, run: Run) -> None:
        query = (
            f"MATCH (r:{quote(RUN_LABEL)} {{id: $id}}) "
            "SET r.ended = $ended, r.read = $read, r.loaded = $loaded, "
            "r.rejected = $rejected, r.status = $status, r.error = $error"
        )
        self._write(
            lambda tx: tx.run(
                query,
                id=run.id,
                ended=run.ended,
                read=run.read,
                loaded=run.loaded,
                rejected=run.rejected,
                status=run.status,
                error=run.error,
            ).consume()
        )

    def settle_runs(self) -> list[Run]:
        dead = [r for r in self.runs() if r.status == "interrupted"]
        if dead:
            query = (
                f"UNWIND $ids AS id MATCH (r:{quote(RUN_LABEL)} {{id: id}}) "
                "WHERE r.status IN ['running', 'waiting'] SET r.status = 'interrupted'"
            )
            ids = [r.id for r in dead]
            self._write(lambda tx: tx.run(query, ids=ids).consume())
        return dead

    # -- reading ---------------------------------------------------------------
    def _label_of(self, labels: Iterable[str]) -> str:
        present = set(labels)
        for name in self._labels:
            if name in present:
                return name
        return next((n for n in sorted(present) if n != NODE_LABEL), NODE_LABEL)

    def _entity(self, labels: list[str], props: dict[str, Any]) -> Entity:
        return Entity(
            label=self._label_of(labels),
            id=props["id"],
            props={k: v for k, v in props.items() if k not in HIDDEN},
            sources=list(props.get("sources") or []),
            first_seen=props.get("firstSeen"),
            last_seen=props.get("lastSeen"),
            load_run=props.get("loadRun"),
        )

    @staticmethod
    def _link(type_: str, src: str, dst: str, props: dict[str, Any]) -> Link:
        return Link(
            type=type_,
            src=src,
            dst=dst,
            props={k: v for k, v in props.items() if k not in HIDDEN},
            sources=list(props.get("sources") or []),
            id=props["id"],
            first_seen=props.get("firstSeen"),
            last_seen=props.get("lastSeen"),
            load_run=props.get("loadRun"),
        )

    def labels_of(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        query = (
            f"UNWIND $ids AS id MATCH (n:{quote(NODE_LABEL)} {{id: id}}) "
            "RETURN n.id AS id, labels(n) AS labels"
        )
        rows = self._read(lambda tx: tx.run(query, ids=ids).values())
        return {ident: self._label_of(labels) for ident, labels in rows}

    def _pages(self, query: str, **params: Any) -> Iterator[list]:
        """Rows of ``query`` (ordered by id, ``$after``/``$page``), one read transaction a page."""
        after, first = "", True
        while True:
            rows = self._read(
                lambda tx, q, a: tx.run(q, after=a, page=READ_PAGE, **params).values(),
                query.replace("> $after", ">= $after") if first else query,
                after,
            )
            yield from rows
            if len(rows) < READ_PAGE:
                return
            after, first = rows[-1][0], False

    def nodes(self, label: str | None = None) -> Iterator[Entity]:
        if label is not None and label not in self.registry.labels:
            return  # no such label in the schema: nothing to match (and nothing to inject)
        pattern = quote(NODE_LABEL) + (f":{quote(label)}" if label else "")
        query = (
            f"MATCH (n:{pattern}) WHERE n.id > $after "
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props "
            "ORDER BY n.id LIMIT $page"
        )
        for _, labels, props in self._pages(query):
            yield self._entity(labels, props)

    def _links_of(self, type_: str) -> Iterator[Link]:
        query = (
            f"MATCH (a)-[r:{quote(type_)}]->(b) WHERE r.id > $after "
            "RETURN r.id AS id, a.id AS src, b.id AS dst, properties(r) AS props "
            "ORDER BY r.id LIMIT $page"
        )
        for _, src, dst, props in self._pages(query):
            yield self._link(type_, src, dst, props)

    def links(self, type_: str | None = None) -> Iterator[Link]:
        if type_ is not None:
            if type_ in self.registry.relationships:
                yield from self._links_of(type_)
            return
        # one ordered stream per type (each uses its id index), merged into id order
        streams = [self._links_of(t) for t in self.registry.relationships]
        yield from heapq.merge(*streams, key=lambda link: link.id)

    def get_node(self, node_id: str) -> Entity | None:
        query = (
            f"MATCH (n:{quote(NODE_LABEL)} {{id: $id}}) "
            "RETURN labels(n) AS labels, properties(n) AS props"
        )
        row = self._read(lambda tx: tx.run(query, id=node_id).single())
        return self._entity(row["labels"], row["props"]) if row else None

    def runs(self) -> list[Run]:
        query = f"MATCH (r:{quote(RUN_LABEL)}) RETURN properties(r) AS run ORDER BY r.started, r.id"
        rows = self._read(lambda tx: tx.run(query).value())
        defaults = Run("", "", "", "", "").as_dict()
        return [Run(**{f: row.get(f, defaults[f]) for f in RUN_FIELDS}).settled() for row in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        out = self.empty_counts()
        parts, names = [], []
        for label in self.registry.labels:
            parts.append(f"MATCH (n:{quote(label)}) RETURN {len(names)} AS i, count(n) AS c")
            names.append(("nodes", label))
        for type_ in self.registry.relationships:
            parts.append(f"MATCH ()-[r:{quote(type_)}]->() RETURN {len(names)} AS i, count(r) AS c")
            names.append(("relationships", type_))
        rows = self._read(lambda tx: tx.run(" UNION ALL ".join(parts)).values())
        for i, count in rows:
            kind, name = names[i]
            out[kind][name] = count
        return out

    def named(self, name: str) -> list[str]:
        key = normalize(name)
        if not key:
            return []
        query = (
            "CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node "
            f"WHERE $key IN node.{KEYS} RETURN node.id ORDER BY node.id"
        )
        return self._read(
            lambda tx: tx.run(query, index=NAMES_INDEX, phrase=lucene_phrase(key), key=key).value()
        )

    def resolve(self, name: str, labels: Iterable[str] | None = None) -> list[str]:
        wanted = set(labels) if labels else None
        by_id = f"MATCH (n:{quote(NODE_LABEL)} {{id: $name}}) RETURN n.id, labels(n)"
        key = normalize(name)
        # The keyword-analysed full-text index holds each key as one term: a quoted
        # phrase of [a-z0-9 ] is an exact term query, and the WHERE re-checks it.
        by_key = (
            "CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node "
            f"WHERE $key IN node.{KEYS} RETURN node.id, labels(node) ORDER BY node.id"
        )
        scan = (
            f"MATCH (n:{quote(NODE_LABEL)}) WHERE $key IN n.{KEYS} "
            "RETURN n.id, labels(n) ORDER BY n.id"
        )

        def work(tx):
            hits = tx.run(by_id, name=name).values()
            if hits:
                return hits
            if not key:
                return tx.run(scan, key=key).values()
            return tx.run(by_key, index=NAMES_INDEX, phrase=lucene_phrase(key), key=key).values()

        hits = self._read(work)
        return [i for i, labs in hits if wanted is None or self._label_of(labs) in wanted]

    # -- reading a selection: one indexed lookup per id (the :Entity(id) constraint) --
    def get_nodes(self, ids: Iterable[str]) -> dict[str, Entity]:
        wanted = list(dict.fromkeys(ids))
        query = (
            f"UNWIND $ids AS id MATCH (n:{quote(NODE_LABEL)} {{id: id}}) "
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
        )
        rows = self._read(lambda tx: tx.run(query, ids=wanted).values()) if wanted else []
        found = {i: self._entity(labels, props) for i, labels, props in rows}
        return {i: found[i] for i in wanted if i in found}

    def subgraph(self, ids: Iterable[str]) -> tuple[list[Entity], list[Link]]:
        nodes = list(self.get_nodes(ids).values())
        present = [n.id for n in nodes]
        query = (
            f"UNWIND $ids AS id MATCH (a:{quote(NODE_LABEL)} {{id: id}})-[r]->(b) "
            f"WHERE b:{quote(NODE_LABEL)} AND b.id IN $ids "
            "RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props"
        )
        rows = self._read(lambda tx: tx.run(query, ids=present).values()) if present else []
        links = [self._link(*row) for row in rows]
        return nodes, sorted(links, key=lambda lk: lk.id)

    def adjacent(
        self, ids: Iterable[str], type_: str | None = None, direction: str = "both"
    ) -> dict[str, set[str]]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, set[str]] = {i: set() for i in wanted}
        if type_ is not None and type_ not in self.registry.relationships:
            return found  # types reach Cypher only from the registry
        rel = f"[:{quote(type_)}]" if type_ else "[]"
        pattern = {"out": f"-{rel}->", "in": f"<-{rel}-", "both": f"-{rel}-"}[direction]
        query = (
            f"UNWIND $ids AS id MATCH (a:{quote(NODE_LABEL)} {{id: id}}){pattern}(b) "
            "WHERE b <> a RETURN DISTINCT a.id, b.id"
        )
        rows = self._read(lambda tx: tx.run(query, ids=wanted).values()) if wanted else []
        for here, there in rows:
            found[here].add(there)
        return found

    def claim_facts(self, claims: Iterable[str]) -> dict:
        wanted = list(dict.fromkeys(claims))
        if not wanted:
            return {}
        # the facts the status rule needs, as its Cypher reads them
        return self._read(neo4j_status.claim_facts, wanted)

    # -- ad-hoc Cypher ---------------------------------------------------------
    def run(
        self, query: str, params: dict[str, Any] | None = None, write: bool = False
    ) -> CypherResult:
        """Run one Cypher query in a read (or, with ``write``, a write) transaction.

        Rows hold the values as the driver gives them (nodes, relationships and
        paths as driver objects). A query that writes in a read transaction
        raises :class:`ReadOnlyError`.
        """

        def work(tx):
            result = tx.run(query, params or {})
            rows = [list(record.values()) for record in result]
            counters = vars(result.consume().counters)
            changed = {k.lstrip("_"): v for k, v in counters.items() if v and v is not True}
            return CypherResult(list(result.keys()), rows, changed)

        return self._write(work) if write else self._read(work)


@dataclass
class CypherResult:
    """Columns and rows of a query, and what it changed (``{"nodes_created": 2, ...}``)."""

    columns: list[str]
    rows: list[list[Any]]
    counters: dict[str, int]


class ReadOnlyError(StoreError):
    """A query tried to write in a read transaction."""
