"""Issue 15, output findings: hostile names and reasons, end to end through the CLI.

Each test puts one hostile text into an area file (YAML double-quoted escapes give any
character) and checks the command shows it, and only shows it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT, Run

AREA = ROOT / "areas" / "2-digitale-hjemmetjenester.yaml"


def data_with(tmp_path: Path, name: str, reason: str | None = None, *, scalar: bool = False) -> Path:
    """The shipped framework and one area named `name` (and an override giving `reason`);
    with `scalar`, both are YAML scalars written as they stand (e.g. with "\\e" escapes)."""
    (tmp_path / "criteria").mkdir()
    (tmp_path / "areas").mkdir()
    for path in (ROOT / "criteria").glob("*.yaml"):
        (tmp_path / "criteria" / path.name).write_bytes(path.read_bytes())
    quoted = (lambda text: text) if scalar else json.dumps
    text = AREA.read_text(encoding="utf-8").replace("  nb: Digitale hjemmetjenester", f"  nb: {quoted(name)}", 1)
    if reason is not None:
        text = re.sub(r"    override:\n(?:      .*\n)+", "", text, count=1)  # the shipped judgement gives way
        text = text.replace(
            "  verdiskaping:\n",
            f"  verdiskaping:\n    override:\n      colour: green\n      reason: {quoted(reason)}\n",
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


# One text with every kind of escape, as a YAML double-quoted scalar (YAML's own escapes: \e ESC,
# \a BEL, \r, \n) and as the text it reads as: CSI colour and clear screen, an OSC 8 link, a bidi
# override and isolate, a carriage return, and newlines starting workflow commands.
YAML_ESCAPES = r'"\e[31mX\e[2J\e]8;;https://evil.example\aL\e]8;;\a\u202eY\u2066\rZ\n::add-mask::x\n::error::y"'
ESCAPED = "\x1b[31mX\x1b[2J\x1b]8;;https://evil.example\x07L\x1b]8;;\x07\u202eY\u2066\rZ\n::add-mask::x\n::error::y"
REASON = YAML_ESCAPES.replace("31mX", "32mR", 1)  # the same escapes, told apart from the name by "R"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")  # but newline


def shows_only(text: str) -> None:
    """No raw control or bidi character, and no line that a CI runner would read as a command."""
    assert not RAW.search(text), RAW.findall(text)
    for line in text.splitlines():
        assert not line.strip(" │┃|").startswith(("::", "##[")), line


def test_what_if_lines_show_escapes_in_a_name_and_a_reason(run: Run, tmp_path: Path) -> None:
    """`score --set`: the what-if lines (stderr) name the area; the table (stdout) keeps the override's reason."""
    data = data_with(tmp_path, YAML_ESCAPES, reason=REASON, scalar=True)
    assert json.loads(ok(run("score", "-f", "json", str(data))))["areas"][0]["name"] == ESCAPED  # read as meant
    for area in ("digitale-hjemmetjenester", ESCAPED):  # by id, and by the name itself
        for setting in ("lokale-behov=fokus", "verdiskaping=2 mrd"):  # a plain cell; the overridden one
            result = run("score", str(data), "--set", f"{area}.{setting}", env={"COLUMNS": "100"})
            out = ok(result)
            lines = result.stderr.splitlines()
            assert lines and all(line.startswith("hva om: ") for line in lines), lines
            assert "␛[31mX␛[2J␛]8;;https://evil.example␇L␛]8;;␇⟨U+202E⟩Y⟨U+2066⟩␍Z :∶add-mask:∶x" in lines[0]
            shows_only(result.stderr)
            shows_only(out)
    overridden = run("score", str(data), "--set", "digitale-hjemmetjenester.lokale-behov=fokus")
    assert "␛[32mR" in "".join(ok(overridden).split())  # the reason, in the notes under the table


def test_validate_shows_escapes_in_its_messages(run: Run, tmp_path: Path) -> None:
    """`validate`: an unknown key and an unknown level, each quoting the escapes, located; as
    text and as GitHub workflow commands (one command a problem, the data never a line of its own)."""
    data = data_with(tmp_path, YAML_ESCAPES, scalar=True)
    area = data / "areas" / "area.yaml"
    text = area.read_text(encoding="utf-8")
    assert text.count("    level: prioritert\n") == 1
    text = text.replace("    level: prioritert\n", f"    level: {YAML_ESCAPES}\n")
    area.write_text(text.replace('section: "4.3.2"\n', f'section: "4.3.2"\n{YAML_ESCAPES}: 1\n', 1), encoding="utf-8")
    result = run("validate", str(data))
    assert result.exit_code == 1, result.output
    shows_only(result.output)
    errors = re.findall(
        r"^\S*area\.yaml:\d+:\d+: error: (unknown key|unknown level) '␛\[31mX", result.stderr, re.MULTILINE
    )
    assert errors == ["unknown key", "unknown level"], result.stderr
    github = run("validate", "-f", "github", str(data))
    assert github.exit_code == 1 and not RAW.search(github.output), RAW.findall(github.output)
    commands = github.stdout.splitlines()
    assert len(commands) == 2 and all(
        re.match(r"::error file=[^:]*area\.yaml,line=\d+,col=\d+,title=", c) for c in commands
    )
    assert all("Z%0A::add-mask::x%0A::error::y'" in c for c in commands), commands  # inside the message
    shows_only(github.stderr)  # the summary line


def test_diff_shows_escapes_in_names_and_reasons(run: Run, tmp_path: Path) -> None:
    """`diff OLD NEW` (two folders): a renamed area whose cells changed (a level, and an override
    added, its reason escaped too) and an added area, both named with escapes, in every diff format."""
    (tmp_path / "old").mkdir(), (tmp_path / "new").mkdir()
    old = data_with(tmp_path / "old", "Digitale hjemmetjenester")
    new = data_with(tmp_path / "new", YAML_ESCAPES, reason=REASON, scalar=True)
    area = new / "areas" / "area.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("    level: prioritert\n", "    level: fokus\n", 1))
    added = (ROOT / "areas" / "5-grunnforskning.yaml").read_text(encoding="utf-8")
    name = re.search(r"^  nb: .*$", added, re.MULTILINE)
    assert name is not None
    (new / "areas" / "added.yaml").write_text(added.replace(name.group(), f"  nb: {YAML_ESCAPES}", 1), encoding="utf-8")
    text = ok(run("diff", str(old), str(new), env={"COLUMNS": "60"}))
    shows_only(text)
    lines = text.splitlines()
    assert sum(line.startswith("~ ␛[31mX") for line in lines) == 2, lines  # the level and the override
    assert sum(line.startswith("+ ␛[31mX") for line in lines) == 1, lines
    for fmt in ("markdown", "json"):
        out = ok(run("diff", "-f", fmt, str(old), str(new)))
        assert not RAW.search(out), (fmt, RAW.findall(out))
    changes = json.loads(ok(run("diff", "-f", "json", str(old), str(new))))
    assert changes["areas_added"] == ["grunnforskning"] and len(changes["changes"]) == 2


def test_schema_escapes_what_json_dumps_leaves_raw(run: Run, tmp_path: Path) -> None:
    data = data_with(tmp_path, "Digitale hjemmetjenester")
    criteria = next((data / "criteria").glob("*.yaml"))
    text = criteria.read_text(encoding="utf-8")
    assert "    name: {nb: Lokale behov, en: Local needs}" in text
    criteria.write_text(text.replace("{nb: Lokale behov,", '{nb: "Lokale\\u202e\\x9b31m behov",', 1), encoding="utf-8")
    out = ok(run("schema", "area", str(data)))
    assert "Lokale\u202e\x9b31m behov" in json.dumps(json.loads(out), ensure_ascii=False)  # the name, as written
    assert not re.search("[\x7f-\x9f\u202e]", out), re.findall("[\x7f-\x9f\u202e]", out)
    assert "untranslated" not in out  # the drivers' names in the framework's language (nb)
    english = json.loads(ok(run("schema", "area", "--lang", "en", str(data))))
    assert english["properties"]["evidence"]["properties"]["lokale-behov"]["description"].startswith("Local needs: ")
