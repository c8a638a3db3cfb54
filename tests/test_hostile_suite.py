"""The hostile-input suite (issue 15): every case of tests/fixtures/invalid plus the cases that
cannot be committed as files (FIFOs, sockets, links to devices and out of the tree, files too
big or too deep), each run as a real `veikart` process under a memory and a CPU-time limit.

Every case must end with its exit status, a located message carrying its code, and no
traceback. The limits are generous (the machine may be shared): they catch reading
/dev/zero into memory, quadratic work and hangs, not ordinary slowness.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import FIXTURES, ROOT

MEMORY = 1536 * 1024 * 1024  # bytes of address space per process (workers each have their own)
CPU_SECONDS = 60
WALL_SECONDS = 180  # a hang (a FIFO read) ends here, as a failure
LOCATED = re.compile(r"^\S.*?(:\d+:\d+)?: (error|warning|note): .+ \[(?P<code>[a-z0-9-]+)\]$", re.MULTILINE)


def limits() -> None:  # runs in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def veikart(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["VEIKART_CACHE_DIR"] = str(cwd / ".no-cache-here")  # never a shared cache
    return subprocess.run(
        [sys.executable, "-m", "veikart_cli", *args, "--no-cache"]
        if args[0] == "validate"
        else [sys.executable, "-m", "veikart_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=WALL_SECONDS,
        preexec_fn=limits,
        check=False,
    )


def check(result: subprocess.CompletedProcess[str], status: int, code: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert result.returncode == status, (result.returncode, output[-2000:])
    if code.startswith("--"):  # a usage error names its option
        assert code in output, output[-2000:]
        return
    codes = {m["code"] for m in LOCATED.finditer(result.stderr)}
    assert code in codes, (code, output[-2000:])


# --- the committed corpus ---------------------------------------------------------------------------

CORPUS = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
# test_invalid_corpus runs every case in-process; here a sample runs as a process, under limits
SAMPLE = CORPUS[::10]


@pytest.mark.parametrize("case", SAMPLE, ids=[c.name for c in SAMPLE])
def test_corpus_case_under_limits(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    target = case if (case / "criteria").is_dir() else case / "areas"
    options = (case / "args").read_text(encoding="utf-8").split() if (case / "args").exists() else []
    result = veikart("validate", *options, str(target))
    status = 1 if any(": error: " in line for line in expected) or "--strict" in options else 0
    code = expected[0].rsplit("[", 1)[1].rstrip("]")
    check(result, status, code)


# --- cases made on the spot -----------------------------------------------------------------------


def data(tmp: Path) -> Path:
    for name in ("criteria", "areas"):
        (tmp / name).mkdir(parents=True)
        for path in (ROOT / name).glob("*.yaml"):
            (tmp / name / path.name).write_bytes(path.read_bytes())
    return tmp


class Made(NamedTuple):
    args: tuple[str, ...]
    status: int
    code: str


def fifo(tmp: Path) -> Made:
    os.mkfifo(data(tmp) / "areas" / "pipe.yaml")
    return Made(("validate", str(tmp)), 1, "not-a-file")


def unix_socket(tmp: Path) -> Made:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(data(tmp) / "areas" / "sock.yaml"))
    server.close()  # the socket file stays
    return Made(("validate", str(tmp)), 1, "not-a-file")


def dev_zero_link(tmp: Path) -> Made:
    (data(tmp) / "areas" / "zero.yaml").symlink_to("/dev/zero")
    return Made(("validate", str(tmp)), 1, "link-outside")


def dev_zero_given(tmp: Path) -> Made:
    (data(tmp) / "areas" / "zero.yaml").symlink_to("/dev/zero")
    return Made(("validate", str(tmp / "areas" / "zero.yaml"), "--criteria", str(tmp / "criteria")), 1, "not-a-file")


def passwd_link(tmp: Path) -> Made:
    (data(tmp) / "areas" / "passwd.yaml").symlink_to("/etc/passwd")
    return Made(("validate", str(tmp)), 1, "link-outside")


def linked_folder(tmp: Path) -> Made:
    (tmp / "elsewhere").mkdir()
    (data(tmp / "d") / "areas" / "more").symlink_to(tmp / "elsewhere", target_is_directory=True)
    return Made(("validate", str(tmp / "d")), 0, "linked-folder")


def lock_file(tmp: Path) -> Made:
    (data(tmp) / "areas" / ".#1-foregangskommune.yaml").symlink_to("user@host.1234:1700000000")
    return Made(("validate", str(tmp)), 0, "skipped-hidden")


def symlink_loop(tmp: Path) -> Made:
    loop = data(tmp) / "areas" / "loop.yaml"
    loop.symlink_to(loop.name)
    return Made(("validate", str(tmp)), 1, "unreadable")


def too_big(tmp: Path) -> Made:
    (data(tmp) / "areas" / "big.yaml").write_text("id: big\nsummary: " + "x" * 1_000_000 + "\n")
    return Made(("validate", str(tmp)), 1, "file-too-large")


def flow_list(tmp: Path) -> Made:
    items = ", ".join(f"aktør{i}" for i in range(70_000))
    (data(tmp) / "areas" / "flow.yaml").write_text(f"id: flow\nactors: [{items}]\nukjent: x\n", encoding="utf-8")
    return Made(("validate", str(tmp)), 1, "unknown-key")


def deep(tmp: Path) -> Made:
    (data(tmp) / "areas" / "deep.yaml").write_text("id: deep\nx: " + "[" * 200_000 + "\n")
    return Made(("validate", str(tmp)), 1, "too-deep")


def many_keys(tmp: Path) -> Made:
    keys = "".join(f"ukjent{i}: x\n" for i in range(20_000))
    (data(tmp) / "areas" / "keys.yaml").write_text("id: keys\n" + keys)
    return Made(("validate", str(tmp)), 1, "unknown-key")


def many_evidence(tmp: Path) -> Made:
    entries = "".join(f"  driver{i}:\n    level: fokus\n" for i in range(5_000))
    (data(tmp) / "areas" / "wide.yaml").write_text("id: wide\nevidence:\n" + entries)
    return Made(("validate", str(tmp)), 1, "unknown-driver")


def nul_bytes(tmp: Path) -> Made:
    (data(tmp) / "areas" / "nul.yaml").write_bytes(b"id: nul\nname: a\x00b\n")
    return Made(("validate", str(tmp)), 1, "control-character")


def escape_name(tmp: Path) -> Made:
    name = os.fsdecode(b"\xff\x1b[31m\xe5.yaml")
    (data(tmp) / "areas" / name).write_bytes(b"id: x\n")
    return Made(("validate", str(tmp)), 1, "missing-key")


def set_dots(tmp: Path) -> Made:
    return Made(("score", str(data(tmp)), "--set", "." * 100_000 + "=1"), 2, "--set")


def output_fifo(tmp: Path) -> Made:
    os.mkfifo(tmp / "out.md")
    return Made(("score", str(data(tmp / "d")), "-f", "markdown", "-o", str(tmp / "out.md")), 2, "--output")


MADE: dict[str, Callable[[Path], Made]] = {
    f.__name__.replace("_", "-"): f
    for f in (
        fifo,
        unix_socket,
        dev_zero_link,
        dev_zero_given,
        passwd_link,
        linked_folder,
        lock_file,
        symlink_loop,
        too_big,
        flow_list,
        deep,
        many_keys,
        many_evidence,
        nul_bytes,
        escape_name,
        set_dots,
        output_fifo,
    )
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_case_under_limits(name: str, tmp_path: Path) -> None:
    made = MADE[name](tmp_path)
    check(veikart(*made.args, cwd=tmp_path), made.status, made.code)


def test_the_suite_has_at_least_sixty_cases() -> None:
    assert len(CORPUS) + len(MADE) >= 60
