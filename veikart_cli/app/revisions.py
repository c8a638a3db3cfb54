"""Data sets to compare: a folder as it is, or a git revision read straight from the
repository (git archive: no checkout, the working tree is never touched)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from veikart_cli.app.dataset import AREAS, CRITERIA


class RevisionError(Exception):
    pass


def git(*args: str, cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as err:
        raise RevisionError("git is not installed") from err
    if done.returncode:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


@contextmanager
def data_root(spec: str, cwd: Path) -> Iterator[Path]:
    """A folder holding criteria/ and areas/: `spec` itself, or those folders at revision `spec`."""
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    try:
        git("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}", cwd=cwd)
    except RevisionError:
        raise RevisionError(f"'{spec}' is neither a folder nor a git revision here") from None
    prefix = git("rev-parse", "--show-prefix", cwd=cwd).decode().strip()  # where cwd sits in the repository
    names = [f"{prefix}{name}" for name in (CRITERIA, AREAS)]
    listed = git("ls-tree", "--name-only", spec, "--", *names, cwd=cwd).decode().split()
    if not listed:
        raise RevisionError(f"revision '{spec}' has no {CRITERIA}/ or {AREAS}/ under '{prefix or './'}'")
    archive = git("archive", "--format=tar", spec, "--", *listed, cwd=cwd)
    with tempfile.TemporaryDirectory(prefix="veikart-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(tmp, filter="data")  # no links out, no absolute paths
            else:  # pragma: no cover - Python < 3.10.12; git archive writes neither
                tar.extractall(tmp)
        yield Path(tmp) / prefix
