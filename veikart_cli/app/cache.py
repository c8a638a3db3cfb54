"""The warm cache: typed per-file results kept between runs, so unchanged area files are not parsed again.

Where: the user's cache folder (VEIKART_CACHE_DIR, else $XDG_CACHE_HOME/veikart, else
~/.cache/veikart), never the repository: a folder inside the git work tree of the working
folder or of the data is refused. What: chunks of consecutive area files, each file holding the areas and the
problems its files gave, pickled. Pickle can name code, so a chunk is read only when

- it lies in a folder this user owns that nobody else may write to, and is itself a regular
  file this user owns that nobody else may write to (so no one else can have planted it), and
- its globals are the model's own plain types (a restricted unpickler refuses every other
  name, so a planted file cannot call os.system & co.).

When a chunk is valid: its name is a hash of everything its content depends on. As a whole:
veikart's version and a hash of its own source files (an editable install that changed), the
Python and PyYAML versions, the framework's bytes and path, and the working folder (paths in
messages are relative to it). Per file: its path and a hash of its bytes. So that unchanged
files need not be read to be hashed, an index (plain data, marshal) records each file's size,
mtime_ns, ctime_ns, inode and device with its hash; a file whose record differs is hashed again
(a same-size edit with the mtime set back still changes ctime; a fresh checkout changes all of
them), and parsed only if its bytes changed. Git's "racy clean" rule: a record made within
RACY_NS of the index's own write is not trusted, since the file may have changed again in the
same timestamp tick.

Anything wrong with a chunk (missing, truncated, corrupt, foreign, another version's) makes it
a miss: its files are read again and the chunk rewritten. Never an error. Writes go through
app/writer.py (a temporary file renamed into place), so concurrent runs see a whole chunk or none.
Cross-file checks and --strict are not cached: they run over all areas every time.
"""

from __future__ import annotations

import io
import marshal
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Sequence
from hashlib import blake2b
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli import __version__

MAGIC = b"veikart-cache-1\n"
RACY_NS = 2_000_000_000  # the coarsest file timestamps in use (FAT: 2 s)
CHUNK = 100  # files per chunk on average
MAX_CHUNK = 400
_HEADER = len(MAGIC) + 16 + 8 + 4  # magic, chunk digest, payload length, CRC-32

Result = tuple[list[Any], list[Any]]  # (areas, problems) of a chunk's files
FileKey = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
Index = dict[str, tuple[int, int, int, int, int, bytes]]  # absolute path → its FileKey and content hash
INDEX = "index"
INDEX_MAGIC = b"veikart-index-1\n"


class Chunk(NamedTuple):
    files: tuple[Path, ...]
    paths: tuple[str, ...]  # absolute: the index's keys
    keys: tuple[FileKey, ...]  # empty: a file could not be examined, so the chunk is not cached
    digests: tuple[bytes, ...] | None  # the files' content hashes, when known before reading them

    def name(self, key: bytes, digests: tuple[bytes, ...] | None = None) -> str:
        """Its file name in the store: a hash of everything its content depends on."""
        digests = digests or self.digests
        if not self.keys or digests is None:
            return ""
        named = blake2b(key, digest_size=16)  # (marshal's bytes are not canonical: it notes shared objects)
        for path, digest in zip(self.paths, digests):
            named.update(path.encode("utf-8", "surrogateescape") + b"\0" + digest)
        return named.hexdigest() + ".chunk"


def file_key(path: str) -> FileKey | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def digest_of(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return blake2b(handle.read(), digest_size=16).digest()
    except OSError:
        return None


def plan(files: Sequence[Path], cwd: Path, index: Index, hash_unknown: bool) -> tuple[list[Chunk], Index]:
    """Chunks of consecutive files, with their content hashes where they can be known cheaply.

    A file's hash is taken from the index when its stat key (size, mtime_ns, ctime_ns, inode,
    device) is the one recorded and was not racy (changed within RACY_NS of the index's write);
    else, with `hash_unknown` (there is an index: e.g. a fresh CI checkout, where every stat
    differs), the file is read and hashed, which is still far cheaper than parsing it. A chunk
    ends after a file whose path hashes to 0 modulo CHUNK, so adding or removing a file changes
    only its own chunk, not every one after it. Returns the chunks and the index entries known."""
    chunks = []
    known: Index = {}
    here = str(cwd)
    files_now: list[Path] = []
    paths: list[str] = []
    keys: list[FileKey] = []
    digests: list[bytes] = []
    ok = complete = True
    for file in files:
        name = str(file)
        where = os.path.join(here, name)
        key = file_key(name)
        if key is None:
            ok = False
        else:
            keys.append(key)
            entry = index.get(where)
            if entry is not None and entry[:5] == key:
                digests.append(entry[5])
                known[where] = entry
            elif hash_unknown and (digest := digest_of(name)) is not None and file_key(name) == key:
                digests.append(digest)
                known[where] = (*key, digest)
            else:
                complete = False
        files_now.append(file)
        paths.append(where)
        if zlib.crc32(where.encode("utf-8", "surrogateescape")) % CHUNK == 0 or len(files_now) >= MAX_CHUNK:
            chunks.append(Chunk(tuple(files_now), tuple(paths), tuple(keys) if ok else (), _all(digests, complete)))
            files_now, paths, keys, digests, ok, complete = [], [], [], [], True, True
    if files_now:
        chunks.append(Chunk(tuple(files_now), tuple(paths), tuple(keys) if ok else (), _all(digests, complete)))
    return chunks, known


def _all(digests: list[bytes], complete: bool) -> tuple[bytes, ...] | None:
    return tuple(digests) if complete else None


def hashed_as_read(chunk: Chunk) -> tuple[bytes, ...] | None:
    """The chunk's content hashes, taken after its files were parsed; None if any file changed
    since it was planned (then what was parsed may not be what is hashed: not cached)."""
    digests = []
    for path, key in zip(chunk.paths, chunk.keys):
        digest = digest_of(path)
        if digest is None or file_key(path) != key:
            return None
        digests.append(digest)
    return tuple(digests) if chunk.keys and len(digests) == len(chunk.paths) else None


class Store(NamedTuple):
    """One data set's chunks and index: a folder this user owns. Picklable, so workers can write chunks."""

    folder: str
    key: bytes  # everything the chunks depend on as a whole

    def load(self, chunk: Chunk) -> Result | None:
        """The chunk's (areas, problems), or None when it is missing or cannot be trusted."""
        name = chunk.name(self.key)
        data = self._read(name) if name else None
        return _decode(data, name) if data is not None else None

    def _read(self, name: str) -> bytes | None:
        """A file of the store, if it is a regular file this user owns that no one else may write."""
        try:
            fd = os.open(os.path.join(self.folder, name), os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        try:
            if not _private(os.fstat(fd), stat.S_ISREG):
                return None
            with open(fd, "rb", closefd=False) as handle:
                return handle.read()
        except OSError:
            return None
        finally:
            os.close(fd)

    def load_index(self) -> tuple[Index, bool]:
        """Path → (stat key, content hash), without the entries that are racy; and whether
        there was an index at all."""
        data = self._read(INDEX)
        if data is None or len(data) < len(INDEX_MAGIC) + 4 or not data.startswith(INDEX_MAGIC):
            return {}, False
        payload = memoryview(data)[len(INDEX_MAGIC) + 4 :]
        if zlib.crc32(payload) != int.from_bytes(data[len(INDEX_MAGIC) : len(INDEX_MAGIC) + 4], "little"):
            return {}, False
        try:
            written, entries = marshal.loads(payload)  # data only: marshal makes no objects but plain ones
            found = {
                path: entry
                for path, entry in entries.items()
                if entry[1] < written - RACY_NS and entry[2] < written - RACY_NS
            }
        except Exception:  # noqa: BLE001 - a damaged index is a missing one
            return {}, False
        return found, True

    def save_index(self, entries: Index) -> None:
        payload = marshal.dumps((time.time_ns(), entries))
        self._write(INDEX, INDEX_MAGIC + zlib.crc32(payload).to_bytes(4, "little"), payload)

    def save(self, name: str, payload: bytes) -> None:
        """Write a chunk whole or not at all; a failure only means a miss next time."""
        if not name:
            return
        header = MAGIC + bytes.fromhex(name[:32]) + len(payload).to_bytes(8, "little")
        self._write(name, header + zlib.crc32(payload).to_bytes(4, "little"), payload)

    def _write(self, name: str, header: bytes, payload: bytes) -> None:
        from veikart_cli.app.writer import OutputError, write_private

        try:
            write_private(Path(self.folder) / name, header + payload)
        except OutputError:
            pass  # a miss next time

    def prune(self, keep: set[str], before_ns: int) -> None:
        """Remove chunks this run did not use, if older than the run (a concurrent run's are not)."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            try:
                if (
                    entry.name not in keep
                    and entry.name != INDEX
                    and entry.stat(follow_symlinks=False).st_mtime_ns < before_ns
                ):
                    os.unlink(entry.path)
            except OSError:
                pass


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def dumps(result: Result) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


_NEW = tuple.__new__


class _Pickler(pickle.Pickler):
    """Named tuples as tuple.__new__(cls, fields): loading them then runs no Python code per
    object (a named tuple's own __new__ is Python), a quarter less time for a warm run to load."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in _TUPLES:
            return _NEW, (type(obj), tuple(obj))
        if obj is _NEW:
            return "tuple.__new__"  # a global of builtins, not getattr(tuple, '__new__')
        return NotImplemented


def _decode(data: bytes, name: str) -> Result | None:
    if len(data) < _HEADER or not data.startswith(MAGIC):
        return None
    at = len(MAGIC)
    if data[at : at + 16] != bytes.fromhex(name[:32]):  # a chunk copied under another name
        return None
    length = int.from_bytes(data[at + 16 : at + 24], "little")
    crc = int.from_bytes(data[at + 24 : at + 28], "little")
    payload = memoryview(data)[_HEADER:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    try:
        result = _ModelUnpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - whatever is wrong with it, it is a miss
        return None
    return result if _shaped(result) else None


def _shaped(result: Any) -> bool:
    from veikart_cli.model.types import Area
    from veikart_cli.problems import Problem

    return (
        type(result) is tuple
        and len(result) == 2
        and type(result[0]) is list
        and type(result[1]) is list
        and all(type(area) is Area for area in result[0])
        and all(type(problem) is Problem for problem in result[1])
    )


class _ModelUnpickler(pickle.Unpickler):
    """Only the model's value types can be named; anything else (os.system, eval, getattr …) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a veikart cache")
        return super().find_class(module, name)


def _tuples() -> frozenset[type]:
    from veikart_cli.model import types
    from veikart_cli.problems import Location

    model = {
        value
        for value in vars(types).values()
        if isinstance(value, type) and issubclass(value, tuple) and value.__module__ == types.__name__
    }
    return frozenset({*model, Location})


_TUPLES = _tuples()
_ALLOWED = frozenset(
    {(cls.__module__, cls.__qualname__) for cls in _TUPLES}
    | {
        ("builtins", "tuple.__new__"),  # called with one of the classes above
        ("veikart_cli.problems", "Problem"),
        ("veikart_cli.problems", "Severity"),
        ("decimal", "Decimal"),
    }
)


# -- opening a data set's store ---------------------------------------------------------


def open_store(root: Path, cwd: Path, framework_file: Path, framework_name: str) -> Store | None:
    """The store for this data set, made if need be; None when the cache cannot be used safely."""
    try:
        root = Path(os.path.abspath(os.path.join(cwd, root)))
        framework = Path(os.path.abspath(os.path.join(cwd, framework_file)))
        if _inside_project(root, (cwd, framework.parent)):
            return None
        key = whole_key(cwd, framework.read_bytes(), framework_name)
        scope = blake2b(f"{cwd}\0{framework}".encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
        folder = root / scope
        for place in (root, folder):
            place.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(os.lstat(place), stat.S_ISDIR):
                return None
        return Store(str(folder), key)
    except OSError:
        return None


def _private(found: os.stat_result, kind: Any) -> bool:
    """Of the right kind, owned by this user, writable by no one else."""
    getuid = getattr(os, "getuid", None)
    owner = getuid is None or found.st_uid == getuid()
    return bool(kind(found.st_mode)) and owner and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _inside_project(folder: Path, places: tuple[Path, ...]) -> bool:
    """A cache inside the git work tree of the working folder or of the data could come with a
    checkout (a pull request's files), so it is not used."""
    resolved = folder.resolve()
    for place in places:
        for parent in (place, *place.parents):
            if (parent / ".git").exists():
                top = parent.resolve()
                if resolved == top or top in resolved.parents:
                    return True
                break
    return False


def whole_key(cwd: Path, framework: bytes, framework_name: str) -> bytes:
    import yaml

    digest = blake2b(digest_size=16)
    for part in (
        MAGIC.decode(),
        __version__,
        sys.version,
        sys.implementation.cache_tag or "",
        yaml.__version__,
        str(getattr(yaml, "__with_libyaml__", False)),
        str(cwd),
        framework_name,
    ):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(framework)
    digest.update(source_fingerprint())
    return digest.digest()


def source_fingerprint(package: Path | None = None) -> bytes:
    """A hash of veikart's own source files: an edited checkout must not use old results."""
    package = package or Path(__file__).resolve().parent.parent
    digest = blake2b(digest_size=16)
    found = sorted(
        os.path.join(where, name) for where, _, names in os.walk(package) for name in names if name.endswith(".py")
    )
    for file in found:
        digest.update(os.path.relpath(file, package).encode("utf-8", "surrogateescape") + b"\0")
        with open(file, "rb") as handle:
            digest.update(handle.read())
    return digest.digest()
