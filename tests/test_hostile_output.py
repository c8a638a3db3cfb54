"""Issue 15, output findings: hostile names and reasons, end to end through the CLI.

Each test puts one hostile text into an area file (YAML double-quoted escapes give any
character) and checks the command shows it, and only shows it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, Run

AREA = ROOT / "areas" / "2-digitale-hjemmetjenester.yaml"


def data_with(tmp_path: Path, name: str, reason: str | None = None) -> Path:
    """The shipped framework and one area named `name` (and an override giving `reason`)."""
    (tmp_path / "criteria").mkdir()
    (tmp_path / "areas").mkdir()
    for path in (ROOT / "criteria").glob("*.yaml"):
        (tmp_path / "criteria" / path.name).write_bytes(path.read_bytes())
    text = AREA.read_text(encoding="utf-8").replace("  nb: Digitale hjemmetjenester", f"  nb: {json.dumps(name)}", 1)
    if reason is not None:
        text = text.replace(
            "  verdiskaping:\n",
            f"  verdiskaping:\n    override:\n      colour: green\n      reason: {json.dumps(reason)}\n",
            1,
        )
    (tmp_path / "areas" / "area.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return str(result.stdout)


def test_markup_in_a_name_is_shown_not_read(run: Run, tmp_path: Path) -> None:
    """High: `Velferd [/] omsorg` crashed score (exit 70); `[fase 2]` vanished; `[link=…]` linked."""
    data = data_with(tmp_path, "Velferd [/] omsorg [fase 2] [link=https://evil.example]x[/link]")
    for width in ("200", "30"):
        out = ok(run("score", str(data), env={"COLUMNS": width}))
        flat = re.sub(r"[\s│┃|]+", "", out)
        assert "Velferd[/]omsorg[fase2][link=https://evil.example]x[/link]" in flat
    ok(run("score", str(data), "--color", "always"))


def test_terminal_control_characters_are_shown_not_sent(run: Run, tmp_path: Path) -> None:
    """Medium: ESC/CSI/OSC, CR, bidi overrides and zero-width characters reached the terminal raw."""
    data = data_with(tmp_path, "A\x1b[2J\x1b]8;;https://x\x07B\rC\u202eD\u200bE\x9b31m", reason="R\x1b[31m\u2066")
    outputs = [
        ok(run("score", str(data))),
        ok(run("explain", "digitale-hjemmetjenester", "--data", str(data))),
        ok(run("score", "-f", "markdown", str(data))),
    ]
    gate = run("score", str(data), "--fail-on", "override")
    assert gate.exit_code == 3
    outputs.append(gate.stderr)
    for out in outputs:
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u202e\u2066]", out), repr(out)
    assert "␛" in outputs[0] and "⟨U+202E⟩" in outputs[1]


def test_a_newline_in_data_cannot_start_a_workflow_command(run: Run, tmp_path: Path) -> None:
    """Medium: a newline in a name or reason printed `::error …` lines from explain, the table, --fail-on."""
    data = data_with(tmp_path, "x\n::error::pwned\n::add-mask::y", reason="r\n::warning::z\n##[error]w")
    texts = [
        ok(run("explain", "digitale-hjemmetjenester", "--data", str(data))),
        ok(run("score", str(data))),
        ok(run("score", str(data), env={"COLUMNS": "30"})),
    ]
    gate = run("score", "-f", "json", str(data), "--fail-on", "override")
    texts.append(gate.stderr)
    for text in texts:
        for line in text.splitlines():
            assert not line.strip(" │┃|").startswith(("::", "##[")), line


def test_csv_cells_cannot_be_formulas(run: Run, tmp_path: Path) -> None:
    """Medium: CSV cells starting with = + - @ were written as they are."""
    data = data_with(tmp_path, '=HYPERLINK("http://evil.example","x")')
    out = ok(run("score", "-f", "csv", str(data)))
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out


def test_control_characters_keep_svg_and_html_well_formed(run: Run, tmp_path: Path) -> None:
    """Low: control characters made the SVG and HTML invalid XML."""
    from xml.etree import ElementTree

    data = data_with(tmp_path, "A\x01B\x1bC\x7f")
    for fmt in ("svg", "html"):
        out = ok(run("score", "-f", fmt, str(data)))
        ElementTree.fromstring(out.removeprefix("<!DOCTYPE html>\n"))
    ElementTree.fromstring(ok(run("report", "-f", "html", str(data))).removeprefix("<!DOCTYPE html>\n"))


def test_markdown_leaves_no_mention_reference_entity_or_link_live(run: Run, tmp_path: Path) -> None:
    """Low: Markdown left entities, @mentions, #refs and bare URLs live."""
    data = data_with(tmp_path, "@octocat #12 &amp; www.evil.example https://evil.example")
    for out in (ok(run("score", "-f", "markdown", str(data))), ok(run("report", str(data)))):
        assert "@octocat" not in out and "#12" not in out and "&amp; " not in out
        assert "www.evil" not in out and "https://evil" not in out
        assert "@&#8203;octocat" in out and "&amp;amp;" in out


def test_json_escapes_what_json_dumps_leaves_raw(run: Run, tmp_path: Path) -> None:
    data = data_with(tmp_path, "A\u202eB\x85C")
    out = ok(run("score", "-f", "json", str(data)))
    assert "\u202e" not in out and "\\u202e" in out
    assert json.loads(out)["areas"][0]["name"] == "A\u202eB\x85C"


@pytest.mark.xfail(
    strict=True,
    reason="checks/schema.py's schema_json dumps with ensure_ascii=False and no render/sanitize.json_text "
    "pass, so C1 and bidi controls in a driver's name or question reach the schema raw (fix outside render/)",
)
def test_schema_escapes_what_json_dumps_leaves_raw(run: Run, tmp_path: Path) -> None:
    data = data_with(tmp_path, "Digitale hjemmetjenester")
    criteria = next((data / "criteria").glob("*.yaml"))
    text = criteria.read_text(encoding="utf-8")
    assert "    name: {nb: Lokale behov, en: Local needs}" in text
    criteria.write_text(text.replace("{nb: Lokale behov,", '{nb: "Lokale\\u202e\\x9b31m behov",', 1), encoding="utf-8")
    out = ok(run("schema", "area", str(data)))
    assert "Lokale\u202e\x9b31m behov" in json.dumps(json.loads(out), ensure_ascii=False)  # the name, as written
    assert not re.search("[\x7f-\x9f\u202e]", out), re.findall("[\x7f-\x9f\u202e]", out)  # fails: raw
