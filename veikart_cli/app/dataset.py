"""Which files to read, and reading them all: paths → DataSet plus every problem found
(which paths when none are given is decided in app/data.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple, TypeVar

from veikart_cli.checks.validation import check_areas, check_framework, check_overrides, check_quotes
from veikart_cli.model.areas import read_area
from veikart_cli.model.evidence import Area, DataSet
from veikart_cli.model.frameworks import read_framework
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.nodes import Node, decode, read_text, type_text

T = TypeVar("T")
CRITERIA, AREAS = "criteria", "areas"
_SUFFIXES = (".yaml", ".yml")
Blobs = Mapping[Path, bytes]  # files' bytes read from elsewhere than the file system (a git revision)


class Inputs(NamedTuple):
    criteria: tuple[Path, ...]
    areas: tuple[Path, ...]


class Loaded(NamedTuple):
    """A data set, every problem found and the files read; `dataset` is None when it cannot be trusted."""

    dataset: DataSet | None
    problems: Problems  # iterates in place order
    inputs: Inputs
    notice: str = ""  # said on stderr by the CLI: e.g. that the shipped example is shown

    @property
    def ok(self) -> bool:
        return self.dataset is not None

    @property
    def files(self) -> int:
        return len(self.inputs.criteria) + len(self.inputs.areas)


def shipped_root() -> Path:
    """The packaged data (wheel), or the source tree's own (editable install, checkout)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data"
    return packaged if (packaged / CRITERIA).is_dir() else here.parent


def yaml_files(folder: Path, problems: Problems | None = None) -> list[Path]:
    """YAML files below `folder` in path order; what is not read is said (a link out of `folder` is an error)."""
    problems = problems if problems is not None else Problems()
    found: list[str] = []
    root = os.path.realpath(folder)
    stack = [os.fspath(folder)]
    while stack:
        where = stack.pop()
        try:
            with os.scandir(where) as entries:
                listed = list(entries)
        except OSError as err:
            problems.error(Location(where), "unreadable", f"cannot read folder: {err.strerror}")
            continue
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif _wanted(entry, root, problems):
                found.append(entry.path)
    return [Path(file) for file in sorted(found, key=lambda file: file.split(os.sep))]


def _wanted(entry: os.DirEntry[str], root: str, problems: Problems) -> bool:
    lower, link = entry.name.lower(), entry.is_symlink()
    if not lower.endswith(_SUFFIXES):
        if link and os.path.isdir(entry.path):
            problems.warning(Location(entry.path), "linked-folder", "a linked folder is not followed; not read")
        elif ".yaml" in lower or ".yml" in lower:
            problems.note(Location(entry.path), "skipped-name", "not read: the name does not end in .yaml or .yml")
        return False
    if lower.startswith("."):
        problems.note(Location(entry.path), "skipped-hidden", "hidden file not read (an editor's lock or backup?)")
        return False
    if link and os.path.commonpath([root, os.path.realpath(entry.path)]) != root:
        message = "is a link to a file outside the data folder; not read"
        hint = "copy the file into the folder, or name it on the command line"
        problems.error(Location(entry.path), "link-outside", message, hint)
        return False
    return True


def is_root(folder: Path, is_dir: Callable[[Path], bool] = Path.is_dir) -> bool:
    return is_dir(folder / CRITERIA) or is_dir(folder / AREAS)


def framework_beside(file: Path) -> Path | None:
    """Where an area file's framework would be: criteria/ beside its nearest `areas/` folder."""
    return next((folder.parent / CRITERIA for folder in file.parents if folder.name == AREAS), None)


class Listing:
    """The files find_inputs chooses from: the working tree here, a git revision in app/revisions.py."""

    where = ""  # said after "no such file or folder"

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def exists(self, path: Path) -> bool:
        return path.exists()

    def is_dir(self, path: Path) -> bool:
        return path.is_dir()

    def yaml_files(self, folder: Path, report: bool = True) -> list[Path]:
        return yaml_files(folder, self.problems if report else None)


def find_inputs(
    paths: list[Path], problems: Problems, framework: Path | None = None, listing: Listing | None = None
) -> Inputs:
    """The given paths as framework and area files (one under a criteria/ folder is a framework); without
    `framework`, areas take the criteria/ beside their areas/, and a framework alone the areas/ beside it."""
    files = listing or Listing(problems)
    criteria: list[Path] = []
    areas: list[Path] = []
    for path in paths:
        if not files.exists(path):
            problems.error(Location(str(path)), "not-found", "no such file or folder" + files.where)
        elif files.is_dir(path) and is_root(path, files.is_dir):
            for sub, found in ((CRITERIA, criteria), (AREAS, areas)):
                found += files.yaml_files(path / sub) if files.is_dir(path / sub) else []
        else:
            for file in files.yaml_files(path) if files.is_dir(path) else [path]:
                (criteria if CRITERIA in file.parent.parts else areas).append(file)
    if framework is not None:
        if not files.exists(framework):
            problems.error(Location(str(framework)), "not-found", "no such file or folder" + files.where)
        criteria = files.yaml_files(framework) if files.is_dir(framework) else [framework]
    elif not criteria:
        beside = {folder for folder in map(framework_beside, areas) if folder is not None}
        criteria = [
            file for folder in sorted(beside) if files.is_dir(folder) for file in files.yaml_files(folder, False)
        ]
    elif not areas:  # a framework alone is checked against the areas beside it
        roots = sorted({file.parent.parent for file in criteria if file.parent.name == CRITERIA})
        areas = [file for root in roots if files.is_dir(root / AREAS) for file in files.yaml_files(root / AREAS)]
    return Inputs(tuple(dict.fromkeys(criteria)), tuple(dict.fromkeys(areas)))


def display(path: Path, cwd: Path) -> str:
    """The path relative to `cwd` when it lies below it, else as given; string work only."""
    text = str(path)
    if not os.path.isabs(text) and os.pardir not in text.split(os.sep):  # already as relpath gives it
        return text
    try:
        relative = os.path.relpath(os.path.join(cwd, path), cwd)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def load_dataset(
    inputs: Inputs, cwd: Path, problems: Problems, strict: bool = False, blobs: Blobs | None = None
) -> DataSet | None:
    """Read, type and check every input (`blobs`: a git revision's bytes); None without a framework."""
    if len(inputs.criteria) != 1:
        where = Location(display(inputs.criteria[1], cwd) if inputs.criteria else CRITERIA)
        found = f"expected one framework file, found {len(inputs.criteria)}"
        problems.error(where, "framework-count", found, "give exactly one file under criteria/")
        return None
    framework = _read(inputs.criteria[0], cwd, problems, blobs, read_framework)
    if framework is not None:
        check_framework(framework, problems)

    def typed_area(root: Node, name: str, found: Problems) -> Area | None:  # without a framework: only parsed
        return read_area(root, name, framework, found) if framework is not None else None

    read = (_read(file, cwd, problems, blobs, typed_area) for file in inputs.areas)
    areas = [area for area in read if area is not None]
    if framework is None:
        return None
    check_areas(framework, areas, problems)
    if blobs is None:  # a revision's quotes are not checked against today's text files
        check_quotes(framework, areas, inputs.criteria[0], problems)
    if strict:
        check_overrides(areas, problems)
    return DataSet(framework, tuple(areas))


def _read(
    file: Path, cwd: Path, problems: Problems, blobs: Blobs | None, typed: Callable[[Node, str, Problems], T | None]
) -> T | None:
    """One file read (from `blobs` when given) and typed by `typed(root, name, problems)`."""
    name = display(file, cwd)
    text = read_text(file, name, problems) if blobs is None else decode(blobs[file], name, problems)
    return None if text is None else type_text(text, name, problems, lambda root, found: typed(root, name, found))
