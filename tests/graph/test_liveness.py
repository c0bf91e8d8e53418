"""Telling a run whose process died from one still running (allegraph.liveness)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from allegraph.liveness import owner_alive, owner_token


def test_this_process_is_alive():
    assert owner_alive(owner_token())
    assert owner_token().split(":")[:2] == [socket.gethostname(), str(os.getpid())]


def test_a_process_that_ended_is_not():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not owner_alive(f"{socket.gethostname()}:{child.pid}:1")


def test_a_live_pid_with_another_start_time_is_a_later_process():
    host, pid, start = owner_token().split(":")
    if start:  # Linux: the start time tells them apart
        assert not owner_alive(f"{host}:{pid}:{int(start) + 1}")


def test_a_run_of_another_host_cannot_be_judged_and_counts_as_alive():
    assert owner_alive("some-other-host:1:1")
    assert owner_alive(None)
