"""Entity resolution: reviewable, reversible judgements that two nodes are one.

``allegraph resolve`` (graph/cli/resolve.py) is a thin layer over
:mod:`allegraph.resolve.actions`; docs/resolve.md shows every command.
"""

from allegraph.resolve.actions import (
    Outcome,
    bring,
    export,
    import_file,
    judge,
    judgements,
    load_rules,
    propose,
    undo,
)
from allegraph.resolve.candidates import Candidate
from allegraph.resolve.judgements import Judgement, ResolveError

__all__ = [
    "Candidate",
    "Judgement",
    "Outcome",
    "ResolveError",
    "bring",
    "export",
    "import_file",
    "judge",
    "judgements",
    "load_rules",
    "propose",
    "undo",
]
