"""validate for CI and editors: problem formats, GitHub annotations, [tool.veikart] settings (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, ROOT, Run

BROKEN = str(FIXTURES / "invalid" / "unknown-key" / "areas")
WARNS = str(FIXTURES / "invalid" / "norway-problem" / "areas")


def test_json_is_a_stable_list_of_located_problems(run: Run) -> None:
    result = run("validate", "--format", "json", BROKEN)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert list(problems[0]) == ["path", "line", "column", "severity", "code", "message", "hint"]
    assert problems[0]["code"] == "unknown-key" and problems[0]["line"] == 8 and problems[0]["column"] == 5
    clean = run("validate", "--format", "json")
    assert clean.exit_code == 0 and json.loads(clean.stdout) == []


def test_github_format_prints_workflow_commands_and_fills_the_step_summary(run: Run, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run("validate", BROKEN, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(
        "::error file=tests/fixtures/invalid/unknown-key/areas/area.yaml,line=8,col=5,title=unknown-key::"
    )
    assert "%0Ahint: did you mean 'because'?" in line  # the hint rides along, newline escaped
    rows = [[c.strip() for c in row.split("|")[1:-1]] for row in summary.read_text().splitlines()[2:]]
    assert rows[2][:3] == ["tests/fixtures/invalid/unknown-key/areas/area.yaml:8:5", "error", "unknown-key"]


def test_github_escapes_what_would_break_a_workflow_command() -> None:
    from veikart_cli.problems import Location, Problem, Severity
    from veikart_cli.render.problems import problems_github

    problem = Problem(Location("a,b:c.yaml", 1, 2), Severity.WARNING, "x", "100% sure\nnot", "")
    assert problems_github([problem]) == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::100%25 sure%0Anot\n"


def test_warnings_pass_unless_strict_in_every_format(run: Run) -> None:
    for fmt in ("text", "github", "json"):
        assert run("validate", "-f", fmt, WARNS).exit_code == 0
        assert run("validate", "-f", fmt, "--strict", WARNS).exit_code == 1


def write_project(folder: Path, settings: str) -> None:
    (folder / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.veikart]\n{settings}", encoding="utf-8")
    (folder / "sub").mkdir()


def test_settings_come_from_the_nearest_pyproject_and_flags_override_them(run: Run, tmp_path: Path) -> None:
    crit, areas = ROOT / "criteria", ROOT / "areas"
    write_project(tmp_path, f'criteria = "{crit}"\nareas = ["{areas}"]\nlang = "en"\nformat = "csv"\nstrict = true\n')
    result = run("score", cwd=tmp_path / "sub")
    assert result.exit_code == 1 and "[override]" in result.stderr  # strict from the file
    result = run("score", "--no-strict", cwd=tmp_path / "sub")
    assert result.exit_code == 0 and result.stdout.startswith("area,area_name,driver")
    assert "Basic research" in result.stdout  # lang = "en"
    result = run("score", "--no-strict", "-f", "markdown", "--lang", "nb", cwd=tmp_path)
    assert result.stdout.startswith("| Mulighetsområde")


def test_bad_settings_are_located_errors(run: Run, tmp_path: Path) -> None:
    write_project(tmp_path, 'langauge = "en"\nstrict = "yes"\n')
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'pyproject.toml'}:5:1: error: unknown key 'langauge' in [tool.veikart] [config]" in result.stderr
    )
    assert "did you mean 'lang'?" in result.stderr
    assert (
        "pyproject.toml:6:1: error: 'strict' in [tool.veikart] must be true or false, not 'yes' [config]"
        in result.stderr
    )


def test_a_setting_that_does_not_apply_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    write_project(tmp_path, 'format = "svg"\n')
    assert run("criteria", cwd=tmp_path).exit_code == 2


def test_broken_toml_is_located(run: Run, tmp_path: Path) -> None:
    write_project(tmp_path, "lang = \n")
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 1 and "pyproject.toml:5:8: error: not valid TOML" in result.stderr


def test_the_pre_commit_hooks_run_real_commands(run: Run, tmp_path: Path) -> None:
    """Run each hook as pre-commit would: its `files` pattern picks the changed files it gets."""
    import re
    import shutil

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"veikart-validate", "veikart-report-check"}
    roadmap = tmp_path / "roadmap"
    shutil.copytree(ROOT / "criteria", roadmap / "criteria")
    shutil.copytree(ROOT / "areas", roadmap / "areas")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yaml").write_text("on: [push]\n")
    broken = roadmap / "areas" / "2-digitale-hjemmetjenester.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("because:", "becuase:", 1), encoding="utf-8")
    changed = ["roadmap/areas/2-digitale-hjemmetjenester.yaml", ".github/ci.yaml", "README.md"]

    hook = hooks["veikart-validate"]
    given = [name for name in changed if re.search(hook["files"], name)] if hook["pass_filenames"] else []
    assert given == ["roadmap/areas/2-digitale-hjemmetjenester.yaml"]
    result = run(*hook["entry"].split()[1:], *given, cwd=tmp_path)
    assert result.exit_code == 1 and "2-digitale-hjemmetjenester.yaml:" in result.stderr, result.stderr
    assert "[unknown-key]" in result.stderr
    broken.write_text((ROOT / "areas" / broken.name).read_text(encoding="utf-8"), encoding="utf-8")
    assert run(*hook["entry"].split()[1:], *given, cwd=tmp_path).exit_code == 0

    report = hooks["veikart-report-check"]
    result = run(*report["entry"].split()[1:], "docs/trondheim-rapport.md")
    assert result.exit_code == 0, result.stderr


def test_whole_refuses_a_path_that_is_not_there_and_reads_nothing_else(run: Run, tmp_path: Path) -> None:
    # A missing path's roadmap was its parent folder: '--whole /nowhere' read the whole file system.
    result = run("validate", "--whole", str(tmp_path / "nowhere" / "a.yaml"), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith("a.yaml: error: no such file or folder [not-found]")
    assert "linked-folder" not in result.stderr and len(result.stderr.splitlines()) == 2
