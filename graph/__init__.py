"""allegraph: a knowledge graph of actors, events and allegations.

Every allegation stays tied to who made it, what backs it and who disputes it.
"""

from allegraph.model import Entity, Link, Record

__version__ = "0.1.0"
__all__ = ["Entity", "Link", "Record", "__version__"]
