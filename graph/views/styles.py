"""How each label, relationship type and claim status looks, read from the schema.

``schema/model.yaml`` holds the view keys (``LabelSpec.view``, ``LinkSpec.view``):
a label has ``color`` and ``shape``, a relationship type ``color``, ``dashes``,
``width`` and ``arrow``; the label whose nodes get a derived status (Claim) has
``status: {status: color}``, and the type of disputes ``stance: {stance: color}``.
Nothing here lists labels, types, statuses or stances.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allegraph.schema import Registry

# What a view key falls back to when the schema leaves it out.
DEFAULT_NODE = {"color": "#9D9D9D", "shape": "dot"}
DEFAULT_EDGE = {"color": "#9D9D9D", "dashes": False, "width": 1, "arrow": "arrow"}


@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str

    def as_dict(self) -> dict[str, Any]:
        return {"color": self.color, "shape": self.shape}


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    dashes: bool | list[int]
    width: float
    arrow: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "color": self.color,
            "dashes": self.dashes,
            "width": self.width,
            "arrow": self.arrow,
        }


@dataclass(frozen=True)
class ViewStyle:
    labels: dict[str, NodeStyle]
    relationships: dict[str, EdgeStyle]
    statuses: dict[str, str]
    stances: dict[str, str]  # dispute stance -> colour

    def label(self, name: str) -> NodeStyle:
        return self.labels.get(name) or NodeStyle(**DEFAULT_NODE)

    def relationship(self, name: str) -> EdgeStyle:
        return self.relationships.get(name) or EdgeStyle(**DEFAULT_EDGE)


def _dashes(value: Any) -> bool | list[int]:
    if isinstance(value, list):
        return [int(v) for v in value]
    return bool(value)


def view_style(reg: Registry) -> ViewStyle:
    """The styles of every label, relationship type and claim status in ``reg``.

    Raises ``ValueError`` when the schema gives colours for some statuses but
    not for every status of the status policy (schema/status.yaml).
    """
    labels = {}
    statuses: dict[str, str] = {}
    for name, spec in reg.labels.items():
        view = {**DEFAULT_NODE, **spec.view}
        labels[name] = NodeStyle(color=str(view["color"]), shape=str(view["shape"]))
        statuses.update({str(k): str(v) for k, v in (spec.view.get("status") or {}).items()})
    missing = [s for s in reg.status.names if s not in statuses]
    if statuses and missing:
        raise ValueError(f"schema view: no colour for claim status {', '.join(missing)}")
    relationships = {}
    stances: dict[str, str] = {}
    for name, spec in reg.relationships.items():
        view = {**DEFAULT_EDGE, **spec.view}
        stances.update({str(k): str(v) for k, v in (spec.view.get("stance") or {}).items()})
        relationships[name] = EdgeStyle(
            color=str(view["color"]),
            dashes=_dashes(view["dashes"]),
            width=float(view["width"]),
            arrow=str(view["arrow"]),
        )
    return ViewStyle(labels, relationships, statuses, stances)
