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
        if p.min is not None and p.max is not None:
            kind += f" {p.min}..{p.max}"
        elif p.min is not None or p.max is not None:
            kind += f" >= {p.min}" if p.max is None else f" <= {p.max}"
        if p.type == "edtf":
            kind += f" -> `{p.earliest}`, `{p.latest}`"
        if p.json_keys:
            kind += " of JSON objects {" + ", ".join(f"`{k}`" for k in p.json_keys) + "}"
        if p.pattern:
            kind += f" matching `{p.pattern}`"
        if p.rdf:
            kind += f", RDF `{p.rdf}`"
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
    out += ["", *_status_section(reg)]
    return "\n".join(out) + "\n"


def _status_section(reg: Registry) -> list[str]:
    """The claim status rule and its policy (schema/status.yaml)."""
    policy = reg.status
    counted = ", ".join(policy.counted)
    ungraded = "counts" if policy.ungraded else "does not count"
    out = [
        "## Claim status",
        "",
        "A claim's status is derived from the graph by one rule (`allegraph.status`,",
        "mirrored in graph/stores/claim_status.cypher), under the policy in",
        "`schema/status.yaml`; `allegraph explain CLAIM` shows each step for a claim.",
        "",
        "- **Backing sources**: the claim's own `sources`, plus every Source that",
        "  SUPPORTS it.",
        "- **Origin**: a source's origin is the root of its DERIVED_FROM chain (a",
        "  source that derives from none is its own origin; of several roots, the",
        "  first by id; where no root is reached (a cycle), the first id it reaches).",
        f"- **Counted**: a backing source counts when its reliability grade is one of {counted}",
        f"  (a source without a grade {ungraded}).",
        "- **Independent sources**: counted backing sources, with copies collapsed onto",
        "  their origin, and origins of one publisher collapsed into one (an origin",
        "  without a publisher stands alone).",
        "- **Evidence**: each Evidence that SUPPORTS the claim in a verification state",
        f"  of {', '.join(policy.evidence)} counts like one more independent source (no state:",
        "  unverified). A claim with evidence none of which counts carries the caveat",
        "  `evidence not verified`; one with some fabricated evidence `evidence",
        "  fabricated` (in `claim-status`, `explain` and the views; the status itself",
        "  is unchanged by it).",
        "- **Backing actors**: who ALLEGES the claim, or ALLEGES a claim that SUPPORTS it.",
        "- **Disputes**: DISPUTED_BY relationships leaving the claim, each with a",
        "  **stance**: the `stance` given on the relationship, else derived from who",
        "  disputes (the actor it points at, or those who ALLEGE the counter-claim it",
        "  points at): `retraction` when they include one who ALLEGES the claim,",
        "  `denial` when all of them are among those the claim ACCUSES, `rebuttal`",
        "  otherwise (a third party, or a counter-claim nobody on record alleges).",
        "  A given stance may also be `correction`, which counts as a rebuttal.",
        "",
        f"The minimum of independent sources or backing actors is {policy.min}",
        "(`min` overrides it per query). The conditions a status may require:",
        "`retraction`, `denial`, `rebuttal` (a dispute of that stance; a correction",
        "is a rebuttal) and `corroborated` (at least `min` independent sources or",
        "backing actors). The statuses, in order of precedence: a claim has the first",
        "whose conditions all hold.",
        "",
        "| status | conditions | meaning |",
        "|---|---|---|",
    ]
    out += [
        f"| `{s.name}` | {', '.join(s.when) or '(none)'} | {s.description} |"
        for s in policy.statuses
    ]
    return out


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else Path("docs/model.md")
    target.write_text(render(registry()), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
