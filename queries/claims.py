"""Embedded implementations of the queries about claims: who alleges them, against whom,
who disputes them, and their derived status."""

from __future__ import annotations

from typing import Any

from allegraph.queries.embedded import GraphView, Rows, cypher_order, implements
from allegraph.status import CONTESTED, CORROBORATED


@implements("allegations-by")
def allegations_by(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for actor in view.find(p["actor"], view.actor_labels):
        for claim, _, link in view.out_edges(actor, "ALLEGES"):
            if view.label(claim) != "Claim":
                continue
            own = link.get("date") is not None
            date = link.get("date") if own else view.prop(claim, "date")
            earliest = link.get("earliest") if own else view.prop(claim, "earliest")
            status = view.status(claim, p["min"])
            row = [
                actor,
                claim,
                view.prop(claim, "text"),
                date,
                status.status,
                list(status.sources),
            ]
            rows.append((cypher_order(earliest, actor, claim), row))
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows][: p["limit"]]


@implements("allegations-against")
def allegations_against(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for accused in view.find(p["actor"], view.actor_labels):
        for claim in view.origins(accused, "ACCUSES", ["Claim"]):
            rows.append(
                [
                    accused,
                    claim,
                    view.prop(claim, "text"),
                    view.origins(claim, "ALLEGES"),
                    view.targets(claim, "DISPUTED_BY"),
                ]
            )
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows[: p["limit"]]


@implements("disputed-claims")
def disputed_claims(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for claim in view.with_label(["Claim"]):
        if not view.out_edges(claim, "DISPUTED_BY"):
            continue
        counter = view.targets(claim, "DISPUTED_BY", ["Claim"])
        counter_allegers = sorted({a for c in counter for a in view.origins(c, "ALLEGES")})
        rows.append(
            [
                claim,
                view.prop(claim, "text"),
                view.origins(claim, "ALLEGES"),
                view.targets(claim, "DISPUTED_BY", view.actor_labels),
                counter,
                counter_allegers,
            ]
        )
    return rows[: p["limit"]]


@implements("claim-status")
def claim_status(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = []
    for claim in view.with_label(["Claim"]):
        status = view.status(claim, p["min"])
        rows.append(
            [
                claim,
                view.prop(claim, "text"),
                status.status,
                len(status.sources),
                status.independent_sources,
                len(status.actors),
                status.disputes,
            ]
        )
    return rows[: p["limit"]]


def _by_corroboration(view: GraphView, p: dict[str, Any], corroborated: bool) -> Rows:
    rows = []
    for claim in view.with_label(["Claim"]):
        status = view.status(claim, p["min"])
        if (status.status in (CORROBORATED, CONTESTED)) != corroborated:
            continue
        rows.append(
            [
                claim,
                view.prop(claim, "text"),
                status.status,
                status.independent_sources,
                list(status.sources),
                list(status.actors),
            ]
        )
    return rows


@implements("single-source-claims")
def single_source_claims(view: GraphView, p: dict[str, Any]) -> Rows:
    return _by_corroboration(view, p, corroborated=False)[: p["limit"]]


@implements("corroborated-claims")
def corroborated_claims(view: GraphView, p: dict[str, Any]) -> Rows:
    rows = _by_corroboration(view, p, corroborated=True)
    rows.sort(key=lambda row: (-row[3], row[0]))
    return rows[: p["limit"]]
