"""Which files to read, and reading them all: paths → DataSet plus every problem found.

Which paths to read when none are given is decided in app/data.py.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from veikart_cli.app.parallel import PER_WORKER, chunked, map_chunks, workers
from veikart_cli.checks.validation import check_areas, check_framework, check_overrides
from veikart_cli.model.areas import read_area
from veikart_cli.model.frameworks import read_framework
from veikart_cli.model.types import Area, DataSet, Framework
from veikart_cli.problems import Location, Problem, Problems
from veikart_cli.syntax.nodes import load_file, read_file

if TYPE_CHECKING:
    from veikart_cli.app.cache import Chunk, Index, Store

# Fewer area files are always parsed: the cache's first run must pickle every result, which
# only workers do without a cost (they pickle results for the parent anyway), and workers pay
# from about PER_WORKER files on; below that a cold cache would cost a run 15-40 % more.
MIN_FILES = PER_WORKER

CRITERIA, AREAS = "criteria", "areas"
_SUFFIXES = (".yaml", ".yml")


class Inputs(NamedTuple):
    criteria: tuple[Path, ...]
    areas: tuple[Path, ...]


def shipped_root() -> Path:
    """The packaged data (wheel), or the source tree's own (editable install, checkout)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data"
    return packaged if (packaged / CRITERIA).is_dir() else here.parent


def yaml_files(folder: Path, problems: Problems | None = None) -> list[Path]:
    """YAML files below `folder` in path order (sorting strings by their parts is several
    times faster than Paths). os.scandir tells files from folders without a stat per file.

    What is not read is said (with `problems`), never dropped in silence: a linked folder
    (not followed), a hidden file such as an editor's lock file `.#x.yaml` (a note), a name
    that looks like YAML but does not end in .yaml or .yml (a note), and a link to a file
    outside `folder` (an error: a pull request can carry a link to /dev/zero or ~/.ssh)."""
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
    name = entry.name
    lower = name.lower()
    link = entry.is_symlink()
    if not lower.endswith(_SUFFIXES):
        if link and _is_dir(entry):
            problems.warning(Location(entry.path), "linked-folder", "a linked folder is not followed; not read")
        elif ".yaml" in lower or ".yml" in lower:
            problems.note(Location(entry.path), "skipped-name", "not read: the name does not end in .yaml or .yml")
        return False
    if name.startswith("."):
        problems.note(Location(entry.path), "skipped-hidden", "hidden file not read (an editor's lock or backup?)")
        return False
    if link:
        target = os.path.realpath(entry.path)
        if os.path.commonpath([root, target]) != root:
            problems.error(
                Location(entry.path),
                "link-outside",
                "is a link to a file outside the data folder; not read",
                "copy the file into the folder, or name it on the command line",
            )
            return False
    return True


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_root(folder: Path) -> bool:
    return (folder / CRITERIA).is_dir() or (folder / AREAS).is_dir()


def framework_beside(file: Path) -> Path | None:
    """The criteria/ of an area file's data root: the folder above its nearest `areas/`."""
    for folder in file.parents:
        if folder.name == AREAS:
            return folder.parent / CRITERIA if (folder.parent / CRITERIA).is_dir() else None
    return None


def find_inputs(paths: list[Path], problems: Problems, framework: Path | None = None) -> Inputs:
    """Sort the given paths into framework files and area files.

    A folder holding criteria/ or areas/ is a data root; any other folder is searched
    for YAML files. A file under a folder named criteria/ is a framework, else an area.
    `framework` (a file, or a folder of them) names the framework wherever it lives; without
    it, area files take the criteria/ beside their areas/ folder, and a framework file given
    alone brings the areas/ beside its criteria/ folder.
    """
    criteria: list[Path] = []
    areas: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.error(Location(str(path)), "not-found", "no such file or folder")
        elif path.is_dir() and is_root(path):
            criteria += yaml_files(path / CRITERIA, problems) if (path / CRITERIA).is_dir() else []
            areas += yaml_files(path / AREAS, problems) if (path / AREAS).is_dir() else []
        else:
            for file in yaml_files(path, problems) if path.is_dir() else [path]:
                (criteria if CRITERIA in file.parent.parts else areas).append(file)
    if framework is not None:
        if not framework.exists():
            problems.error(Location(str(framework)), "not-found", "no such file or folder")
        criteria = yaml_files(framework, problems) if framework.is_dir() else [framework]
    elif not criteria:
        beside = {folder for folder in map(framework_beside, areas) if folder is not None}
        criteria = [file for folder in sorted(beside) for file in yaml_files(folder)]
    elif not areas:  # a framework alone is checked against the areas beside it
        roots = {file.parent.parent for file in criteria if file.parent.name == CRITERIA}
        areas = [
            file for root in sorted(roots) if (root / AREAS).is_dir() for file in yaml_files(root / AREAS, problems)
        ]
    return Inputs(tuple(dict.fromkeys(criteria)), tuple(dict.fromkeys(areas)))


def display(path: Path, cwd: Path) -> str:
    """The path relative to `cwd` when it lies below it, else as given. String work only:
    no file-system calls per file, and nothing that symlink loops could trip."""
    text = str(path)
    if not os.path.isabs(text) and os.pardir not in text.split(os.sep):  # already as relpath gives it
        return text
    try:
        relative = os.path.relpath(os.path.join(cwd, path), cwd)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def load_dataset(
    inputs: Inputs,
    cwd: Path,
    problems: Problems,
    strict: bool = False,
    jobs: int | None = None,
    cache: Path | None = None,
) -> DataSet | None:
    """Read, type and check every input; None if the framework itself cannot be read.

    Strict also reports overrides, which it then counts as errors like every warning.
    `jobs`: processes for the area files; by default as many as pay (parallel.workers).
    `cache`: the cache folder (app/cache.py) for the area files' typed results, or None."""
    if len(inputs.criteria) != 1:
        where = Location(display(inputs.criteria[1], cwd) if inputs.criteria else CRITERIA)
        problems.error(
            where,
            "framework-count",
            f"expected one framework file, found {len(inputs.criteria)}",
            "give exactly one file under criteria/",
        )
        return None
    path = display(inputs.criteria[0], cwd)
    framework = read_file(inputs.criteria[0], path, problems, lambda root, found: read_framework(root, path, found))
    if framework is not None:
        check_framework(framework, problems)
    areas: list[Area] = []
    store = None
    if cache is not None and framework is not None and len(inputs.areas) >= MIN_FILES:
        from veikart_cli.app.cache import open_store

        store = open_store(cache, cwd, inputs.criteria[0], path)
    if store is None:
        read = partial(read_areas, cwd=cwd, framework=framework)
        results = map_chunks(read, chunked(inputs.areas), jobs or workers(len(inputs.areas)))
    else:
        assert framework is not None
        results = read_cached(store, inputs.areas, cwd, framework, jobs)
    for found, found_problems in results:
        areas += found
        problems.items += found_problems
    if framework is None:
        return None
    check_areas(framework, areas, problems)
    if strict:
        check_overrides(areas, problems)
    return DataSet(framework, tuple(areas))


def read_cached(
    store: Store, files: Sequence[Path], cwd: Path, framework: Framework, jobs: int | None
) -> list[tuple[list[Area], list[Problem]]]:
    """Chunks from the cache where they are still valid; the others read (in workers when
    they are many), each written to the cache by whoever read it."""
    import time

    from veikart_cli.app import cache

    started = time.time_ns()
    index, indexed = store.load_index()
    chunks, known = cache.plan(files, cwd, index, hash_unknown=indexed)
    results = [store.load(chunk) for chunk in chunks]
    missing = [chunk for chunk, result in zip(chunks, results) if result is None]
    if missing:
        jobs = jobs or workers(sum(len(chunk.files) for chunk in missing), least=PER_WORKER)
        if jobs <= 1:
            fresh = [read_and_store(chunk, cwd, framework, store, keep=True) for chunk in missing]
        else:
            import pickle

            read = partial(read_and_store, cwd=cwd, framework=framework, store=store, keep=False)
            done = map_chunks(read, missing, jobs)
            fresh = [(pickle.loads(payload), digests) for payload, digests in done]  # from our own workers
        found = iter(fresh)
        for at, result in enumerate(results):
            if result is None:
                results[at], digests = next(found)
                chunk = chunks[at]
                if digests is not None:
                    known.update(zip(chunk.paths, ((*key, d) for key, d in zip(chunk.keys, digests))))
    kept = {chunk.name(store.key) for chunk in chunks} | {
        chunk.name(store.key, d) for chunk, d in written(known, chunks)
    }
    if known != index:
        store.save_index(known)
    if missing:
        store.prune(kept, started)
    return results  # type: ignore[return-value]  # every None was replaced


def written(known: Index, chunks: list[Chunk]) -> list[tuple[Chunk, tuple[bytes, ...]]]:
    """Chunks with every file's hash now known, and those hashes (to name what was written)."""
    found = []
    for chunk in chunks:
        if chunk.keys and all(path in known for path in chunk.paths):
            found.append((chunk, tuple(known[path][5] for path in chunk.paths)))
    return found


def read_and_store(
    chunk: Chunk, cwd: Path, framework: Framework, store: Store, keep: bool
) -> tuple[Any, tuple[bytes, ...] | None]:
    """Read a chunk's files, write the result to the cache, and give the files' content hashes
    (taken after parsing, so that they name what was parsed). `keep`: return the result itself
    (in this process), else its pickle (in a worker: the one pickling serves both)."""
    from veikart_cli.app.cache import dumps, hashed_as_read

    result = read_areas(chunk.files, cwd, framework)
    payload = dumps(result)
    digests = hashed_as_read(chunk)
    if digests is not None and (chunk.digests is None or digests == chunk.digests):
        store.save(chunk.name(store.key, digests), payload)
    return (result if keep else payload), digests


def read_areas(files: Sequence[Path], cwd: Path, framework: Framework | None) -> tuple[list[Area], list[Problem]]:
    """Parse and type area files (only parse them when there is no framework to type them by)."""
    problems = Problems()
    areas = []
    for file in files:
        name = display(file, cwd)
        if framework is None:
            load_file(file, problems, name)
            continue
        known = framework
        area = read_file(file, name, problems, lambda root, found: read_area(root, name, known, found))  # noqa: B023
        if area is not None:
            areas.append(area)
    return areas, problems.items
