"""A roadmap as it was at a git revision, read from the repository's objects into memory.

`git ls-tree` lists the files and `git cat-file --batch` gives the bytes of those the roadmap
needs, straight to the loader: nothing is checked out or written, and `.gitattributes` changes
nothing. Only regular files are read (a link or submodule is reported, never followed), each
under the loader's size limit. Paths are taken from the repository's top, so this works from
any subfolder; the roadmap's files are chosen as `find_inputs` chooses them in a folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from veikart_cli.app.dataset import AREAS, CRITERIA, Inputs
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.nodes import MAX_BYTES

_REGULAR = ("100644", "100755")
_SUFFIXES = (".yaml", ".yml")


class RevisionError(Exception):
    pass


class Entry(NamedTuple):
    mode: str
    sha: str
    size: int  # -1 for what is not a blob


class Revision(NamedTuple):
    """The roadmap's files at a revision, named by where they would be in the working tree,
    and the bytes of those that could be read."""

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


def read_revision(spec: str, paths: list[Path], criteria: Path | None, cwd: Path, problems: Problems) -> Revision:
    """The roadmap under `paths` (working-tree paths; `criteria`: the framework, if named) at `spec`."""
    top = Path(git("rev-parse", "--show-toplevel", cwd=cwd).decode().strip()).resolve()
    wanted = [_relative(path, top) for path in paths]
    framework = _relative(criteria, top) if criteria is not None else None
    named = [*wanted, *([framework] if framework else [])]
    tree = _entries(git("ls-tree", "-r", "-z", "-l", "--full-tree", spec, "--", *named, cwd=top))
    if not tree:
        raise RevisionError(f"revision '{spec}' has no files under {', '.join(named)}")
    chosen = _choose(tree, wanted, framework, spec, problems)
    readable = [name for name in chosen.criteria + chosen.areas if _readable(name, tree[name], spec, problems)]
    blobs = _read_blobs({name: tree[name].sha for name in readable}, top, spec, problems)
    return Revision(
        top,
        Inputs(tuple(top / name for name in chosen.criteria), tuple(top / name for name in chosen.areas)),
        {top / name: data for name, data in blobs.items()},
    )


class _Names(NamedTuple):
    criteria: list[str]
    areas: list[str]


def _relative(path: Path, top: Path) -> str:
    rel = os.path.relpath(path.resolve(), top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise RevisionError(f"{path} lies outside the repository at {top}")
    return PurePosixPath(*Path(rel).parts).as_posix() if rel != os.curdir else "."


def _entries(listing: bytes) -> dict[str, Entry]:
    """ls-tree -l's lines: '<mode> <type> <sha> <size>\\t<name>', NUL-separated."""
    found = {}
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, raw_name = line.split(b"\t", 1)
        mode, _, sha, size = meta.decode().split()
        found[raw_name.decode("utf-8", "surrogateescape")] = Entry(mode, sha, int(size) if size.isdigit() else -1)
    return found


def _choose(tree: dict[str, Entry], wanted: list[str], framework: str | None, spec: str, problems: Problems) -> _Names:
    """The framework and area files among `tree`, as find_inputs chooses them in a working tree."""
    names = sorted((name for name in tree if _is_yaml(name)), key=lambda name: name.split("/"))
    chosen = _Names([], [])
    for path in wanted:
        if path in tree:
            (chosen.criteria if CRITERIA in path.split("/")[:-1] else chosen.areas).append(path)
        elif _under(names, path, CRITERIA) or _under(names, path, AREAS):
            chosen.criteria.extend(_under(names, path, CRITERIA))
            chosen.areas.extend(_under(names, path, AREAS))
        elif below := _under(names, path):
            for name in below:
                (chosen.criteria if CRITERIA in name.split("/")[:-1] else chosen.areas).append(name)
        else:
            problems.error(Location(path), "not-found", f"no such file or folder at {spec}")
    if framework is not None:
        chosen = _Names([framework] if framework in tree else _under(names, framework), chosen.areas)
    elif not chosen.criteria:
        beside = {folder for folder in map(_framework_beside, chosen.areas) if folder is not None}
        chosen.criteria.extend(name for folder in sorted(beside) for name in _under(names, folder))
    elif not chosen.areas:
        roots = {name.rsplit("/", 2)[0] if name.count("/") > 1 else "." for name in chosen.criteria}
        chosen.areas.extend(name for root in sorted(roots) for name in _under(names, root, AREAS))
    return _Names(list(dict.fromkeys(chosen.criteria)), list(dict.fromkeys(chosen.areas)))


def _is_yaml(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.lower().endswith(_SUFFIXES) and not base.startswith(".")


def _under(names: list[str], folder: str, sub: str = "") -> list[str]:
    prefix = "/".join(part for part in (folder, sub) if part and part != ".")
    return [name for name in names if not prefix or name.startswith(prefix + "/")]


def _framework_beside(name: str) -> str | None:
    parts = name.split("/")[:-1]
    for at in range(len(parts) - 1, -1, -1):
        if parts[at] == AREAS:
            return "/".join([*parts[:at], CRITERIA])
    return None


def _readable(name: str, entry: Entry, spec: str, problems: Problems) -> bool:
    if entry.mode not in _REGULAR:
        problems.error(Location(name), "not-regular", f"not a regular file at {spec}; not read")
        return False
    if entry.size > MAX_BYTES:
        problems.error(
            Location(name),
            "file-too-large",
            f"file is {entry.size} bytes at {spec}; the limit is {MAX_BYTES}",
            "split the data into smaller files",
        )
        return False
    return True


def _read_blobs(shas: dict[str, str], top: Path, spec: str, problems: Problems) -> dict[str, bytes]:
    """The blobs in one `git cat-file --batch`: '<sha> blob <size>\\n<bytes>\\n' each, or
    '<sha> missing\\n' for one the repository does not have (a partial clone)."""
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
