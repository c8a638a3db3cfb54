"""`veikart init DIR --method NAME`: a new roadmap started from a built-in method.

Writes the method's framework file, commented as shipped, and one of its areas as an example
to replace, so that `veikart validate DIR` passes from the first run.
"""

from __future__ import annotations

from pathlib import Path

from veikart_cli.app.dataset import AREAS, CRITERIA, shipped_root, yaml_files

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
    root = shipped_root()
    found = {SHIPPED: root}
    examples = root / "examples"
    if examples.is_dir():
        for folder in sorted(examples.iterdir()):
            if (folder / CRITERIA).is_dir() and (folder / AREAS).is_dir():
                found[folder.name] = folder
    return found


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
    existing = [str(path) for path, _ in files if path.exists()]
    if existing or (target / CRITERIA).is_dir() and any((target / CRITERIA).iterdir()):
        raise InitError(
            f"{target} already holds a roadmap ({', '.join(existing) or target / CRITERIA})",
            "choose an empty or new folder",
        )
    return files
