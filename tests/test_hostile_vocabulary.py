"""The framework's `vocabulary` words are data: every command and format shows them, and only shows them.

Each word of the shipped framework's Norwegian vocabulary is replaced by one hostile text (its
`{fields}` kept, so the framework stays valid): terminal escapes (CSI, OSC), C1, bidi, NUL,
zero-width characters, and newlines that would start a workflow command in a CI log.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT, Run

from veikart_cli.model.vocabulary import BUILTIN, fields

# Escapes a terminal acts on, the characters that hide or reorder text, and line starts a CI runner reads.
PAYLOAD = (
    "\x1b[31m\x1b]0;title\x07\x9b2J\u202e\u2066\x00\u200b\u034f\U000e0100\n::error::x\n##[warning]y\r::add-mask::z"
)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\u034f\U000e0100]")  # but newline


def hostile(key: str, value: str | tuple[str, str]) -> object:
    """The built-in word with the payload inside, keeping its `{fields}`."""
    if isinstance(value, tuple):
        return {"one": hostile(key, value[0]), "other": hostile(key, value[1])}
    kept = " ".join("{" + name + "}" for name in sorted(fields(value)))
    return f"{key}{PAYLOAD}{kept}"


def yaml_quoted(value: object) -> str:
    """A YAML double-quoted scalar (or a flow mapping of them) holding exactly this text."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_quoted(v)}" for k, v in value.items()) + "}"

    def escape(char: str) -> str:
        code = ord(char)
        if char in '"\\':
            return "\\" + char
        if 0x20 <= code < 0x7F or char in "æøåÆØÅ":
            return char
        return f"\\U{code:08X}" if code > 0xFFFF else f"\\u{code:04X}"

    return '"' + "".join(escape(c) for c in str(value)) + '"'


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vocabulary")
    (folder / "criteria").mkdir()
    (folder / "areas").mkdir()
    for path in (ROOT / "areas").glob("*.yaml"):
        (folder / "areas" / path.name).write_bytes(path.read_bytes())
    words = {key: hostile(key, value) for key, value in BUILTIN["nb"].items()}
    vocabulary = "vocabulary:\n  nb:\n" + "".join(f"    {key}: {yaml_quoted(w)}\n" for key, w in words.items())
    framework = (ROOT / "criteria" / "trondheim-helse-2021.yaml").read_text(encoding="utf-8")
    (folder / "criteria" / "f.yaml").write_text(
        framework.replace("\nscale:", f"\n{vocabulary}scale:", 1), encoding="utf-8"
    )
    return folder


def shows_only(text: str) -> None:
    """No raw control, bidi or zero-width character, and no line a CI runner would read as a command."""
    assert not RAW.search(text), sorted(set(RAW.findall(text)))
    for line in text.splitlines():
        assert not line.strip(" │┃|").startswith(("::", "##[")), line


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, (result.exit_code, result.output)
    return str(result.stdout)


@pytest.mark.parametrize("width", ["200", "60", "20"])  # wide table, wrapped table, stacked blocks
def test_terminal_tables_show_the_words(run: Run, data: Path, width: str) -> None:
    for command in (("score", str(data)), ("criteria", str(data)), ("explain", "grunnforskning", "--data", str(data))):
        out = ok(run(*command, env={"COLUMNS": width}))
        shows_only(out)
        assert "␛" in out  # the payload shown, not dropped


def test_the_fail_on_summary_shows_the_words(run: Run, data: Path) -> None:
    for condition in ("override", "uncertain", "inferred", "red"):
        gate = run("score", str(data), "--fail-on", condition, "-f", "json")
        assert gate.exit_code == 3, gate.output
        shows_only(gate.stderr)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json", "html", "svg"])
def test_every_text_format_shows_the_words(run: Run, data: Path, fmt: str) -> None:
    outputs = [ok(run("score", "-f", fmt, str(data)))]
    if fmt in ("markdown", "html"):
        outputs += [ok(run("report", "-f", fmt, str(data))), ok(run("criteria", "-f", fmt, str(data)))]
    for out in outputs:
        shows_only(out)
        if fmt in ("html", "svg"):
            ElementTree.fromstring(out.removeprefix("<!DOCTYPE html>\n"))


def test_word_documents_hold_the_words_shown(run: Run, data: Path) -> None:
    pytest.importorskip("docx")
    import io
    import zipfile

    for command in ("report", "score", "criteria"):
        result = run(command, "-f", "docx", str(data))
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    text = archive.read(name).decode()  # a zip member: never printed to a log
                    assert not RAW.search(text), (name, sorted(set(RAW.findall(text))))
                    ElementTree.fromstring(text)
