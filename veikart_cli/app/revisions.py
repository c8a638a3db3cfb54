"""A data set as it was at a git revision, read straight from the repository's objects.

`git ls-tree` lists the files and `git cat-file --batch` gives their bytes: nothing is checked
out, the working tree is never touched, `.gitattributes` (export-ignore, filters) changes
nothing, and only regular files are written: a symlink in the revision is reported, never
followed. Paths are taken from the repository's top, so this works from any subfolder.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from veikart_cli.app.writer import remove_abandoned, removed_on_signals

_REGULAR = ("100644", "100755")
SNAPSHOT = re.compile(r"veikart-diff-(?P<pid>[0-9]{1,7})-[a-z0-9_]{8}")  # TemporaryDirectory's name


class RevisionError(Exception):
    pass


class Snapshot(NamedTuple):
    """Files of one revision written below `root`; `place` maps a working-tree path into it."""

    root: Path
    top: Path
    skipped: tuple[str, ...]  # entries that are not regular files (symlinks, submodules)

    def place(self, path: Path) -> Path:
        return self.root / os.path.relpath(path.resolve(), self.top)


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


@contextmanager
def snapshot(spec: str, wanted: list[Path], cwd: Path) -> Iterator[Snapshot]:
    """The files under `wanted` (working-tree paths) as they were at revision `spec`."""
    top = Path(git("rev-parse", "--show-toplevel", cwd=cwd).decode().strip()).resolve()
    relative = []
    for path in wanted:
        rel = os.path.relpath(path.resolve(), top)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            raise RevisionError(f"{path} lies outside the repository at {top}")
        relative.append(rel.replace(os.sep, "/"))
    listing = git("ls-tree", "-r", "-z", "--full-tree", spec, "--", *relative, cwd=top)
    entries = [entry.split(b"\t", 1) for entry in listing.split(b"\0") if entry]
    files: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for meta, raw_name in entries:
        mode, _, sha = meta.decode().split()
        (files if mode in _REGULAR else skipped).append((sha, raw_name.decode("utf-8", "surrogateescape")))
    if not files:
        shown = ", ".join(relative)
        raise RevisionError(f"revision '{spec}' has no files under {shown}")
    blobs = _read_blobs([sha for sha, _ in files], top)
    temporary = Path(tempfile.gettempdir())
    remove_abandoned(temporary, SNAPSHOT, stat.S_ISDIR)  # left by a diff that was killed (kill -9)
    with tempfile.TemporaryDirectory(prefix=f"veikart-diff-{os.getpid()}-") as tmp, removed_on_signals(Path(tmp)):
        root = Path(tmp)
        for (_, name), data in zip(files, blobs):
            _write_into(root, name, data)
        yield Snapshot(root, top, tuple(name for _, name in skipped))


def _write_into(root: Path, name: str, data: bytes) -> None:
    """A file of the revision below our own new folder. Git's own checks refuse a tree entry
    such as '..', but a crafted repository need not have been checked: such a name is
    refused, and nothing is written outside `root`."""
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\0" in name:
        raise RevisionError(f"the revision holds a file named {name!r}, which cannot be a path; not read")
    target = root.joinpath(*parts)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:  # x: a new file, never through anything already there
            handle.write(data)
    except OSError as err:
        raise RevisionError(f"cannot copy {name} from the revision: {err.strerror or err}") from err


def _read_blobs(shas: list[str], top: Path) -> list[bytes]:
    """All blobs in one `git cat-file --batch`: '<sha> blob <size>\\n<bytes>\\n' each."""
    out = git("cat-file", "--batch", cwd=top, stdin="".join(f"{sha}\n" for sha in shas).encode())
    blobs, at = [], 0
    for _ in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return blobs
