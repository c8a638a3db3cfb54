"""A roadmap as it was at a git revision, read into memory with `git ls-tree` and `git cat-file --batch`:
nothing is checked out, and only regular files under the size limit are read."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from veikart_cli.app.dataset import Inputs, Listing, find_inputs
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.nodes import MAX_BYTES


class RevisionError(Exception):
    pass


class Entry(NamedTuple):
    mode: str
    sha: str
    size: int  # -1 for what is not a blob


class Revision(NamedTuple):
    """The roadmap's files at a revision, named by where they would be in the working tree, and the bytes read."""

    top: Path  # the repository's top folder
    inputs: Inputs
    blobs: dict[Path, bytes]


def git(*args: str, cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as err:
        raise RevisionError("git is not installed") from err
    if done.returncode:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def is_revision(spec: str, cwd: Path) -> bool:
    if spec.startswith("-"):  # never an option to git
        return False
    try:
        git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}", cwd=cwd)
    except RevisionError:
        return False
    return True


class _Tree(Listing):
    """A revision's files as `git ls-tree` lists them, by their paths from the repository's top."""

    def __init__(self, tree: dict[str, Entry], spec: str, problems: Problems) -> None:
        super().__init__(problems)
        self.tree, self.where = tree, f" at {spec}"
        self.names = sorted((name for name in tree if _is_yaml(name)), key=lambda name: name.split("/"))

    def exists(self, path: Path) -> bool:
        return path.as_posix() in self.tree or self.is_dir(path)

    def is_dir(self, path: Path) -> bool:
        return any(name.startswith(_prefix(path)) for name in self.tree)

    def yaml_files(self, folder: Path, report: bool = True) -> list[Path]:
        return [Path(name) for name in self.names if name.startswith(_prefix(folder))]


def _is_yaml(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.lower().endswith((".yaml", ".yml")) and not base.startswith(".")


def _prefix(folder: Path) -> str:
    return "" if folder == Path(".") else folder.as_posix() + "/"


def read_revision(spec: str, paths: list[Path], criteria: Path | None, cwd: Path, problems: Problems) -> Revision:
    """The roadmap under `paths` (working-tree paths; `criteria`: the framework, if named) at `spec`."""
    top = Path(git("rev-parse", "--show-toplevel", cwd=cwd).decode().strip()).resolve()
    wanted = [_relative(path, top) for path in paths]
    framework = _relative(criteria, top) if criteria is not None else None
    named = [*wanted, *([framework] if framework else [])]
    tree = _entries(git("ls-tree", "-r", "-z", "-l", "--full-tree", spec, "--", *named, cwd=top))
    if not tree:
        raise RevisionError(f"revision '{spec}' has no files under {', '.join(named)}")
    listing = _Tree(tree, spec, problems)
    chosen = find_inputs([Path(name) for name in wanted], problems, Path(framework) if framework else None, listing)
    frameworks = [path for path in chosen.criteria if path.as_posix() in tree]  # a framework it lacks: said
    names = [path.as_posix() for path in frameworks + list(chosen.areas)]
    shas = {name: tree[name].sha for name in names if _readable(name, tree[name], spec, problems)}
    return Revision(
        top,
        Inputs(tuple(top / path for path in frameworks), tuple(top / path for path in chosen.areas)),
        {top / name: data for name, data in _read_blobs(shas, top, spec, problems).items()},
    )


def _relative(path: Path, top: Path) -> str:
    rel = os.path.relpath(path.resolve(), top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise RevisionError(f"{path} lies outside the repository at {top}")
    return PurePosixPath(*Path(rel).parts).as_posix() if rel != os.curdir else "."


def _entries(listing: bytes) -> dict[str, Entry]:
    """ls-tree -l's lines: '<mode> <type> <sha> <size>\\t<name>', NUL-separated."""
    found = {}
    for line in filter(None, listing.split(b"\0")):
        meta, raw_name = line.split(b"\t", 1)
        mode, _, sha, size = meta.decode().split()
        found[raw_name.decode("utf-8", "surrogateescape")] = Entry(mode, sha, int(size) if size.isdigit() else -1)
    return found


def _readable(name: str, entry: Entry, spec: str, problems: Problems) -> bool:
    if entry.mode not in ("100644", "100755"):
        problems.error(Location(name), "not-regular", f"not a regular file at {spec}; not read")
        return False
    if entry.size > MAX_BYTES:
        message = f"file is {entry.size} bytes at {spec}; the limit is {MAX_BYTES}"
        problems.error(Location(name), "file-too-large", message, "split the data into smaller files")
    return entry.size <= MAX_BYTES


def _read_blobs(shas: dict[str, str], top: Path, spec: str, problems: Problems) -> dict[str, bytes]:
    """The blobs in one `git cat-file --batch`; one the repository lacks (a partial clone) is a problem."""
    if not shas:
        return {}
    out = git("cat-file", "--batch", cwd=top, stdin="".join(f"{sha}\n" for sha in shas.values()).encode())
    blobs, at = {}, 0
    for name in shas:
        header_end = out.find(b"\n", at)
        header = out[at:header_end].split()
        if header_end < 0 or len(header) != 3 or header[1] != b"blob":
            problems.error(Location(name), "missing-object", f"the repository has no contents for it at {spec}")
            at = header_end + 1 if header_end >= 0 else len(out)
            continue
        size = int(header[2])
        blobs[name] = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
    return blobs
