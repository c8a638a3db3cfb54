"""Issue 15: one safe writer for every file veikart writes (app/writer.py), and safe standard streams."""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.app import writer
from veikart_cli.app.writer import OutputError, write_atomic


def refused(run: Run, target: Path, *command: str) -> str:
    result = run(*(command or ("score", "-f", "markdown")), "-o", str(target))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return str(result.stderr)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_at_the_target_is_refused_not_replaced(run: Run, tmp_path: Path) -> None:
    """High: `-o /dev/null` as root replaced /dev/null with a regular 0600 file."""
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert "is a device" in refused(run, null)
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_fifo_at_the_target_is_refused_without_hanging(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "FIFO" in refused(run, fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_or_folder_at_the_target_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert "socket" in refused(run, path)
    finally:
        server.close()
    assert "folder" in refused(run, tmp_path)


def test_a_symlink_at_the_target_is_never_followed(run: Run, tmp_path: Path) -> None:
    """Medium: --output resolved symlinks itself, so another user's link redirected the write."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    assert "symbolic link" in refused(run, link)
    assert victim.read_text() == "keep me\n" and link.is_symlink()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "elsewhere.md")
    assert "symbolic link" in refused(run, dangling)
    assert not (tmp_path / "elsewhere.md").exists()


def test_umask_is_honoured_and_an_existing_mode_kept(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = tmp_path / "new.md"
        assert run("score", "-f", "markdown", "-o", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    existing = tmp_path / "existing.md"
    existing.write_text("old\n")
    existing.chmod(0o604)
    assert run("score", "-f", "markdown", "-o", str(existing)).exit_code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o604 and existing.read_text() != "old\n"


def data_folder(tmp_path: Path) -> Path:
    for name in ("criteria", "areas"):
        (tmp_path / name).mkdir()
        for path in (ROOT / name).glob("*.yaml"):
            (tmp_path / name / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_never_over_an_input_by_any_name(run: Run, tmp_path: Path) -> None:
    """A hard link to an input, the config, and schema -o / diff -o as well."""
    data = data_folder(tmp_path)
    area = data / "areas" / "1-foregangskommune.yaml"
    before = area.read_bytes()
    alias = tmp_path / "alias.md"
    os.link(area, alias)
    assert "input" in refused(run, alias, "score", str(data), "-f", "markdown")
    assert "input" in refused(run, data / "criteria" / "trondheim-helse-2021.yaml", "schema", "area", str(data))
    assert "input" in refused(run, area, "diff", str(data), str(data))
    assert area.read_bytes() == before


def test_never_over_the_config_read(run: Run, tmp_path: Path) -> None:
    """Low: "never over an input" did not cover pyproject.toml (nor schema -o)."""
    data = data_folder(tmp_path)
    config = data / "pyproject.toml"
    config.write_text('[tool.veikart]\nlang = "nb"\n')
    before = config.read_bytes()
    for command in (("score", "-f", "markdown"), ("schema", "criteria"), ("report",), ("diff", str(data), str(data))):
        result = run(*command, "-o", str(config), cwd=data)
        assert result.exit_code == 2 and "input" in result.stderr, (command, result.output)
    assert config.read_bytes() == before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "mkstemp"])
def test_no_temporary_file_is_left_on_sigterm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool, signum: int
) -> None:
    """Low: temporary files were left behind after Ctrl-C, SIGTERM or kill -9."""
    if not unnamed:
        monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)
    real_fsync = os.fsync

    def terminated(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signum)

    class NotHandled(Exception):
        pass

    def outside(signum: int, frame: object) -> None:
        raise NotHandled  # the writer did not take SIGTERM over (instead of killing pytest)

    monkeypatch.setattr(os, "fsync", terminated)
    before = signal.signal(signum, outside)
    try:
        with pytest.raises(SystemExit) as stop:
            write_atomic(tmp_path / "out.md", "text\n")
        assert stop.value.code == 128 + signum
        assert list(tmp_path.iterdir()) == []
        assert signal.getsignal(signum) == outside  # put back as it was
    finally:
        signal.signal(signum, before)


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "mkstemp"])
def test_no_temporary_file_is_left_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool) -> None:
    if not unnamed:
        monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    (tmp_path / "out.md").write_text("before\n")
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.md", "text\n")
    assert list(tmp_path.iterdir()) == [tmp_path / "out.md"] and (tmp_path / "out.md").read_text() == "before\n"


KILLED_MID_WRITE = """
import os, signal, sys
from pathlib import Path
from veikart_cli.app import writer
if sys.argv[2] == "named":
    writer._write_unnamed = lambda *args: None
def killed(*args):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(os, sys.argv[3], killed)
writer.write_atomic(Path(sys.argv[1]) / "out.md", "text\\n")
"""


def killed_mid_write(folder: Path, how: str, at: str = "write") -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(folder), how, at], timeout=60)  # noqa: PLW1510
    assert done.returncode == -signal.SIGKILL


def test_kill_9_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Low: temporary files were left after kill -9. The file has no name until it is whole
    (O_TMPFILE, linked through /proc or with linkat where /proc cannot link)."""
    if not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE on this system")
    killed_mid_write(tmp_path, "unnamed")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("how", "at"), [("named", "write"), ("unnamed", "rename")])
def test_a_temporary_file_left_by_kill_9_is_removed_by_the_next_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, at: str
) -> None:
    """Without O_TMPFILE the temporary file has a name while it is written, and with it from
    its naming to its rename: one whose process is gone and that nothing touched for
    ABANDONED_NS is removed by the next write into its folder. Nothing else is touched: a live
    process's, a recent one (a process of another host may share the pid), a name veikart
    does not give, a folder."""
    killed_mid_write(tmp_path, how, at)
    (left,) = tmp_path.iterdir()
    assert writer.TEMPORARY_FILE.fullmatch(left.name), left.name
    dead = 2**22 + 1  # above Linux's largest pid
    other = tmp_path / f".other.md.veikart-{dead}-abcd_123.tmp"  # another file's, abandoned too
    kept = [
        tmp_path / f".out.md.veikart-{os.getpid()}-abcd_123.tmp",  # alive
        tmp_path / f".out.md.veikart-{dead}-x.tmp",  # not a name veikart gives
        tmp_path / f"out.md.veikart-{dead}-abcd_123.tmp",  # nor this
        tmp_path / f".notes.veikart-{dead}-abcd_123.tmp.md",
    ]
    for path in (other, *kept):
        path.write_text("")
    folder = tmp_path / f".dir.veikart-{dead}-abcd_123.tmp"
    folder.mkdir()
    kept.append(folder)
    old = time.time_ns() - writer.ABANDONED_NS - 10**9
    for path in (left, other, *kept):
        os.utime(path, ns=(old, old))
    recent = tmp_path / f".out.md.veikart-{dead}-recent12.tmp"
    recent.write_text("")
    kept.append(recent)
    monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)
    write_atomic(tmp_path / "out.md", "text\n")
    assert sorted(tmp_path.iterdir()) == sorted([*kept, tmp_path / "out.md"])


def test_unnamed_files_get_their_name_without_proc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where /proc lies on another file system (EXDEV, as in some sandboxes) linkat(AT_EMPTY_PATH) names the file
    if not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE on this system")
    real_link = os.link

    def no_proc(source: str, target: str, **kwargs: object) -> None:
        if source.startswith("/proc/"):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_link(source, target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", no_proc)
    named: list[str] = []
    real_named = writer._write_named
    monkeypatch.setattr(writer, "_write_named", lambda *args: named.append("used") or real_named(*args))
    write_atomic(tmp_path / "out.md", "text\n")
    assert (tmp_path / "out.md").read_text() == "text\n" and list(tmp_path.iterdir()) == [tmp_path / "out.md"]
    if named:
        pytest.skip("linkat(AT_EMPTY_PATH) is refused here too (needs CAP_DAC_READ_SEARCH before Linux 6.10)")


def test_a_write_error_is_reported_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(tmp_path / "out.md", "text\n")
    assert list(tmp_path.iterdir()) == []


def test_the_step_summary_is_never_written_through_a_link_or_into_a_fifo(run: Run, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    link = tmp_path / "summary.md"
    link.symlink_to(victim)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    bad = ROOT / "tests" / "fixtures" / "invalid" / "duplicate-key" / "areas"
    for summary in (link, fifo):
        env = {"GITHUB_STEP_SUMMARY": str(summary)}
        for data in (bad, ROOT):  # W1: with clean data the gate passed (exit 0) with no summary written
            result = run("validate", "--format", "github", str(data), env=env)
            assert result.exit_code == 2 and "step summary not written" in result.stderr, result.output
    assert victim.read_text() == "keep\n"


def test_non_utf8_file_names_with_github_format_and_a_step_summary(run: Run, tmp_path: Path) -> None:
    """Low: non-UTF-8 file names crashed `validate --format github` with a step summary."""
    data = data_folder(tmp_path)
    name = os.fsdecode(b"\xff\xfe-omr\xe5de.yaml")
    (data / "areas" / name).write_bytes(b"id: x\n")
    summary = tmp_path / "summary.md"
    result = run("validate", "--format", "github", str(data), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "::error file=" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert "veikart:" in text and "U+DCFF" in text


# --- standard streams (a real process: the console entry point sets them up) ---------------------


def veikart(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run(  # type: ignore[call-overload, no-any-return]  # noqa: PLW1510
        [sys.executable, "-m", "veikart_cli", *args], cwd=ROOT, env=env, capture_output=True, timeout=120, **kwargs
    )


def test_a_full_disk_on_stdout_is_an_error() -> None:
    """Medium: `score -f html > f` on a full disk exited 0 with an empty file."""
    with open("/dev/full", "wb") as full:
        done = subprocess.run(  # noqa: PLW1510 - the status is what is tested
            [sys.executable, "-m", "veikart_cli", "score", "-f", "html"], cwd=ROOT, stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 1
    assert b"No space left on device" in done.stderr and b"Traceback" not in done.stderr


def test_a_closed_stdout_is_an_error_not_a_crash() -> None:
    """Low: a closed stdout crashed several commands."""
    for command in (("score",), ("report",), ("explain", "grunnforskning"), ("schema",)):
        done = subprocess.run(  # noqa: PLW1510 - the status is what is tested
            [sys.executable, "-c", "import os; os.close(1); os.execv(os.sys.executable, os.sys.argv[1:])"]
            + [sys.executable, "-m", "veikart_cli", *command],
            cwd=ROOT,
            stderr=subprocess.PIPE,
        )
        assert done.returncode == 1, (command, done.stderr)
        assert b"standard output is closed" in done.stderr and b"Traceback" not in done.stderr
    done = subprocess.run(  # noqa: PLW1510 - the status is what is tested
        [sys.executable, "-c", "import os; os.close(1); os.execv(os.sys.executable, os.sys.argv[1:])"]
        + [sys.executable, "-m", "veikart_cli", "validate"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    assert done.returncode == 0, done.stderr  # validate writes nothing to stdout


def test_a_broken_pipe_ends_quietly_with_the_sigpipe_status(tmp_path: Path) -> None:
    """Low: `| head -1` exited 1; a traceback could follow."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "600", str(tmp_path)], check=True)
    for command in (("score", "-f", "markdown"), ("report",), ("score",), ("score", "-f", "json")):
        process = subprocess.Popen(
            [sys.executable, "-m", "veikart_cli", *command, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read()
        process.stderr.close()
        assert process.wait(timeout=120) == 141, (command, error)
        assert error == b"", (command, error)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_every_command_works_in_a_narrow_encoding(encoding: str) -> None:
    """Medium: in a non-UTF-8 locale every human-readable command crashed."""
    commands = [
        ("score",),
        ("score", "-f", "markdown"),
        ("criteria",),
        ("report",),
        ("explain", "digitale-hjemmetjenester"),
        ("validate", "--strict"),
        ("diff", ".", "."),
        ("score", "--set", "digitale-hjemmetjenester.verdiskaping=2 mrd"),
    ]
    for command in commands:
        done = veikart(*command, env={"PYTHONIOENCODING": encoding, "COLUMNS": "200"})
        assert done.returncode in (0, 1), (command, done.stderr.decode(encoding, "replace"))
        assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
        done.stdout.decode(encoding)  # everything it wrote, in that encoding
    table = veikart("score", env={"PYTHONIOENCODING": encoding, "COLUMNS": "200"}).stdout.decode(encoding)
    assert "Gr" in table and (
        "->"
        in veikart("explain", "digitale-hjemmetjenester", env={"PYTHONIOENCODING": encoding}).stdout.decode(encoding)
    )


def test_a_second_signal_does_not_cut_the_cleanup_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # systemd sends SIGTERM and then SIGHUP: the second came into the cleanup as a traceback
    monkeypatch.setattr(writer, "_write_unnamed", lambda *args: None)
    real_unlink = Path.unlink

    def terminated(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    def unlink_under_fire(self: Path, missing_ok: bool = False) -> None:
        os.kill(os.getpid(), signal.SIGHUP)  # arrives while the temporary file is being removed
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "fsync", terminated)
    monkeypatch.setattr(Path, "unlink", unlink_under_fire)
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    with pytest.raises(SystemExit) as stop:
        write_atomic(tmp_path / "out.md", "text\n")
    assert stop.value.code == 128 + signal.SIGTERM and list(tmp_path.iterdir()) == []
    assert {s: signal.getsignal(s) for s in before} == before


def test_a_forked_child_never_removes_its_parents_temporary_folder(tmp_path: Path) -> None:
    # Workers forked while diff's folder exists keep its handler; SIGTERM to one deleted it
    folder = tmp_path / "snapshot"
    folder.mkdir()
    with writer.removed_on_signals(folder):
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's coverage is not collected
            os.kill(os.getpid(), signal.SIGTERM)
            os._exit(0)
        _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert folder.is_dir()


def test_a_signal_while_the_handlers_are_put_back_waits_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A SIGHUP just after SIGTERM's handler was put back ran the writer's own handler half-way:
    # _Terminated escaped as a traceback and left SIGTERM ignored
    seen: list[int] = []
    before = {s: signal.signal(s, lambda signum, frame: seen.append(signum)) for s in (signal.SIGTERM, signal.SIGHUP)}
    real_signal = signal.signal

    def putting_back(signum: int, handler: object) -> object:
        old = real_signal(signum, handler)  # type: ignore[arg-type]
        if signum == signal.SIGTERM and handler is not writer._raise_terminated:
            os.kill(os.getpid(), signal.SIGHUP)
        return old

    monkeypatch.setattr(signal, "signal", putting_back)
    try:
        write_atomic(tmp_path / "out.md", "text\n")
    finally:
        monkeypatch.undo()
        handlers = {s: signal.getsignal(s) for s in before}
        for s, handler in before.items():
            signal.signal(s, handler)
    assert (tmp_path / "out.md").read_text() == "text\n" and seen == [signal.SIGHUP]
    assert all(handler not in (signal.SIG_IGN, writer._raise_terminated) for handler in handlers.values())


def test_an_ignored_sighup_stays_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under nohup SIGHUP is ignored: writing (or diff's folder) must not make it deadly."""
    real_fsync = os.fsync

    def hung_up(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGHUP)

    monkeypatch.setattr(os, "fsync", hung_up)
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        write_atomic(tmp_path / "out.md", "text\n")
        with writer.removed_on_signals(tmp_path):
            os.kill(os.getpid(), signal.SIGHUP)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)
    assert (tmp_path / "out.md").read_text() == "text\n"
