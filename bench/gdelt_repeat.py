"""Repeat a GDELT events slice with shifted ids, for the load benchmarks.

    python bench/gdelt_repeat.py tests/data/gdelt/20191024143000.export.CSV \\
        /tmp/gdelt-1m.export.CSV --events 1000000
    allegraph --store /tmp/bench.db load /tmp/gdelt-1m.export.CSV

Copy k of the slice adds k * 10**10 to every GLOBALEVENTID (and `#copy-k` to
each SOURCEURL unless --same-urls), so each copy loads as new events and new
sources while actors and places stay shared. See
allegraph.loaders.gdelt.repeat_events.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from allegraph.loaders.gdelt import repeat_events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a GDELT 2.0 events file (.CSV, .gz or .zip)")
    parser.add_argument("target", type=Path, help="the file to write (tab-separated, no header)")
    parser.add_argument("--events", type=int, default=1_000_000, help="rows to write")
    parser.add_argument(
        "--same-urls", action="store_true", help="keep SOURCEURL as is in every copy"
    )
    args = parser.parse_args(argv)
    written = repeat_events(args.source, args.target, args.events, not args.same_urls)
    print(f"{written} events written to {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
