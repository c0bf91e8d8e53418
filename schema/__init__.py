"""The allegraph data model, declared in ``model.yaml`` and loaded into one registry."""

from allegraph.schema.registry import (
    LabelSpec,
    LinkSpec,
    Property,
    Registry,
    StatusPolicy,
    registry,
)

__all__ = ["LabelSpec", "LinkSpec", "Property", "Registry", "StatusPolicy", "registry"]
