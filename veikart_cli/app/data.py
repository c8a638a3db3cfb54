"""Which data a command reads, and reading it: the paths given (or `--example`), else [tool.veikart]'s,
else `criteria/` and `areas/` here, else (for a command that only shows) the shipped example."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from veikart_cli.app.dataset import (
    AREAS,
    CRITERIA,
    Blobs,
    Inputs,
    Loaded,
    find_inputs,
    framework_beside,
    is_root,
    load_dataset,
    shipped_root,
)
from veikart_cli.app.revisions import RevisionError, is_revision, read_revision
from veikart_cli.app.settings import Settings, UsageError
from veikart_cli.problems import Problems


class Request(NamedTuple):
    """What the user pointed at."""

    paths: tuple[Path, ...] = ()
    criteria: Path | None = None  # the framework file, or a folder holding it
    example: bool = False  # the shipped data set, asked for by name


EXAMPLE_NOTICE = (
    "veikart: no roadmap data here (no criteria/ or areas/, no [tool.veikart]); "
    "showing the shipped example, SINTEF 2021:00617 (--example says so explicitly)"
)


def where_to_read(request: Request, settings: Settings, fallback: bool) -> tuple[list[Path], Path | None, str]:
    """(paths, framework, notice) for a request; a usage error when nothing can be found."""
    config, cwd = settings.config, settings.env.cwd
    if request.example:
        if request.paths or request.criteria:
            raise UsageError("--example reads the shipped data set; give it without paths or --criteria")
        return [shipped_root()], None, ""
    criteria = request.criteria or config.get("criteria")
    criteria_set = request.criteria is None and criteria is not None  # by the settings
    if request.paths:
        return list(request.paths), criteria or own_criteria(request.paths, cwd), _from_config(settings, criteria_set)
    if any(key in ("criteria", "areas") for key, _ in config.values):
        return list(config.get("areas", None, ())), criteria, _from_config(settings, criteria_set, True)
    if is_root(cwd) or criteria is not None:
        return [cwd], criteria, ""
    below = roadmaps_below(cwd)
    if len(below) == 1:
        return below, None, f"veikart: reading the roadmap in {os.path.relpath(below[0], cwd)}{os.sep}"
    if below:
        shown = ", ".join(os.path.relpath(folder, cwd) + os.sep for folder in below)
        raise UsageError(
            f"several roadmaps here: {shown}", f"give the one to read, e.g. veikart validate {shown.split(', ')[0]}"
        )
    if fallback:
        return [shipped_root()], None, EXAMPLE_NOTICE
    raise UsageError(
        f"no roadmap data found: looked for {CRITERIA}/ and {AREAS}/ in {cwd} "
        "and for [tool.veikart] in the project's pyproject.toml",
        "give a data folder or files (veikart validate roadmap/), set [tool.veikart], or use --example",
    )


def roadmaps_below(folder: Path, depth: int = 2) -> list[Path]:
    """Folders up to `depth` levels below that hold criteria/, never in hidden folders or each other."""
    found: list[Path] = []
    skipped = (CRITERIA, AREAS, "node_modules", "__pycache__")
    for top, subs, _ in os.walk(folder):  # unreadable folders are passed over
        here = Path(top)
        holds = here != folder and (here / CRITERIA).is_dir()
        if holds:
            found.append(here)
        deeper = not holds and len(here.relative_to(folder).parts) < depth
        subs[:] = [s for s in subs if deeper and s[0] != "." and s not in skipped and not (here / s).is_symlink()]
    return sorted(found)


def roadmap_root(path: Path) -> Path:
    """The roadmap a file or folder belongs to: the folder above its nearest criteria/ or areas/."""
    for folder in (path, *path.parents):
        if folder.name in (CRITERIA, AREAS):
            return folder.parent
        if folder == path and path.is_dir() and is_root(path):
            return path
    return path if path.is_dir() else path.parent


def _from_config(settings: Settings, criteria: bool, areas: bool = False) -> str:
    """Data the settings chose is said, with the file they came from: a config is never used unseen."""
    source = settings.config.source
    named = [word for word, used in (("criteria", criteria), ("areas", areas and settings.config.get("areas"))) if used]
    if source is None or not named:
        return ""
    shown = os.path.relpath(source, settings.env.cwd) if source.is_absolute() else str(source)
    return f"veikart: {' and '.join(named)} as set in [tool.veikart] of {shown}"


def own_criteria(paths: tuple[Path, ...], cwd: Path) -> Path | None:
    """Loose area files' framework: the working folder's criteria/, unless a path brings its own."""
    for path in paths:
        beside = framework_beside(path)
        if is_root(path) or (beside is not None and beside.is_dir()) or CRITERIA in path.resolve().parts:
            return None
    return cwd / CRITERIA if (cwd / CRITERIA).is_dir() else None


_GIVE_DATA = "give a data folder (holding criteria/ and areas/), area files (.yaml), or folders of them"


def load(
    request: Request, settings: Settings, problems: Problems, *, fallback: bool = False, framework_only: bool = False
) -> Loaded:
    """Find and read the data; every problem is collected, nothing is printed."""
    paths, criteria, notice = where_to_read(request, settings, fallback)
    for path in request.paths:
        if path.is_file() and path.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"{path} is not a YAML file", _GIVE_DATA)
    inputs = find_inputs(paths, problems, criteria)
    if not problems.has_errors:
        _check_found(inputs, request, paths, framework_only)
    return _loaded(Inputs(inputs.criteria, ()) if framework_only else inputs, settings, problems, notice=notice)


def _check_found(inputs: Inputs, request: Request, paths: list[Path], framework_only: bool) -> None:
    """A usage error when the paths hold nothing to read."""
    if not inputs.areas and not inputs.criteria:
        shown = ", ".join(str(path) for path in request.paths or paths)
        raise UsageError(f"no YAML files in {shown}", _GIVE_DATA)
    # a path to a framework, or to a data folder holding one, asks for checking it alone
    names_framework = any(CRITERIA in path.resolve().parts or (path / CRITERIA).is_dir() for path in request.paths)
    if request.paths and not inputs.areas and not framework_only and not names_framework:
        shown = ", ".join(str(path) for path in request.paths)
        raise UsageError(f"no area files in {shown}", _GIVE_DATA)
    if not inputs.criteria:
        raise UsageError(
            f"found {len(inputs.areas)} area file{'s' * (len(inputs.areas) != 1)} but no framework: "
            f"no {CRITERIA}/ folder beside their {AREAS}/ folder",
            f"keep them in an {AREAS}/ folder beside {CRITERIA}/, give --criteria FILE, or set criteria in [tool.veikart]",
        )


def _loaded(
    inputs: Inputs,
    settings: Settings,
    problems: Problems,
    top: Path | None = None,
    blobs: Blobs | None = None,
    notice: str = "",
) -> Loaded:
    """The inputs read (from `blobs` when given, named from `top`); no data set when anything is wrong."""
    dataset = (
        None if problems.has_errors else load_dataset(inputs, top or settings.env.cwd, problems, settings.strict, blobs)
    )
    return Loaded(None if problems.has_errors else dataset, problems, inputs, notice)


def load_revision(spec: str, settings: Settings, problems: Problems) -> Loaded:
    """A folder as it is, or the same data at a git revision; a name that is both is an error."""
    folder, cwd = Path(spec), settings.env.cwd
    revision = not spec.startswith((".", os.sep, "/")) and is_revision(spec, cwd)
    if folder.is_dir() and revision:
        raise UsageError(
            f"'{spec}' is both a folder and a git revision here",
            f"write ./{spec} for the folder, or {spec}^{{commit}} for the revision",
        )
    if folder.is_dir():
        return load(Request((folder,)), settings, problems)
    if not revision:
        raise UsageError(f"'{spec}' is neither a folder nor a git revision here", "give a data folder or e.g. HEAD~1")
    paths, criteria, _ = where_to_read(Request(), settings, fallback=False)
    try:
        found = read_revision(spec, paths, criteria, cwd, problems)
    except RevisionError as err:
        raise UsageError(str(err)) from None
    return _loaded(found.inputs, settings, problems, found.top, found.blobs)


def working_tree_inputs(settings: Settings) -> Inputs:
    """The working tree's data files: never written over, whatever a command reads (diff)."""
    try:
        paths, criteria, _ = where_to_read(Request(), settings, fallback=False)
    except UsageError:
        return Inputs((), ())
    return find_inputs(paths, Problems(), criteria)
