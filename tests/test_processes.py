"""Issue 15: worker processes die with their parent, however the parent ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from veikart_cli.app.parallel import map_chunks

# Two workers that report their pid and then wait (far longer than the test).
SCRIPT = """
import os, sys, time
from veikart_cli.app.parallel import map_chunks

def slow(chunk):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers share the pipe
    time.sleep(600)
    return chunk

list(map_chunks(slow, [[1], [2]], 2))
"""


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return "\nState:\tZ" in status.read()  # a zombie has ended; only its reaping is left
    except FileNotFoundError:
        return True


def wait_gone(pids: list[int], limit: float = 60.0) -> bool:
    """Polls until every pid has ended; `limit` only stops a failing test from hanging."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if all(gone(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_die_with_their_parent(signum: int) -> None:
    """Medium: SIGTERM to the parent during a parallel run left the workers alive forever,
    holding the output pipes (`veikart validate | tee` hung)."""
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        assert parent.stdout is not None
        workers = [int(parent.stdout.readline()), int(parent.stdout.readline())]
        parent.send_signal(signum)
        parent.wait(timeout=60)
        assert wait_gone(workers), f"workers {workers} outlived their parent"
    finally:
        for pid in [parent.pid, *workers]:  # whatever happened, nothing is left running
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait()
        assert parent.stdout is not None
        parent.stdout.close()


def test_one_job_runs_in_this_process() -> None:
    assert list(map_chunks(lambda chunk: os.getpid(), [[1], [2]], 1)) == [os.getpid()] * 2
