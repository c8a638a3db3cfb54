"""Same bytes everywhere: every output is identical whether or not optional libraries are
installed (tabulate measures with wcwidth when it can import it), whatever PYTHONHASHSEED is,
in separate processes. Rendering twice in one process proves none of this: each variant
here is a fresh interpreter, and the committed files tie the runs on every Python CI uses.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

# Runs every command in-process in the child (one interpreter per variant keeps this fast);
# BLOCK makes `import wcwidth` fail there, as on a machine without it.
CHILD = """
import json, sys
if sys.argv[1] == "block":
    sys.modules["wcwidth"] = None  # import wcwidth -> ImportError
from typer.testing import CliRunner
from veikart_cli.cli import app
out = {}
for args in json.loads(sys.argv[2]):
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    out[" ".join(args)] = [result.exit_code, result.stdout_bytes.decode("utf-8", "surrogateescape"), result.stderr]
import tabulate
out["wcwidth used"] = tabulate.wcwidth is not None and "wcwidth" in sys.modules
print(json.dumps(out))
"""


def commands(other: Path) -> list[list[str]]:
    broken = str(FIXTURES / "invalid" / "unknown-key" / "areas")
    found = [["score", "-f", fmt] for fmt in ("table", "markdown", "json", "csv", "html", "svg")]
    found += [["criteria", "-f", fmt] for fmt in ("table", "markdown", "json", "csv", "html")]
    found += [["report", "-f", "markdown"], ["report", "-f", "html"], ["report", "--lang", "en"]]
    found += [[command, "-f", "docx", "-o", "-"] for command in ("score", "criteria", "report")]  # zip bytes
    found += [["explain", "digitale-hjemmetjenester"], ["explain", "helsedata-persontilpasset-medisin", "lokale-behov"]]
    found += [
        ["diff", str(other), "."],
        ["diff", "-f", "markdown", str(other), "."],
        ["diff", "-f", "json", str(other), "."],
    ]
    found += [["schema", "area"], ["schema", "criteria"], ["validate", "-f", "json"], ["validate", broken]]
    found += [["score", "--set", "digitale-hjemmetjenester.lokale-behov=prioritert", "-f", "csv"]]
    return found


def run_variant(wcwidth: bool, seed: str, args: list[list[str]]) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VEIKART_"))}
    env.update(PYTHONHASHSEED=seed, COLUMNS="100", NO_COLOR="", TERM="dumb")
    env.pop("FORCE_COLOR", None)
    mode = "allow" if wcwidth else "block"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, json.dumps(args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    pytest.importorskip("wcwidth", reason="wcwidth is in the test extra: pip install -e '.[test]'")
    other = tmp_path_factory.mktemp("older")
    shutil.copytree(ROOT / "criteria", other / "criteria")
    shutil.copytree(ROOT / "areas", other / "areas", ignore=shutil.ignore_patterns("5-*"))
    args = commands(other)
    # Two interpreters that differ in both: an output that depended on either would differ.
    return {"plain": run_variant(False, "0", args), "wcwidth, other seed": run_variant(True, "4242", args)}


def test_both_sides_really_ran(variants: dict[str, dict[str, object]]) -> None:
    assert variants["wcwidth, other seed"]["wcwidth used"] is True
    assert variants["plain"]["wcwidth used"] is False


def test_every_output_is_the_same_with_and_without_wcwidth_for_any_hash_seed(
    variants: dict[str, dict[str, object]],
) -> None:
    plain, other = variants["plain"], variants["wcwidth, other seed"]
    for command in plain:
        if command != "wcwidth used":
            assert other[command] == plain[command], command


def test_the_outputs_compared_are_real_outputs(variants: dict[str, dict[str, object]]) -> None:
    """Two identical error messages would compare equal too: each command here must succeed
    (one is a broken file on purpose) and print something."""
    for command, value in variants["plain"].items():
        if command == "wcwidth used":
            continue
        assert isinstance(value, list)
        code, stdout, stderr = value
        if command.startswith("validate") and "invalid" in command:
            assert code == 1 and "[unknown-key]" in stderr
        else:
            assert code == 0 and stdout, (command, stderr)


def test_the_committed_report_is_what_any_machine_writes(variants: dict[str, dict[str, object]]) -> None:
    committed = (ROOT / "docs" / "trondheim-rapport.md").read_text(encoding="utf-8")
    for name, outputs in variants.items():
        report = outputs["report -f markdown"]
        assert isinstance(report, list) and report[1] == committed, name
