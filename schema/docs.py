"""Write docs/model.md from the registry: ``python -m allegraph.schema.docs [PATH]``."""

from __future__ import annotations

import sys
from pathlib import Path

from allegraph.schema.registry import Property, Registry, registry


def _prop_rows(props: dict[str, Property]) -> list[str]:
    rows = ["| property | type | required | meaning |", "|---|---|---|---|"]
    for p in props.values():
        kind = p.type
        if p.values:
            kind += " (" + ", ".join(p.values) + ")"
        if p.min is not None or p.max is not None:
            kind += f" {p.min}..{p.max}"
        if p.type == "edtf":
            kind += f" -> `{p.earliest}`, `{p.latest}`"
        rows.append(f"| `{p.name}` | {kind} | {'yes' if p.required else ''} | {p.description} |")
    return rows


def render(reg: Registry) -> str:
    out = [
        "# Data model",
        "",
        "<!-- Generated from schema/model.yaml by `python -m allegraph.schema.docs`;"
        " do not edit by hand. -->",
        "",
        "Every node has an `id` (given, or derived from its label and normalised name),",
        "`sources` (ids of Source nodes) and the bookkeeping properties below. EDTF dates",
        "are kept as written; the derived earliest/latest ISO dates are computed on load.",
        "",
        "## Properties of every node",
        "",
        *_prop_rows(reg.node_properties),
        "",
        "## Properties of every relationship",
        "",
        *_prop_rows(reg.link_properties),
        "",
        "## Written by the store",
        "",
        *_prop_rows(reg.system_properties),
        "",
        "## Node labels",
    ]
    for spec in reg.labels.values():
        own = {k: v for k, v in spec.properties.items() if k not in reg.node_properties}
        out += ["", f"### {spec.name}", "", spec.description, ""]
        id_from = ", ".join(f"`{k}`" for k in spec.id_from)
        out.append(f"Name property `{spec.name_property}`; id derived from {id_from}.")
        if spec.sources_required:
            out.append("At least one source is required.")
        out += ["", *_prop_rows(own)]
    out += ["", "## Relationship types", ""]
    out += ["| type | from | to | meaning |", "|---|---|---|---|"]
    for spec in reg.relationships.values():
        ends = "/".join(spec.sources), "/".join(spec.targets)
        out.append(f"| `{spec.name}` | {ends[0]} | {ends[1]} | {spec.description} |")
    for spec in reg.relationships.values():
        own = {k: v for k, v in spec.properties.items() if k not in reg.link_properties}
        if own or spec.sources_required:
            out += ["", f"### {spec.name}", ""]
            if spec.sources_required:
                out += ["At least one source is required.", ""]
            if own:
                out += _prop_rows(own)
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else Path("docs/model.md")
    target.write_text(render(registry()), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
