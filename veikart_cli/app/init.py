"""`veikart init DIR --method NAME`: the method's framework, commented as shipped, and one of its
areas as an example to replace, so that `veikart validate DIR` passes from the first run."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from veikart_cli.app.dataset import AREAS, CRITERIA, shipped_root, yaml_files
from veikart_cli.app.writer import OutputError, write_atomic
from veikart_cli.model.frameworks import read_framework
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import type_text

SHIPPED = "trondheim"  # the shipped data set's method: SINTEF 2021:00617
AREA_NOTE = (
    "# Et eksempelområde fra metoden «{method}»: bytt det ut med ditt eget, og legg til ett\n"
    "# område per fil i areas/. Kjør `veikart validate` etter hver endring.\n"
    "# An example area from the method '{method}': replace it with your own, one area per file.\n"
)


class InitError(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def methods() -> dict[str, Path]:
    """Method name → a folder holding its criteria/ and areas/: the shipped one, then each example."""
    examples = shipped_root() / "examples"
    found = sorted(examples.iterdir()) if examples.is_dir() else []
    return {SHIPPED: shipped_root()} | {f.name: f for f in found if (f / CRITERIA).is_dir() and (f / AREAS).is_dir()}


def plan(target: Path, method: str) -> list[tuple[Path, str]]:
    """(path, text) of each file `init` writes; refuses a method it does not know or files that exist."""
    known = methods()
    if method not in known:
        raise InitError(f"no built-in method '{method}'", "choose one of: " + ", ".join(known))
    source = known[method]
    framework = yaml_files(source / CRITERIA)[0]
    areas = yaml_files(source / AREAS)
    # an area with figures shows more of the method than one whose drivers are all in a state
    area = next((a for a in areas if "state:" not in a.read_text(encoding="utf-8")), areas[0])
    files = [
        (target / CRITERIA / framework.name, framework.read_text(encoding="utf-8")),
        (target / AREAS / area.name, AREA_NOTE.format(method=method) + area.read_text(encoding="utf-8")),
    ]
    # the text files the method's documents name: copied with it, so their quotes are checked at once
    name = str(framework)
    read = type_text(framework.read_text(encoding="utf-8"), name, Problems(), lambda r, p: read_framework(r, name, p))
    texts = [doc.text for doc in (read.all_documents if read is not None else ()) if doc.text]
    files += [(target / text, (source / text).read_text(encoding="utf-8")) for text in texts]
    for folder in (target, target / CRITERIA, target / AREAS):
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir()):
            raise InitError(f"{folder} is not a folder", "choose an empty or new folder")
    existing = [str(path) for path, _ in files if os.path.lexists(path)]  # a dangling link too
    if existing or (target / CRITERIA).is_dir() and any((target / CRITERIA).iterdir()):
        raise InitError(
            f"{target} already holds a roadmap ({', '.join(existing) or target / CRITERIA})",
            "choose an empty or new folder",
        )
    return files


def write(files: list[tuple[Path, str]]) -> None:
    """Every file or none: what was made before a failure (a full disk, a read-only folder) is removed."""
    made: list[Path] = []
    try:
        for path, text in files:
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            write_atomic(path, text)
            made.append(path)
    except (OSError, OutputError) as err:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise InitError(f"cannot write the roadmap: {reason}; nothing was written", "choose another folder") from None
