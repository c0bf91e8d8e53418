"""How much a view draws by default.

Kept apart from the modules that build views (networkx, pyvis: slow to import)
because the CLI shows these values in `allegraph view --help` at start-up.
"""

DEFAULT_MAX_NODES = 5000  # a view is cut to this many nodes, and says what it left out
PHYSICS_THRESHOLD = 2000  # above this many nodes, fixed positions instead of live layout
