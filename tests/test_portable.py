"""veikart where POSIX is not: every command run with the names Windows lacks removed from
`os` and `signal` (as on Windows), in a process of its own, through the console entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from test_main import smoke_cases

# Names of os and signal that exist on Linux and macOS but not on Windows.
POSIX_ONLY = {
    "os": [
        "O_NONBLOCK",
        "O_NOFOLLOW",
        "O_CLOEXEC",
        "O_TMPFILE",
        "O_DIRECTORY",
        "getuid",
        "geteuid",
        "getgid",
        "fchmod",
        "fchown",
        "mkfifo",
        "fork",
        "killpg",
        "sched_getaffinity",
        "getpgid",
        "setsid",
        "pipe2",
    ],
    "signal": ["SIGHUP", "SIGPIPE", "SIGKILL", "SIGALRM", "pthread_sigmask", "SIGCHLD", "setitimer"],
}

SCRIPT = """
import json, os, signal, sys
removed, cases, results = sys.argv[1:]
for module, names in json.loads(removed).items():
    for name in names:
        if hasattr(sys.modules[module], name):
            delattr(sys.modules[module], name)
from veikart_cli.cli import main
statuses = []
for args in json.loads(cases):
    sys.argv = ["veikart", *args]
    try:
        main()
    except SystemExit as done:
        statuses.append(done.code)
with open(results, "w", encoding="utf-8") as out:
    json.dump(statuses, out)
"""


def test_every_command_runs_without_the_posix_only_names(tmp_path: Path) -> None:
    other = tmp_path / "older"
    shutil.copytree(ROOT / "criteria", other / "criteria")
    shutil.copytree(ROOT / "areas", other / "areas", ignore=shutil.ignore_patterns("5-*"))
    cases = [case for case in smoke_cases(other) if "--help" not in case[0]][::3]  # every command, fewer formats
    written = tmp_path / "written"
    written.mkdir()
    for fmt in ("md", "html", "svg", "json", "csv", "txt"):
        cases.append((["score", "-o", str(written / f"matrix.{fmt}")], 0))
    cases += [(["report", "-o", str(written / "report.md")], 0), (["criteria", "-o", str(written / "c.md")], 0)]
    cases += [(["score", "-f", "markdown", "--check", str(written / "matrix.md")], 0)]
    cases += [
        (["explain", "digitale-hjemmetjenester"], 0),
        (["init", str(tmp_path / "new")], 0),
        (["validate", "--strict", str(tmp_path / "new")], 0),
    ]
    results = tmp_path / "statuses.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VEIKART_"))}
    done = subprocess.run(  # noqa: PLW1510
        [sys.executable, "-c", SCRIPT, json.dumps(POSIX_ONLY), json.dumps([a for a, _ in cases]), str(results)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    statuses = json.loads(results.read_text(encoding="utf-8"))
    assert [(args, status) for (args, _), status in zip(cases, statuses)] == cases
    assert sorted(p.name for p in written.iterdir()) == sorted(
        ["c.md", "report.md", *(f"matrix.{fmt}" for fmt in ("md", "html", "svg", "json", "csv", "txt"))]
    )
