"""Commands: neo4j (being built; see the issue for this topic)."""

from __future__ import annotations

commands: list = []
