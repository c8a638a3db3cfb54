"""Problem codes: the README's table, the codes the code can emit, and the codes the tests
see produced must be one and the same set.

The codes the code can emit are read from its source: the code argument of every call that
records a problem (Problems.error/warning, Reader.choice, validation.unique) must be a literal
or a parameter passed through, so that no code can hide from this list.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run

PACKAGE = ROOT / "veikart_cli"
# Callee name -> position of its problem code among the call's positional arguments.
CODE_ARGUMENT = {"error": 1, "warning": 1, "note": 1, "choice": 3, "unique": 3, "FileProblem": 0}
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def emitted_codes() -> dict[str, list[str]]:
    """Each code the source can emit, with the places that emit it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name not in CODE_ARGUMENT and name != "report":  # validation.unique's bound error/warning
                continue
            index = CODE_ARGUMENT.get(name, 1)
            given = [k.value for k in node.keywords if k.arg == "code"]
            argument = node.args[index] if len(node.args) > index else given[0] if given else None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(argument, ast.Name) and argument.id == "code":
                continue  # passed through: the callers' literals are collected
            if isinstance(argument, ast.Attribute) and argument.attr == "code":
                continue  # a FileProblem's code, passed on: its literals are collected where it is raised
            assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), (
                f"{where}: the problem code must be a literal so that tests can see it"
            )
            assert CODE.match(argument.value), f"{where}: {argument.value!r} is not a code"
            found.setdefault(argument.value, []).append(where)
    return found


def readme_codes() -> set[str]:
    """The codes in the first column of the README's table under "## Problem codes"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Problem codes\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # after header and rule
    assert rows, "the README's problem code table is missing"
    return {code for row in rows for code in re.findall(r"`([^`]+)`", row.split("|")[1]) if CODE.match(code)}


def corpus_codes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for expected in sorted(FIXTURES.glob("invalid/*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            match = re.search(r"\[([a-z0-9-]+)\]$", line)
            if match:
                found.setdefault(match[1], []).append(expected.parent.name)
    return found


def test_the_scan_finds_codes_behind_every_kind_of_call() -> None:
    """The scan itself: a literal, a choice and a unique() call each contribute their code."""
    codes = emitted_codes()
    assert {"yaml-syntax", "unknown-level", "duplicate-area", "duplicate-name"} <= set(codes)


def test_every_code_the_code_can_emit_is_in_the_readme() -> None:
    undocumented = sorted(set(emitted_codes()) - readme_codes())
    assert not undocumented, f"add to the README's Problem codes table: {undocumented}"


def test_every_code_in_the_readme_can_be_emitted() -> None:
    stale = sorted(readme_codes() - set(emitted_codes()))
    assert not stale, f"the README documents codes the code never emits: {stale}"


# Codes a committed corpus case cannot produce: the file would have to be over 1 MB, unreadable
# even to root (a symlink loop, which would trip tools that walk the fixtures), a folder where
# a file was listed (a race: yaml_files lists files only), a symlink inside a git revision, or
# a case with a working folder of its own. Each is produced below instead.
# Links and hidden files (issue 15) are made here too: links out of a committed tree, and
# hidden files in it, would trip tools that walk the fixtures.
OUTSIDE_THE_CORPUS = {
    "file-too-large",
    "unreadable",
    "not-found",
    "not-a-file",
    "not-regular",
    "missing-object",
    "config",
    "link-outside",
    "linked-folder",
    "skipped-hidden",
    "skipped-name",
}


def test_every_documented_code_is_produced_by_a_corpus_case() -> None:
    missing = sorted(readme_codes() - set(corpus_codes()) - OUTSIDE_THE_CORPUS)
    assert not missing, f"no case in tests/fixtures/invalid/ produces {missing}"
    assert not OUTSIDE_THE_CORPUS & set(corpus_codes()), "now in the corpus: drop it from OUTSIDE_THE_CORPUS"


def data_folder(folder: Path) -> Path:
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    shutil.copytree(ROOT / "areas", folder / "areas")
    return folder


def too_large(run: Run, folder: Path) -> str:
    big = folder / "big.yaml"
    big.write_text("# " + "x" * 1_000_000 + "\n", encoding="utf-8")
    return run("validate", "-f", "json", str(big)).stdout


def unreadable(run: Run, folder: Path) -> str:
    loop = data_folder(folder) / "areas" / "loop.yaml"
    os.symlink(loop.name, loop)  # opening it fails (ELOOP), even for root
    return run("validate", "-f", "json", cwd=folder).stdout


def not_found(run: Run, folder: Path) -> str:
    return run("validate", "-f", "json", str(folder / "no-such-area.yaml")).stdout


def not_a_file(run: Run, folder: Path) -> str:
    from veikart_cli.problems import Problems
    from veikart_cli.syntax.nodes import read_text

    problems = Problems()
    assert read_text(folder, str(folder), problems) is None
    return "\n".join(str(p) for p in problems.items)


def not_regular(run: Run, folder: Path) -> str:
    (data_folder(folder) / "areas" / "link.yaml").symlink_to(ROOT / "areas" / "5-grunnforskning.yaml")
    for args in (("init", "-q"), ("add", "."), ("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
    return run("diff", "HEAD", "HEAD", cwd=folder).stderr


def missing_object(run: Run, folder: Path) -> str:
    data_folder(folder)
    for args in (("init", "-q"), ("add", "."), ("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD:areas/5-grunnforskning.yaml"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.strip()
    (folder / ".git" / "objects" / sha[:2] / sha[2:]).unlink()  # as in a partial clone
    return run("diff", "HEAD", "HEAD", cwd=folder).stderr


def config(run: Run, folder: Path) -> str:
    (data_folder(folder) / "pyproject.toml").write_text("[tool.veikart]\nstrikt = true\n", encoding="utf-8")
    return run("validate", "-f", "json", cwd=folder).stdout


def link_outside(run: Run, folder: Path) -> str:
    (data_folder(folder / "data") / "areas" / "zero.yaml").symlink_to("/dev/zero")
    return run("validate", "-f", "json", str(folder / "data")).stdout


def linked_folder(run: Run, folder: Path) -> str:
    (folder / "elsewhere").mkdir()
    (data_folder(folder / "data") / "areas" / "more").symlink_to(folder / "elsewhere", target_is_directory=True)
    return run("validate", "-f", "json", str(folder / "data")).stdout


def skipped_hidden(run: Run, folder: Path) -> str:
    (data_folder(folder) / "areas" / ".#1-foregangskommune.yaml").symlink_to("user@host.1:1")  # an Emacs lock
    return run("validate", "-f", "json", str(folder)).stdout


def skipped_name(run: Run, folder: Path) -> str:
    (data_folder(folder) / "areas" / "old.yaml.orig").write_text("id: old\n", encoding="utf-8")
    return run("validate", "-f", "json", str(folder)).stdout


MAKERS = {
    "link-outside": link_outside,
    "linked-folder": linked_folder,
    "skipped-hidden": skipped_hidden,
    "skipped-name": skipped_name,
    "file-too-large": too_large,
    "unreadable": unreadable,
    "not-found": not_found,
    "not-a-file": not_a_file,
    "not-regular": not_regular,
    "missing-object": missing_object,
    "config": config,
}


@pytest.mark.parametrize("code", sorted(OUTSIDE_THE_CORPUS))
def test_codes_outside_the_corpus_are_produced(run: Run, tmp_path: Path, code: str) -> None:
    output = MAKERS[code](run, tmp_path)
    assert f'"code": "{code}"' in output or f"[{code}]" in output, output
