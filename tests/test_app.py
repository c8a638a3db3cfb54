"""The application layer: which data is read, settings and environment, exit codes, revisions."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run, run_unprivileged

from veikart_cli.app import commands
from veikart_cli.app.settings import Environment, Options, load_config
from veikart_cli.problems import Problems

CITY = FIXTURES / "four-colours"


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True, env={**os.environ, **env})


def test_validate_with_no_data_exits_2_and_says_where_it_looked(run: Run, tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"no roadmap data found: looked for criteria/ and areas/ in {tmp_path}" in result.stderr
    assert "hint:" in result.stderr and "--example" in result.stderr


def test_a_check_or_a_gate_never_falls_back_to_the_example(run: Run, tmp_path: Path) -> None:
    assert run("report", "--check", str(tmp_path / "r.md"), cwd=tmp_path).exit_code == 2
    assert run("score", "--fail-on", "red", cwd=tmp_path).exit_code == 2


def test_display_commands_show_the_example_with_a_notice_and_example_asks_for_it(run: Run, tmp_path: Path) -> None:
    shown = run("score", "-f", "csv", cwd=tmp_path)
    assert shown.exit_code == 0 and "showing the shipped example" in shown.stderr
    asked = run("score", "-f", "csv", "--example", cwd=tmp_path)
    assert asked.exit_code == 0 and asked.stderr == "" and asked.stdout == shown.stdout
    assert run("validate", "--example", cwd=tmp_path).exit_code == 0
    assert run("validate", "--example", str(CITY), cwd=tmp_path).exit_code == 2


def test_area_files_find_the_framework_beside_their_areas_folder(run: Run, tmp_path: Path) -> None:
    shutil.copytree(CITY, tmp_path / "roadmap")
    area = tmp_path / "roadmap" / "areas" / "heating.yaml"
    result = run("validate", "roadmap/areas/heating.yaml", cwd=tmp_path)
    assert result.exit_code == 0 and "ok: 1 framework, 1 area" in result.stderr
    area.write_text(area.read_text(encoding="utf-8").replace("because:", "becuase:", 1), encoding="utf-8")
    result = run("validate", "roadmap/areas/heating.yaml", cwd=tmp_path)
    assert result.exit_code == 1 and "roadmap/areas/heating.yaml:" in result.stderr


def test_a_framework_file_given_alone_is_checked_against_its_areas(run: Run, tmp_path: Path) -> None:
    shutil.copytree(CITY, tmp_path / "roadmap")
    result = run("validate", "roadmap/criteria/city.yaml", cwd=tmp_path)
    assert result.exit_code == 0 and "ok: 1 framework, 2 areas" in result.stderr


def test_loose_area_files_without_a_framework_are_a_usage_error(run: Run, tmp_path: Path) -> None:
    shutil.copy(CITY / "areas" / "heating.yaml", tmp_path / "heating.yaml")
    result = run("validate", "heating.yaml", cwd=tmp_path)
    assert result.exit_code == 2 and "found 1 area file but no framework" in result.stderr


def write_project(folder: Path, table: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n{table}", encoding="utf-8")


def test_configuration_discovery_stops_at_the_project_root(tmp_path: Path) -> None:
    write_project(tmp_path, "[tool.veikart]\nlang = 'en'\n")  # a shared parent's settings
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "sub").mkdir()
    assert load_config(project / "sub", Problems()).source is None  # .git ends the search
    write_project(project, "")  # the project's own pyproject.toml, without a table
    (project / ".git").rmdir()
    assert load_config(project / "sub", Problems()).source is None  # so does a pyproject.toml
    write_project(project, "[tool.veikart]\nlang = 'en'\n")
    assert load_config(project / "sub", Problems()).source == project / "pyproject.toml"


def test_the_settings_that_chose_the_data_are_named(run: Run, tmp_path: Path) -> None:
    """Medium: a config in a shared parent swapped in a framework, and nothing said which config was used."""
    shutil.copytree(ROOT / "criteria", tmp_path / "roadmap" / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "roadmap" / "areas")
    table = "[tool.veikart]\ncriteria = 'roadmap/criteria/trondheim-helse-2021.yaml'\nareas = 'roadmap/areas'\n"
    write_project(tmp_path, table)
    said = "veikart: criteria and areas as set in [tool.veikart] of pyproject.toml"
    for command in (("validate",), ("score", "-f", "markdown"), ("report",)):
        result = run(*command, cwd=tmp_path)
        assert result.exit_code == 0 and said in result.stderr, (command, result.stderr)
    result = run("validate", "roadmap/areas", cwd=tmp_path)  # the areas given, the framework from the settings
    assert "veikart: criteria as set in [tool.veikart] of pyproject.toml" in result.stderr
    framework = "roadmap/criteria/trondheim-helse-2021.yaml"
    result = run("validate", "--criteria", framework, cwd=tmp_path)  # the framework given, the areas from the settings
    assert "veikart: areas as set in [tool.veikart] of pyproject.toml" in result.stderr
    write_project(tmp_path, "[tool.veikart]\nlang = 'en'\n")  # settings that choose no data say nothing
    assert "as set in" not in run("validate", "roadmap", cwd=tmp_path).stderr


def roadmap_with_settings(folder: Path, table: str) -> Path:
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    shutil.copytree(ROOT / "areas", folder / "areas")
    write_project(folder, table)
    return folder / "pyproject.toml"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_settings_another_user_owns_are_not_read_and_said(run: Run, shared_tmp: Path) -> None:
    settings = roadmap_with_settings(shared_tmp, "[tool.veikart]\nlang = 'en'\nstrict = true\n")
    os.chown(settings, 4242, 4242)
    result = run("validate", cwd=shared_tmp)
    assert result.exit_code == 0, result.output  # strict = true was not read: the overrides pass
    assert "pyproject.toml: note: not read: another user owns this pyproject.toml [config]" in result.stderr
    settings.chmod(0o600)  # another user's and unreadable too: nothing can be said of its settings
    status, _, stderr = run_unprivileged("validate", cwd=shared_tmp)
    assert status == 0 and "note:" not in stderr and "error" not in stderr, stderr
    write_project(shared_tmp, "")  # without a [tool.veikart] table there was nothing to read: nothing said
    os.chown(settings, 4242, 4242)
    assert "note:" not in run("validate", cwd=shared_tmp).stderr


def test_a_pyproject_that_cannot_be_read_is_a_config_error_not_a_crash(shared_tmp: Path) -> None:
    settings = roadmap_with_settings(shared_tmp, "[tool.veikart]\nlang = 'en'\n")
    settings.chmod(0)  # the user's own (or root's, which is trusted), and unreadable
    status, stdout, stderr = run_unprivileged("validate", cwd=shared_tmp)
    assert status == 1 and stdout == "" and "Traceback" not in stderr
    assert f"{settings}: error: cannot read file: Permission denied [config]" in stderr, stderr


def score_output(capsys: pytest.CaptureFixture[str], variables: dict[str, str], tty: bool, color: str | None) -> str:
    env = Environment(ROOT, variables, stdout_is_terminal=tty)
    status = commands.score(env, Options(color=color), [], [])
    assert status == 0
    return capsys.readouterr().out


def test_no_color_and_force_color_are_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    assert "\x1b[" in score_output(capsys, {}, tty=True, color=None)
    assert "\x1b[" not in score_output(capsys, {"NO_COLOR": "1"}, tty=True, color=None)
    assert "\x1b[" not in score_output(capsys, {}, tty=False, color=None)
    assert "\x1b[" in score_output(capsys, {"FORCE_COLOR": "1"}, tty=False, color=None)
    assert "\x1b[" in score_output(capsys, {"NO_COLOR": "1"}, tty=False, color="always")  # the flag wins
    assert "\x1b[" not in score_output(capsys, {"FORCE_COLOR": "1"}, tty=True, color="never")


def test_color_is_an_option_of_every_command_that_prints_colour(run: Run) -> None:
    for command in ("score", "criteria"):
        assert "--color" in run(command, "--help").stdout
    assert run("score", "--color", "sometimes").exit_code == 2


def test_help_texts_keep_every_bracketed_word(run: Run) -> None:
    assert "[tool.veikart]" in run("score", "--help").stdout
    assert "[tool.veikart]" in run("validate", "--help").stdout


def test_strict_says_that_warnings_count_as_errors(run: Run) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 1 and "(--strict: warnings count as errors)" in result.stderr


def test_github_annotations_are_relative_to_the_workspace(run: Run, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "invalid" / "unknown-key", tmp_path / "repo" / "roadmap")
    shutil.copytree(ROOT / "criteria", tmp_path / "repo" / "roadmap" / "criteria")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path / "repo")}
    result = run("validate", "areas", cwd=tmp_path / "repo" / "roadmap", env=env)
    assert result.exit_code == 1 and "::error file=roadmap/areas/area.yaml,line=" in result.stdout


def test_check_of_a_missing_file_says_so_in_one_line(run: Run, tmp_path: Path) -> None:
    result = run("report", "--check", str(tmp_path / "none.md"))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'none.md'}: does not exist; write it with the same command and --output {tmp_path / 'none.md'}"
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository whose roadmap lives in roadmap/, named by [tool.veikart], with two commits."""
    shutil.copytree(CITY, tmp_path / "roadmap")
    write_project(tmp_path, "[tool.veikart]\ncriteria = 'roadmap/criteria'\nareas = ['roadmap/areas']\n")
    (tmp_path / "docs").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    area = tmp_path / "roadmap" / "areas" / "heating.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("amount: 20 MEUR", "amount: 1 MEUR"), encoding="utf-8")
    (tmp_path / ".gitattributes").write_text("roadmap/** export-ignore\n")
    git(tmp_path, "commit", "-q", "-am", "two")
    git(tmp_path, "add", ".gitattributes")
    git(tmp_path, "commit", "-q", "-m", "attributes")
    return tmp_path


def test_diff_honours_the_configuration_from_a_subfolder(run: Run, project: Path) -> None:
    result = run("diff", "HEAD~2", "HEAD", "-f", "json", cwd=project / "docs")
    assert result.exit_code == 0, result.stderr
    assert '"budget"' in result.stdout and '"areas_removed": []' in result.stdout  # export-ignore hides nothing
    assert run("diff", "HEAD~2", "HEAD", "--exit-code", cwd=project / "docs").exit_code == 3
    assert run("diff", "HEAD", "HEAD", "--exit-code", cwd=project / "docs").exit_code == 0


def test_a_symlink_in_a_revision_is_reported_not_followed(run: Run, project: Path) -> None:
    (project / "roadmap" / "areas" / "escape.yaml").symlink_to("/etc/passwd")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "link")
    result = run("diff", "HEAD~1", "HEAD", cwd=project)
    assert result.exit_code == 1 and "escape.yaml: error: not a regular file at HEAD" in result.stderr
    assert "root:" not in result.output


def test_a_name_that_is_neither_folder_nor_revision_is_a_usage_error(run: Run, project: Path) -> None:
    result = run("diff", "--", "--output=x", "HEAD", cwd=project)
    assert result.exit_code == 2 and "neither a folder nor a git revision" in result.stderr


def test_a_revision_without_the_data_is_a_usage_error(run: Run, project: Path) -> None:
    git(project, "rm", "-q", "-r", "roadmap")
    git(project, "commit", "-q", "-m", "gone")
    shutil.copytree(CITY, project / "roadmap")  # the working tree still has it
    result = run("diff", "HEAD~1", "HEAD", cwd=project)
    assert (
        result.exit_code == 2 and "revision 'HEAD' has no files under roadmap/areas, roadmap/criteria" in result.stderr
    )


def test_configured_data_outside_the_repository_is_a_usage_error(run: Run, project: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    shutil.copytree(CITY, outside)
    write_project(project, f"[tool.veikart]\ncriteria = '{outside}/criteria'\nareas = ['{outside}/areas']\n")
    result = run("diff", "HEAD~1", "HEAD", cwd=project)
    assert result.exit_code == 2 and "lies outside the repository" in result.stderr


def test_without_git_a_revision_is_a_usage_error(run: Run, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(project / "no-such-bin"))
    result = run("diff", "HEAD~1", "HEAD", cwd=project)
    assert result.exit_code == 2 and "neither a folder nor a git revision" in result.stderr


def test_the_git_helper_says_when_git_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from veikart_cli.app.revisions import git as run_git
    from veikart_cli.app.settings import UsageError

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError, match="git is not installed"):
        run_git("status", cwd=tmp_path)
