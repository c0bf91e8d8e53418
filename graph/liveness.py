"""Is the process that started a load run still alive?

A load run is recorded as ``running`` when it starts and finished when it ends;
a process killed in between (``kill -9``, a power cut) never finishes it. Each
run keeps an *owner* token, ``host:pid:start`` (the process start time tells a
live process from a later one that reuses the pid), so that any later command
on the same host can tell that a ``running`` run is in fact ``interrupted``.
"""

from __future__ import annotations

import os
import socket
from functools import lru_cache


def _start_time(pid: int) -> str:
    """The process start time in clock ticks since boot (Linux), or "" elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read().decode("ascii", "replace")
    except OSError:
        return ""
    # the command name (2nd field) may hold spaces and parentheses: split after its last ')'
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


@lru_cache(maxsize=1)
def owner_token() -> str:
    """This process, as ``host:pid:start``."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def owner_alive(token: str | None) -> bool:
    """False only when ``token`` names a process on this host that no longer runs.

    A run owned by another host cannot be checked from here and counts as alive.
    """
    if not token:
        return True
    host, _, rest = token.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        pass
    if not start:  # no start time where the run began (not Linux): the pid must do
        return True
    # the same pid with another start time is a later process; none, it just ended
    return _start_time(pid) == start
