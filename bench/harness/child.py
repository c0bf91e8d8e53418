"""Run one measurement in a child Python process: its own memory, its own timer.

The child runs ``python -c CODE`` with the arguments as JSON on stdin and
prints one JSON object on its last line; to it are added the child's peak
resident memory (its own ``getrusage``) and CPU time (``wait4`` of the child).

Every child starts from a small trampoline process (:data:`TRAMPOLINE`), not
from the benchmark's own process: Linux keeps the peak resident memory of the
address space a process had before ``exec`` (after ``vfork``, the parent's),
so a child started straight from bench/run would report bench/run's peak
(a 500 MiB parent made ``python -c pass`` read as 513 MiB). From the trampoline
(``python -S``, about 8 MiB) a child's peak is its own, never below that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]  # bench/, so the child can import harness.*


# argv: RESULT_FILE COMMAND [ARGS...]. Forks, execs COMMAND, waits; writes
# "exit-code wall-seconds peak-rss-KiB cpu-seconds" of COMMAND to RESULT_FILE and
# exits with COMMAND's exit code (128 + the signal that ended it). SIGTERM to the
# trampoline kills COMMAND (how a parent stops both).
TRAMPOLINE = """\
import os, signal, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGKILL))
_, status, use = os.wait4(pid, 0)
took = time.perf_counter() - started
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {took} {use.ru_maxrss} {use.ru_utime + use.ru_stime}")
sys.exit(code if code >= 0 else 128 - code)
"""


def trampoline(argv: list[str], result_file: str) -> list[str]:
    """``argv`` started from the small trampoline process (see the module's docstring)."""
    return [sys.executable, "-S", "-c", TRAMPOLINE, str(result_file), *argv]


def trampoline_result(result_file: str) -> dict | None:
    """What the trampoline wrote: exit code, wall seconds, peak RSS in MiB and CPU seconds
    of the command; None if it wrote nothing (it was killed)."""
    try:
        code, took, rss_kib, cpu = Path(result_file).read_text().split()
    except (OSError, ValueError):
        return None
    return {
        "returncode": int(code),
        "seconds": float(took),
        "peak_rss_mib": int(rss_kib) / 1024,
        "cpu_s": float(cpu),
    }


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
    measured = tempfile.NamedTemporaryFile(prefix="allegraph-child-", delete=False)
    measured.close()
    started = time.perf_counter()
    proc = subprocess.Popen(
        trampoline([sys.executable, "-c", code], measured.name),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        out, err = proc.communicate(json.dumps(args), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()  # the trampoline kills the child
        proc.communicate()
        raise ChildError(f"{function} took more than {timeout:.0f} s") from None
    finally:
        child = trampoline_result(measured.name)
        os.unlink(measured.name)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        tail = (err or out).strip().splitlines()[-1:] or ["no output"]
        raise ChildError(f"{function} failed: {tail[0]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mib"] = round(result.pop("child_maxrss_kib") / 1024, 1)
    result["cpu_s"] = round(child["cpu_s"], 2) if child else None
    result["process_s"] = round(elapsed, 2)
    return result
