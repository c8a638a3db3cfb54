"""Writing results: all or nothing, and never over an input file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    pass


def write_atomic(target: Path, text: str | bytes, inputs: tuple[Path, ...] = ()) -> None:
    """Write to a temporary file beside the target, then rename it into place. Text as UTF-8, bytes as given."""
    resolved = Path(os.path.realpath(target))  # realpath, unlike resolve(), never raises on a symlink loop
    if any(resolved == Path(os.path.realpath(p)) for p in inputs):
        raise OutputError(f"{target}: refusing to overwrite an input file")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder")
    folder = resolved.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, resolved)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {err.strerror}") from err


def differences(path: Path, text: str) -> str:
    """A unified diff from what `path` holds to `text`; empty when they are the same."""
    import difflib

    try:
        current = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError) as err:
        raise OutputError(f"{path}: cannot read: {getattr(err, 'strerror', None) or err}") from err
    if current == text:
        return ""
    lines = difflib.unified_diff(
        current.splitlines(keepends=True), text.splitlines(keepends=True), f"{path}", f"{path} (expected)"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def append(target: Path, text: str) -> None:
    """Add to a file others also write to (a GitHub step summary); a failure is not ours to stop on."""
    try:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        pass
