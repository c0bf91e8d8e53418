"""RDF export and import (rdflib), with the ontology and SHACL shapes of ``schema/``.

Only constants live here: the modules below import rdflib (slow to import), and
the CLI reads :data:`DEFAULT_BASE` for its help text at start-up.
"""

DEFAULT_BASE = "https://allegraph.org/id/"  # what instance IRIs start with, unless told
