"""The warm cache (app/cache.py): the same bytes out as without it, and a miss whenever a
cached result could be stale, foreign or damaged."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run

from veikart_cli.app import cache, dataset, parallel
from veikart_cli.render.formats import MATRIX_FORMATS, REPORT_FORMATS

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

AREAS = 64  # the tests lower dataset.MIN_FILES below this, to keep data sets small


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Generated areas, the shipped ones (overrides, sources) beside them; timestamps in the past."""
    root = generate(AREAS, tmp_path / "data")
    for file in (ROOT / "areas").glob("*.yaml"):
        shutil.copy(file, root / "areas" / file.name)
    age(root)
    return root


@pytest.fixture
def broken(data: Path) -> Path:
    """The same with every broken fixture among them: problems of every kind to cache."""
    for file in sorted(FIXTURES.glob("invalid/*/areas/*.yaml")):
        shutil.copy(file, data / "areas" / f"{file.parent.parent.name}-{file.name}")
    age(data)
    return data


def age(root: Path) -> None:
    """Files older than the racy window, as they are in real use (the racy rule has its own test).
    ctime cannot be set back, so the window is closed for these tests instead."""
    for file in root.rglob("*.yaml"):
        os.utime(file, ns=(file.stat().st_atime_ns, file.stat().st_mtime_ns - 60 * 10**9))


@pytest.fixture(autouse=True)
def small_chunks_no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CHUNK", 8)  # several chunks even in these small data sets
    monkeypatch.setattr(dataset, "MIN_FILES", 32)
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every area file parsed, in this process (small data sets use no workers)."""
    seen: list[Path] = []
    original = dataset.read_areas

    def counting(files: list[Path], *args: object, **kwargs: object) -> object:
        seen.extend(files)
        return original(files, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dataset, "read_areas", counting)
    yield seen


def chunks() -> list[Path]:
    return sorted(Path(os.environ["VEIKART_CACHE_DIR"]).glob("*/*.chunk"))


def outputs(run: Run, root: Path, *args: str) -> tuple[int, str, str]:
    result = run(*args, cwd=root)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def three_ways(run: Run, root: Path, *args: str) -> tuple[int, str, str]:
    """Cold (writing the cache), warm (reading it) and without it: all three the same."""
    for chunk in chunks():
        chunk.unlink()
    cold = outputs(run, root, *args)
    assert chunks(), "the cold run wrote the cache"
    warm = outputs(run, root, *args)
    without = outputs(run, root, *args, "--no-cache")
    assert cold == warm == without
    return warm


@pytest.mark.parametrize("fmt", MATRIX_FORMATS)
def test_score_is_byte_identical_with_and_without_the_cache(run: Run, data: Path, fmt: str) -> None:
    status, stdout, _ = three_ways(run, data, "score", "--format", fmt, "--color", "never")
    assert status == 0 and stdout


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_report_is_byte_identical_with_and_without_the_cache(run: Run, data: Path, fmt: str) -> None:
    status, stdout, _ = three_ways(run, data, "report", "--format", fmt)
    assert status == 0 and stdout


def test_explain_is_byte_identical_with_and_without_the_cache(run: Run, data: Path) -> None:
    status, stdout, _ = three_ways(run, data, "explain", "omrade-00003")
    assert status == 0 and stdout


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_problems_are_the_same_with_and_without_the_cache(run: Run, broken: Path, fmt: str) -> None:
    status, stdout, stderr = three_ways(run, broken, "validate", "--format", fmt)
    assert status == 1 and "yaml-syntax" in stdout + stderr


def test_cross_file_checks_and_strict_run_over_cached_areas(run: Run, broken: Path, reads: list[Path]) -> None:
    three_ways(run, broken, "validate")
    reads.clear()
    status, stdout, _ = outputs(run, broken, "validate", "--strict", "--format", "json")
    assert status == 1
    assert reads == []  # every area came from the cache ...
    assert '"override"' in stdout and '"duplicate-area"' in stdout  # ... and was checked across files


def test_a_warm_run_parses_nothing(run: Run, data: Path, reads: list[Path]) -> None:
    outputs(run, data, "validate")
    assert len(reads) >= AREAS
    reads.clear()
    outputs(run, data, "validate")
    assert reads == []


def test_an_edit_rereads_only_its_own_chunk(run: Run, data: Path, reads: list[Path]) -> None:
    outputs(run, data, "validate")
    reads.clear()
    edited = data / "areas" / "omrade-00005.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    outputs(run, data, "validate")
    assert edited in reads and len(reads) < AREAS


def test_a_same_size_edit_with_its_mtime_restored_is_seen(run: Run, data: Path) -> None:
    outputs(run, data, "validate")
    edited = data / "areas" / "omrade-00005.yaml"
    before = edited.stat()
    text = edited.read_text(encoding="utf-8")
    assert "\nid: omrade-00005" in text
    edited.write_text(text.replace("\nid: omrade-00005", "\nid: Omrade-00005"), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert edited.stat().st_size == before.st_size and edited.stat().st_mtime_ns == before.st_mtime_ns

    status, _, stderr = outputs(run, data, "validate")
    assert status == 1 and "omrade-00005.yaml" in stderr and "bad-id" in stderr


def test_a_file_replaced_by_another_of_the_same_size_and_mtime_is_seen(run: Run, data: Path) -> None:
    outputs(run, data, "validate")
    edited = data / "areas" / "omrade-00005.yaml"
    before = edited.stat()
    replacement = data / "replacement.tmp"
    replacement.write_text(edited.read_text(encoding="utf-8").replace("\nid: omrade-", "\nid: Omrade-"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, edited)  # a new inode, as editors that save by renaming make

    status, _, stderr = outputs(run, data, "validate")
    assert status == 1 and "bad-id" in stderr


def test_a_changed_framework_rereads_every_file(run: Run, data: Path, reads: list[Path]) -> None:
    outputs(run, data, "validate")
    framework = next((data / "criteria").glob("*.yaml"))
    text = framework.read_text(encoding="utf-8")
    assert "id: prioritert" in text
    framework.write_text(text.replace("id: prioritert", "id: hoyt-prioritert"), encoding="utf-8")
    reads.clear()

    status, _, stderr = outputs(run, data, "validate")
    assert len(reads) >= AREAS
    assert status == 1 and "unknown-level" in stderr
    assert (status, stderr) == outputs(run, data, "validate", "--no-cache")[::2]


def test_a_changed_veikart_source_rereads_every_file(
    run: Run, data: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs(run, data, "validate")
    reads.clear()
    monkeypatch.setattr(cache, "source_fingerprint", lambda: b"another veikart")
    outputs(run, data, "validate")
    assert len(reads) >= AREAS


def test_the_source_fingerprint_covers_every_source_file(tmp_path: Path) -> None:
    package = tmp_path / "veikart_cli"
    shutil.copytree(Path(cache.__file__).parent.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.source_fingerprint(package)
    assert cache.source_fingerprint(package) == before
    engine = package / "engine" / "scoring.py"
    engine.write_text(engine.read_text(encoding="utf-8").replace("def ", "def  ", 1), encoding="utf-8")
    assert cache.source_fingerprint(package) != before


def damage_each(how: str) -> None:
    for chunk in chunks():
        data = chunk.read_bytes()
        if how == "truncated":
            chunk.write_bytes(data[: len(data) // 2])
        elif how == "garbage":
            chunk.write_bytes(os.urandom(len(data)))
        elif how == "empty":
            chunk.write_bytes(b"")
        elif how == "flipped":  # one byte of the payload: the checksum catches it
            chunk.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
        elif how == "swapped":  # another chunk's (valid) content under this name
            others = [c for c in chunks() if c != chunk]
            chunk.write_bytes(others[0].read_bytes())


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty", "flipped", "swapped"])
def test_a_damaged_cache_is_ignored_and_rewritten(run: Run, broken: Path, reads: list[Path], how: str) -> None:
    expected = outputs(run, broken, "validate", "--no-cache")
    outputs(run, broken, "validate")
    assert len(chunks()) >= 2
    damage_each(how)
    reads.clear()
    assert outputs(run, broken, "validate") == expected
    assert len(reads) >= AREAS  # every chunk was read again ...
    reads.clear()
    assert outputs(run, broken, "validate") == expected
    assert reads == []  # ... and written again


class Planted:
    """What a hostile pickle would hold: a call of os.system when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_naming_anything_but_the_model_is_refused(run: Run, data: Path, tmp_path: Path) -> None:
    expected = outputs(run, data, "validate", "--no-cache")
    outputs(run, data, "validate")
    marker = tmp_path / "pwned"
    for chunk in chunks():  # a well-formed chunk, valid header and checksum, hostile content
        store = cache.Store(str(chunk.parent), b"")
        store.save(chunk.name, pickle.dumps(([Planted(marker)], [])))
    assert outputs(run, data, "validate") == expected
    assert not marker.exists()


def test_a_chunk_others_may_write_to_is_not_read(run: Run, data: Path, reads: list[Path]) -> None:
    outputs(run, data, "validate")
    for chunk in chunks():
        chunk.chmod(0o666)
    reads.clear()
    outputs(run, data, "validate")
    assert len(reads) >= AREAS
    assert all(stat.S_IMODE(chunk.stat().st_mode) == 0o600 for chunk in chunks())  # rewritten privately


def test_a_cache_another_user_wrote_is_not_read(
    run: Run, data: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs(run, data, "validate")
    reads.clear()
    monkeypatch.setattr(os, "getuid", lambda: os.stat(data).st_uid + 1)  # every file now looks foreign
    outputs(run, data, "validate")
    assert len(reads) >= AREAS


def test_a_cache_folder_others_may_write_to_is_not_used(run: Run, data: Path, reads: list[Path]) -> None:
    root = Path(os.environ["VEIKART_CACHE_DIR"])
    root.chmod(0o777)
    try:
        expected = outputs(run, data, "validate", "--no-cache")
        reads.clear()
        assert outputs(run, data, "validate") == expected
        assert outputs(run, data, "validate") == expected
        assert len(reads) >= 2 * AREAS and chunks() == []
    finally:
        root.chmod(0o700)


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every file whose content veikart hashed, in this process."""
    seen: list[str] = []
    original = cache.digest_of

    def counting(path: str) -> bytes | None:
        seen.append(path)
        return original(path)

    monkeypatch.setattr(cache, "digest_of", counting)
    yield seen


def test_a_file_changed_within_the_timestamp_granularity_of_the_index_is_hashed_again(
    run: Run, data: Path, reads: list[Path], hashed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's racy-clean rule: a file changed in the same timestamp tick as the index was written
    may change again without its stat key changing, so its recorded hash is not trusted."""
    outputs(run, data, "validate")
    hashed.clear()
    outputs(run, data, "validate")
    assert hashed == []  # the index vouches for every file ...
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    for file in (data / "areas").glob("*.yaml"):
        os.utime(file)  # changed just now: within 2 s of the next index write
    outputs(run, data, "validate")
    reads.clear()
    hashed.clear()
    outputs(run, data, "validate")
    assert len(hashed) >= AREAS  # ... but not for these: their contents are hashed again,
    assert reads == []  # and, being the same, need no parsing


def test_a_fresh_checkout_of_the_same_files_parses_nothing(run: Run, data: Path, reads: list[Path]) -> None:
    """CI with a kept cache folder: every file has a new inode and change time, the same bytes."""
    outputs(run, data, "validate")
    copy = data.parent / "copy"
    shutil.copytree(data, copy)
    shutil.rmtree(data)
    shutil.copytree(copy, data)
    reads.clear()
    warm = outputs(run, data, "validate")
    assert reads == []
    assert warm == outputs(run, data, "validate", "--no-cache")


def test_a_damaged_index_is_ignored(run: Run, data: Path, reads: list[Path]) -> None:
    expected = outputs(run, data, "validate", "--no-cache")
    outputs(run, data, "validate")
    for index in Path(os.environ["VEIKART_CACHE_DIR"]).glob("*/index"):
        index.write_bytes(index.read_bytes()[:-20])
    assert outputs(run, data, "validate") == expected


def test_no_cache_and_the_setting_leave_the_cache_alone(run: Run, data: Path) -> None:
    outputs(run, data, "validate", "--no-cache")
    assert chunks() == []
    (data / "pyproject.toml").write_text("[tool.veikart]\ncache = false\n", encoding="utf-8")
    outputs(run, data, "validate")
    assert chunks() == []
    (data / "pyproject.toml").write_text("[tool.veikart]\ncache = true\n", encoding="utf-8")
    outputs(run, data, "validate")
    assert chunks()


def test_a_cache_folder_inside_the_repository_is_not_used(
    run: Run, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data / ".git").mkdir()
    inside = data / ".cache" / "veikart"
    monkeypatch.setenv("VEIKART_CACHE_DIR", str(inside))
    status, _, _ = outputs(run, data, "validate")
    assert status == 0 and not inside.exists()


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    from veikart_cli.app.settings import cache_folder

    assert cache_folder({"VEIKART_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path("/c")
    assert cache_folder({"XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path("/x/veikart")
    assert cache_folder({"XDG_CACHE_HOME": "relative", "HOME": "/h"}) == Path("/h/.cache/veikart")
    assert cache_folder({}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork-friendly process start-up")
def test_concurrent_runs_leave_a_sound_cache(tmp_path: Path) -> None:
    """Four processes fill the same empty cache at once (in workers: a real-size data set);
    every one and a later warm run agree."""
    broken = generate(parallel.PER_WORKER + 20, tmp_path / "big")  # dataset.MIN_FILES in the processes
    for file in sorted(FIXTURES.glob("invalid/*/areas/*.yaml")):
        shutil.copy(file, broken / "areas" / f"{file.parent.parent.name}-{file.name}")
    age(broken)
    env = {**os.environ, "VEIKART_CACHE_DIR": os.environ["VEIKART_CACHE_DIR"]}
    command = [sys.executable, "-m", "veikart_cli", "validate", "--format", "json"]
    expected = subprocess.run([*command, "--no-cache"], cwd=broken, env=env, capture_output=True, check=False)
    runs = [subprocess.Popen(command, cwd=broken, env=env, stdout=subprocess.PIPE) for _ in range(4)]
    results = [process.communicate()[0] for process in runs]
    assert results == [expected.stdout] * 4
    assert chunks() and not list(Path(os.environ["VEIKART_CACHE_DIR"]).glob("*/*.tmp"))
    warm = subprocess.run(command, cwd=broken, env=env, capture_output=True, check=False)
    assert warm.stdout == expected.stdout


def test_the_console_entry_point_ends_with_everything_written(run: Run, broken: Path) -> None:
    """cli.main ends the process with os._exit (no teardown of the data read): stdout and
    stderr must be complete and the status kept, as in-process."""
    env = {**os.environ, "VEIKART_CACHE_DIR": os.environ["VEIKART_CACHE_DIR"]}
    for args, status in ((["score", "-f", "csv", "--example"], 0), (["validate", "--format", "json"], 1)):
        expected = run(*args, cwd=broken)
        command = [sys.executable, "-m", "veikart_cli", *args]
        done = subprocess.run(command, cwd=broken, env=env, capture_output=True, check=False)
        assert (done.returncode, done.stdout.decode()) == (status, expected.stdout)
        assert done.stderr.decode() == expected.stderr
