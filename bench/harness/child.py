"""Run one measurement in a child Python process: its own memory, its own timer.

The child runs ``python -c CODE`` with the arguments as JSON on stdin and
prints one JSON object on its last line; the parent adds the child's peak
resident memory and CPU time (``resource.getrusage`` of the child).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]  # bench/, so the child can import harness.*


class ChildError(RuntimeError):
    pass


def run_child(
    function: str, args: dict, timeout: float | None = None, env: dict | None = None
) -> dict:
    """Call ``harness.<module>:<function>(**args)`` in a child process; its result dict.

    Adds ``peak_rss_mib`` (the child's maximum resident set) and ``cpu_s``
    (user + system time of the child), and ``process_s`` (wall time of the
    whole process, interpreter start included).
    """
    module, name = function.split(":")
    code = (
        "import json, sys, resource\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        f"from {module} import {name} as work\n"
        "result = work(**json.loads(sys.stdin.read()))\n"
        "result['child_maxrss_kib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps(result))\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        out, err = proc.communicate(json.dumps(args), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ChildError(f"{function} took more than {timeout:.0f} s") from None
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        tail = (err or out).strip().splitlines()[-1:] or ["no output"]
        raise ChildError(f"{function} failed: {tail[0]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mib"] = round(result.pop("child_maxrss_kib") / 1024, 1)
    result["cpu_s"] = round(
        (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2
    )
    result["process_s"] = round(elapsed, 2)
    return result
