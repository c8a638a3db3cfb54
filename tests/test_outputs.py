"""--output: its extension chooses the format, a contradicting --format is a usage error, '-' is stdout (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from veikart_cli.app.outputs import EXTENSIONS


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("m.md", "| Mulighetsområde"),
        ("m.markdown", "| Mulighetsområde"),
        ("m.html", "<!DOCTYPE html>"),
        ("m.svg", "<svg xmlns"),
        ("m.json", '{\n  "veikart"'),
        ("m.csv", "area,area_name,driver"),
        ("m.txt", "┃ Mulighetsområde"),
        ("m.TXT", "┃ Mulighetsområde"),
    ],
)
def test_the_extension_chooses_the_format(run: Run, tmp_path: Path, name: str, looks_like: str) -> None:
    target = tmp_path / name
    result = run("score", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(looks_like) or looks_like in target.read_text("utf-8")
    assert "\x1b[" not in target.read_text(encoding="utf-8")


def test_every_extension_names_a_format_some_command_has() -> None:
    from veikart_cli.render.formats import formats

    assert set(EXTENSIONS.values()) <= set(formats("matrix")) | set(formats("report"))


def test_report_follows_the_extension_too(run: Run, tmp_path: Path) -> None:
    html = tmp_path / "rapport.html"
    assert run("report", "-o", str(html)).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    markdown = tmp_path / "rapport.md"
    assert run("report", "-o", str(markdown)).exit_code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# ")
    for other in ("rapport.pdf", "matrise.xlsx", "rapport"):  # a name that says no format of the command's
        command = ("report",) if other.startswith("rapport") else ("score",)
        result = run(*command, "-o", str(tmp_path / other))
        assert result.exit_code == 2 and "cannot tell the format" in result.stderr and "--format" in result.stderr
        assert not (tmp_path / other).exists()
    given = tmp_path / "rapport.out"  # --format says it
    assert run("report", "-f", "markdown", "-o", str(given)).exit_code == 0
    assert given.read_text(encoding="utf-8") == markdown.read_text(encoding="utf-8")


def test_a_format_that_contradicts_the_extension_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "matrix.md"
    result = run("score", "-f", "html", "-o", str(target))
    assert result.exit_code == 2 and "contradicts" in result.stderr and ".md is markdown" in result.stderr
    assert not target.exists()
    result = run("criteria", "-o", str(tmp_path / "criteria.svg"))  # criteria draws no figure
    assert result.exit_code == 2 and "cannot write svg" in result.stderr
    result = run("report", "-o", str(tmp_path / "rapport.txt"))
    assert result.exit_code == 2 and "cannot write table" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("score", "-f", "markdown", "-o", str(target)).exit_code == 0  # agreeing is fine


def test_dash_is_stdout(run: Run, tmp_path: Path) -> None:
    result = run("score", "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["veikart"] == 1
    assert not (tmp_path / "-").exists()
    assert run("score", "-o", "-", cwd=tmp_path).stdout.count("Mulighetsområde") >= 1
    assert not (tmp_path / "-").exists()
    assert run("report", "-f", "docx", "-o", "-", cwd=tmp_path).stdout_bytes.startswith(b"PK")
