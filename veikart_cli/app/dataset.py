"""Which data a command reads and reading it: the paths given (or `--example`), else [tool.veikart]'s, else
`criteria/` and `areas/` here, else (for a command that only shows) the shipped example; a built-in
method's files for `init`. A git revision is read by revisions.py."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from veikart_cli.app.settings import Options, Settings, UsageError
from veikart_cli.checks.validation import check_areas, check_framework, check_overrides, check_quotes
from veikart_cli.model.areas import read_area
from veikart_cli.model.evidence import Area, DataSet
from veikart_cli.model.frameworks import read_framework
from veikart_cli.problems import Location, Problems, exit_code
from veikart_cli.syntax.nodes import Node, decode, read_text, type_text

T = TypeVar("T")
CRITERIA, AREAS = "criteria", "areas"
SUFFIXES = (".yaml", ".yml")
Blobs = Mapping[Path, bytes]  # files' bytes read from elsewhere than the file system (a git revision)


class Inputs(NamedTuple):
    criteria: tuple[Path, ...] = ()
    areas: tuple[Path, ...] = ()

    def plus(self, other: Inputs) -> Inputs:
        return Inputs(self.criteria + other.criteria, self.areas + other.areas)


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
    if not lower.endswith(SUFFIXES):
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
    """The files find_inputs chooses from: the working tree here, a git revision in _Tree."""

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


EXAMPLE_NOTICE = (
    "veikart: no roadmap data here (no criteria/ or areas/, no [tool.veikart]); "
    "showing the shipped example, SINTEF 2021:00617 (--example says so explicitly)"
)


def where_to_read(request: Options, settings: Settings, fallback: bool) -> tuple[list[Path], Path | None, str]:
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
    return path.parent if path.is_file() else path  # a path that is not there is said to be missing, not its parent


def _from_config(settings: Settings, criteria: bool, areas: bool = False) -> str:
    """Data the settings chose is said, with the file they came from: a config is never used unseen."""
    source = settings.config.source
    named = [word for word, used in (("criteria", criteria), ("areas", areas and settings.config.get("areas"))) if used]
    if source is None or not named:
        return ""
    shown = os.path.relpath(source, settings.env.cwd) if source.is_absolute() else str(source)
    return f"veikart: {' and '.join(named)} as set in [tool.veikart] of {shown}"


def own_criteria(paths: Sequence[Path], cwd: Path) -> Path | None:
    """Loose area files' framework: the working folder's criteria/, unless a path brings its own."""
    for path in paths:
        beside = framework_beside(path)
        if is_root(path) or (beside is not None and beside.is_dir()) or CRITERIA in path.resolve().parts:
            return None
    return cwd / CRITERIA if (cwd / CRITERIA).is_dir() else None


_GIVE_DATA = "give a data folder (holding criteria/ and areas/), area files (.yaml), or folders of them"


def load(
    request: Options, settings: Settings, problems: Problems, *, fallback: bool = False, framework_only: bool = False
) -> Loaded:
    """Find and read the data; every problem is collected, nothing is printed."""
    paths, criteria, notice = where_to_read(request, settings, fallback)
    for path in request.paths:
        if path.is_file() and path.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"{path} is not a YAML file", _GIVE_DATA)
    inputs = find_inputs(paths, problems, criteria)
    if not problems.has_errors:  # a usage error when the paths hold nothing to read
        if not inputs.areas and not inputs.criteria:
            shown = ", ".join(str(path) for path in request.paths or paths)
            raise UsageError(f"no YAML files in {shown}", _GIVE_DATA)
        # a path to a framework, or to a data folder holding one, asks for checking it alone
        alone = any(CRITERIA in path.resolve().parts or (path / CRITERIA).is_dir() for path in request.paths)
        if request.paths and not inputs.areas and not framework_only and not alone:
            raise UsageError(f"no area files in {', '.join(str(path) for path in request.paths)}", _GIVE_DATA)
        if not inputs.criteria:
            raise UsageError(
                f"found {len(inputs.areas)} area file{'s' * (len(inputs.areas) != 1)} but no framework: "
                f"no {CRITERIA}/ folder beside their {AREAS}/ folder",
                f"keep them in an {AREAS}/ folder beside {CRITERIA}/, give --criteria FILE, "
                "or set criteria in [tool.veikart]",
            )
    inputs = inputs._replace(areas=()) if framework_only else inputs
    return read_inputs(inputs, settings.env.cwd, problems, settings.strict, notice=notice)


def read_inputs(
    inputs: Inputs, cwd: Path, problems: Problems, strict: bool, blobs: Blobs | None = None, notice: str = ""
) -> Loaded:
    """The inputs read (from `blobs` when given), named from `cwd`; no data set when it cannot be trusted."""
    dataset = None if problems.has_errors else load_dataset(inputs, cwd, problems, strict, blobs)
    return Loaded(None if exit_code(problems, strict) else dataset, problems, inputs, notice)


def working_tree_inputs(settings: Settings, options: Options | None = None) -> Inputs:
    """The working tree's data files (or those `options` names): never written over, whatever a command reads."""
    try:
        paths, criteria, _ = where_to_read(options or Options(), settings, fallback=False)
    except UsageError:
        return Inputs()
    return find_inputs(paths, Problems(), criteria)


SHIPPED = "trondheim"  # the shipped data set's method: SINTEF 2021:00617
AREA_NOTE = (
    "# Et eksempelområde fra metoden «{method}»: bytt det ut med ditt eget, og legg til ett\n"
    "# område per fil i areas/. Kjør `veikart validate` etter hver endring.\n"
    "# An example area from the method '{method}': replace it with your own, one area per file.\n"
)


def methods() -> dict[str, Path]:
    """Method name → a folder holding its criteria/ and areas/: the shipped one, then each example."""
    examples = shipped_root() / "examples"
    found = sorted(examples.iterdir()) if examples.is_dir() else []
    return {SHIPPED: shipped_root()} | {f.name: f for f in found if (f / CRITERIA).is_dir() and (f / AREAS).is_dir()}


def plan(target: Path, method: str) -> list[tuple[Path, str]]:
    """(path, text) of each file `init` writes; refuses a method it does not know or files that exist."""
    known = methods()
    if method not in known:
        raise UsageError(f"no built-in method '{method}'", "choose one of: " + ", ".join(known))
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
    read = _read(framework, source, Problems(), None, read_framework)
    texts = [doc.text for doc in (read.all_documents if read is not None else ()) if doc.text]
    files += [(target / text, (source / text).read_text(encoding="utf-8")) for text in texts]
    for folder in (target, target / CRITERIA, target / AREAS):
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir()):
            raise UsageError(f"{folder} is not a folder", "choose an empty or new folder")
    existing = [str(path) for path, _ in files if os.path.lexists(path)]  # a dangling link too
    if existing or (target / CRITERIA).is_dir() and any((target / CRITERIA).iterdir()):
        raise UsageError(
            f"{target} already holds a roadmap ({', '.join(existing) or target / CRITERIA})",
            "choose an empty or new folder",
        )
    return files
