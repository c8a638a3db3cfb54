"""A roadmap as it was at a git revision, read in memory: `git ls-tree` chooses the files as the
working tree's settings would, `git cat-file --batch` gives their bytes."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from veikart_cli.app.dataset import SUFFIXES, Inputs, Listing, Loaded, find_inputs, load, read_inputs, where_to_read
from veikart_cli.app.settings import Options, Settings, UsageError
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.nodes import MAX_BYTES


def load_revision(spec: str, settings: Settings, problems: Problems) -> Loaded:
    """A folder as it is, or the same data at a git revision; a name that is both is an error."""
    folder, revision = Path(spec), False
    if not spec.startswith(("-", ".", os.sep, "/")):  # never an option to git
        with contextlib.suppress(UsageError):
            git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}", cwd=settings.env.cwd)
            revision = True
    if folder.is_dir() and revision:
        raise UsageError(
            f"'{spec}' is both a folder and a git revision here",
            f"write ./{spec} for the folder, or {spec}^{{commit}} for the revision",
        )
    if folder.is_dir():
        return load(Options((folder,)), settings, problems)
    if not revision:
        raise UsageError(f"'{spec}' is neither a folder nor a git revision here", "give a data folder or e.g. HEAD~1")
    return read_revision(spec, settings, problems)


class Entry(NamedTuple):
    mode: str
    sha: str
    size: int  # -1 for what is not a blob


def git(*args: str, cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as err:
        raise UsageError("git is not installed") from err
    if done.returncode:
        raise UsageError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


class _Tree(Listing):
    """A revision's files as `git ls-tree` lists them, by their paths from the repository's top."""

    def __init__(self, tree: dict[str, Entry], spec: str, problems: Problems) -> None:
        super().__init__(problems)
        self.tree, self.where = tree, f" at {spec}"
        yaml = (name for name in tree if name.lower().endswith(SUFFIXES) and PurePosixPath(name).name[0] != ".")
        self.names = sorted(yaml, key=lambda name: name.split("/"))

    def exists(self, path: Path) -> bool:
        return path.as_posix() in self.tree or self.is_dir(path)

    def is_dir(self, path: Path) -> bool:
        return any(name.startswith(_prefix(path)) for name in self.tree)

    def yaml_files(self, folder: Path, report: bool = True) -> list[Path]:
        return [Path(name) for name in self.names if name.startswith(_prefix(folder))]


def _prefix(folder: Path) -> str:
    return "" if folder == Path(".") else folder.as_posix() + "/"


def read_revision(spec: str, settings: Settings, problems: Problems) -> Loaded:
    """The roadmap the working tree's settings point at, as it was at `spec`, named by its working-tree paths."""
    paths, criteria, _ = where_to_read(Options(), settings, fallback=False)
    top = Path(git("rev-parse", "--show-toplevel", cwd=settings.env.cwd).decode().strip()).resolve()
    wanted = [_relative(path, top) for path in paths]
    framework = _relative(criteria, top) if criteria is not None else None
    named = [*wanted, *([framework] if framework else [])]
    tree = _entries(git("ls-tree", "-r", "-z", "-l", "--full-tree", spec, "--", *named, cwd=top))
    if not tree:
        raise UsageError(f"revision '{spec}' has no files under {', '.join(named)}")
    listing = _Tree(tree, spec, problems)
    chosen = find_inputs([Path(name) for name in wanted], problems, Path(framework) if framework else None, listing)
    frameworks = [path for path in chosen.criteria if path.as_posix() in tree]  # a framework it lacks: said
    names = [path.as_posix() for path in frameworks + list(chosen.areas)]
    blobs = _read_blobs({name: tree[name] for name in names}, top, spec, problems)
    inputs = Inputs(tuple(top / path for path in frameworks), tuple(top / path for path in chosen.areas))
    return read_inputs(inputs, top, problems, settings.strict, blobs)


def _relative(path: Path, top: Path) -> str:
    rel = os.path.relpath(path.resolve(), top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise UsageError(f"{path} lies outside the repository at {top}")
    return PurePosixPath(*Path(rel).parts).as_posix() if rel != os.curdir else "."


def _entries(listing: bytes) -> dict[str, Entry]:
    """ls-tree -l's lines: '<mode> <type> <sha> <size>\\t<name>', NUL-separated."""
    found = {}
    for line in filter(None, listing.split(b"\0")):
        meta, raw_name = line.split(b"\t", 1)
        mode, _, sha, size = meta.decode().split()
        found[raw_name.decode("utf-8", "surrogateescape")] = Entry(mode, sha, int(size) if size.isdigit() else -1)
    return found


def _read_blobs(entries: dict[str, Entry], top: Path, spec: str, problems: Problems) -> dict[Path, bytes]:
    """The regular files under the size limit in one `git cat-file --batch`; one missing (a partial clone) is said."""
    shas = {}
    for name, entry in entries.items():
        if entry.mode not in ("100644", "100755"):
            problems.error(Location(name), "not-regular", f"not a regular file at {spec}; not read")
        elif entry.size > MAX_BYTES:
            message = f"file is {entry.size} bytes at {spec}; the limit is {MAX_BYTES}"
            problems.error(Location(name), "file-too-large", message, "split the data into smaller files")
        else:
            shas[name] = entry.sha
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
        blobs[top / name] = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
    return blobs
