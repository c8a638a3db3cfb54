"""Issue 15: one safe writer for every file veikart writes (app/outputs.py), and safe standard streams."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.app.outputs import OutputError, write_atomic


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
    for command in (
        ("score", "-f", "markdown"),
        ("schema", "criteria"),
        ("report", "-f", "markdown"),
        ("diff", str(data), str(data)),
    ):
        result = run(*command, "-o", str(config), cwd=data)
        assert result.exit_code == 2 and "input" in result.stderr, (command, result.output)
    assert config.read_bytes() == before


SIGNALLED_WRITE = """
import os, signal, sys
from veikart_cli.cli import main
real_fsync, signum = os.fsync, getattr(signal, sys.argv[1])
def signalled(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signum)
os.fsync = signalled
sys.argv = ["veikart", "score", "--example", "-f", "markdown", "-o", sys.argv[2]]
main()
"""


def write_signalled(target: Path, signal_name: str, ignored: bool = False) -> subprocess.CompletedProcess[bytes]:
    def ignore() -> None:  # as nohup starts a process
        signal.signal(getattr(signal, signal_name), signal.SIG_IGN)

    return subprocess.run(  # noqa: PLW1510
        [sys.executable, "-c", SIGNALLED_WRITE, signal_name, str(target)],
        capture_output=True,
        timeout=60,
        preexec_fn=ignore if ignored else None,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_no_temporary_file_is_left_on_sigterm(tmp_path: Path, signal_name: str) -> None:
    target = tmp_path / "out.md"
    target.write_text("before\n")
    done = write_signalled(target, signal_name)
    assert done.returncode == 128 + getattr(signal, signal_name), done.stderr
    assert b"Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == [target] and target.read_text() == "before\n"


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_an_ignored_sighup_stays_ignored(tmp_path: Path) -> None:
    """Under nohup SIGHUP is ignored: veikart must not make it deadly."""
    target = tmp_path / "out.md"
    done = write_signalled(target, "SIGHUP", ignored=True)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("|") and list(tmp_path.iterdir()) == [target]


def test_no_temporary_file_is_left_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    (tmp_path / "out.md").write_text("before\n")
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.md", "text\n")
    assert list(tmp_path.iterdir()) == [tmp_path / "out.md"] and (tmp_path / "out.md").read_text() == "before\n"


def test_a_write_error_is_reported_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
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


@pytest.mark.skipif(sys.platform == "win32", reason="a non-blocking pipe is POSIX's")
def test_a_full_non_blocking_stdout_is_an_error_not_a_busy_wait() -> None:
    """A pipe another program left non-blocking fills while its reader waits: an error, not a spin."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    command = [sys.executable, "-m", "veikart_cli", "report", "-f", "html"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    try:
        _, err = process.communicate(timeout=60)  # nothing reads: a busy wait never ends
    finally:
        process.kill()
        os.close(read)
    assert process.returncode == 1
    assert b"cannot write to standard output: Resource temporarily unavailable" in err and b"Traceback" not in err


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


@pytest.mark.parametrize("obstacle", ["dangling-link", "criteria-file", "target-file"])
def test_init_refuses_what_is_in_the_way_and_writes_nothing(run: Run, tmp_path: Path, obstacle: str) -> None:
    target = tmp_path / "ny"
    if obstacle == "target-file":
        target.write_text("x")
    else:
        (target / "areas").mkdir(parents=True)
        if obstacle == "criteria-file":
            (target / "criteria").write_text("x")
        else:
            for name in ("5-grunnforskning.yaml", "1-foregangskommune.yaml"):
                (target / "areas" / name).symlink_to(tmp_path / "nowhere")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = run("init", str(target))
    assert result.exit_code == 2 and "error" in result.stderr, result.output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_init_that_fails_half_way_leaves_nothing(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from veikart_cli.app import outputs

    real = outputs.write_atomic
    written: list[Path] = []

    def full_on_the_second(path: Path, text: str) -> None:
        if written:
            raise OutputError(f"{path}: cannot write: No space left on device")
        real(path, text)
        written.append(path)

    monkeypatch.setattr(outputs, "write_atomic", full_on_the_second)
    result = run("init", str(tmp_path / "ny"))
    assert result.exit_code == 2 and "No space left" in result.stderr and "nothing was written" in result.stderr
    assert written and list(tmp_path.iterdir()) == []


def test_init_interrupted_half_way_leaves_nothing(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or SIGTERM, which ends veikart as an exception does) after the first file: it is removed too."""
    from veikart_cli.app import outputs

    real = outputs.write_atomic
    written: list[Path] = []

    def interrupted_on_the_second(path: Path, text: str) -> None:
        if written:
            raise KeyboardInterrupt
        real(path, text)
        written.append(path)

    monkeypatch.setattr(outputs, "write_atomic", interrupted_on_the_second)
    assert run("init", str(tmp_path / "ny")).exit_code != 0  # Click turns Ctrl-C into 'Aborted!'
    assert written and list(tmp_path.iterdir()) == []


def test_schema_never_writes_over_an_area_file_it_does_not_read(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "kpi"
    shutil.copytree(ROOT / "examples" / "kpi-mal", data)
    area = data / "areas" / "havna.yaml"
    before = area.read_bytes()
    result = run("schema", "area", str(data), "-o", str(area))
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert area.read_bytes() == before
