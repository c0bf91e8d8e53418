"""The ``allegraph`` command: a thin click layer over the library.

Commands are split by topic, one module each; a module exposes ``commands``,
a list of click commands that :func:`main` registers.
"""

from __future__ import annotations

from importlib import import_module

import click

from allegraph import __version__
from allegraph.stores import default_url

# Modules that contribute commands, in the order --help lists them.
COMMAND_MODULES = (
    "store",
    "load",
    "query",
    "explain",
    "evidence",
    "lint",
    "view",
    "report",
    "export",
    "neo4j",
    "resolve",
    "demo",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="allegraph")
@click.option(
    "--store",
    "store_url",
    envvar="ALLEGRAPH_STORE",
    default="allegraph.db",
    show_default=True,
    help="The store: a SQLite file path, or a neo4j:// / bolt:// URL "
    "(credentials from NEO4J_USER / NEO4J_PASSWORD). Env: ALLEGRAPH_STORE.",
)
@click.pass_context
def main(ctx: click.Context, store_url: str) -> None:
    """allegraph: a knowledge graph of actors, events and allegations.

    Every allegation stays tied to who made it, what backs it and who
    disputes it. Start with `allegraph demo`, then `allegraph load FILE`.
    """
    ctx.obj = {"store_url": store_url or default_url()}


for _name in COMMAND_MODULES:
    for _command in import_module(f"allegraph.cli.{_name}").commands:
        main.add_command(_command)
