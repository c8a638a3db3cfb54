"""Hostile text through every output kind: it may only ever show, never act.

One strategy of hostile strings feeds every sanitiser (property tests), then a fuzz run puts
the same kind of strings into names, reasons, quotes and labels of a whole data set and
through every renderer. VEIKART_FUZZ sets how many strings the fuzz run uses (200 by
default; the issue's 10 000: VEIKART_FUZZ=10000).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from renders import criteria_bytes, criteria_text, matrix_bytes, matrix_text, report_bytes, report_text

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.diff import diff
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.types import ChecklistRule, CompositeRule, LevelRule, Rule, Source, Text
from veikart_cli.problems import Location, Problem, Severity
from veikart_cli.render import sanitize
from veikart_cli.render.diff import diff_json, diff_markdown, diff_text
from veikart_cli.render.explain import explain
from veikart_cli.render.problems import problems_github, problems_json, problems_summary, problems_text

PIECES = [
    "\x1b[31m",
    "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "\x1b[2J",
    "\x9b31m",
    "\r",
    "\n",
    "\r\n",
    "\n::error::pwned",
    "::add-mask::x",
    "##[error]x",
    "::",
    "%0A",
    "[/]",
    "[bold]",
    "[link=https://x]",
    "[/link]",
    "\\",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\u034f",  # default-ignorable and format characters beyond the obvious ones
    "\u180b",
    "\u2065",
    "\u0600",
    "\U0001d173",
    "\U000e0100",
    "\x00",
    "\x7f",
    "\x85",
    "\t",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(1)",
    "@octocat",
    "#123",
    "GH-1",
    "www.example.com",
    "https://example.com",
    "javascript:alert(1)",
    "&amp;",
    "&#x41;",
    "<script>alert(1)</script>",
    "]]>",
    "<!--",
    "*em*",
    "_u_",
    "`code`",
    "|",
    "> ",
    "# ",
    "1. ",
    "- ",
    "Velferd [/] omsorg",
    "Helsedata [fase 2]",
    "\U0001f7e2",
    "æøå",
    " ",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=8).map("".join)

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff"
    "\u034f\u180b\u2065\u0600\U0001d173\U000e0100]"
)


def no_control(text: str, allowed: str = "\n") -> bool:
    return all(c in allowed for c in CONTROL.findall(text))


@settings(deadline=None)
@given(hostile)
def test_terminal_text_is_one_plain_line(text: str) -> None:
    shown = sanitize.terminal(text)
    assert no_control(shown, allowed="")
    assert "\n" not in shown and "\r" not in shown


@settings(deadline=None)
@given(hostile)
def test_rich_never_reads_data_as_markup(text: str) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), width=10_000, color_system=None, record=True)
    console.print(Text(sanitize.terminal(text)), end="", soft_wrap=True)
    assert console.export_text(styles=False) == sanitize.terminal(text)  # every character shown as given


@settings(deadline=None)
@given(hostile)
def test_github_workflow_data_cannot_start_a_command(text: str) -> None:
    data, prop = sanitize.github_data(text), sanitize.github_property(text)
    assert "\n" not in data and "\r" not in data and no_control(data, "")
    assert ":" not in prop and "," not in prop and "\n" not in prop


MARKUP = re.compile(r"<(?!/?p>|br\s*/?>)")  # any tag but the paragraph and line breaks


@settings(deadline=None)
@given(hostile)
def test_markdown_shows_text_only(text: str) -> None:
    from markdown_it import MarkdownIt

    inline, cell = sanitize.markdown_inline(text), sanitize.markdown_cell(text)
    for shown, page in ((inline, inline), (cell, f"| h |\n| - |\n| {cell} |\n")):
        assert no_control(shown, "")
        html = MarkdownIt("commonmark").enable("table").render(page)
        html = re.sub(r"</?(table|thead|tbody|tr|th|td)>", "", html)
        assert not MARKUP.search(html), (text, shown, html)  # no emphasis, link, code, heading, list, HTML
        bare = shown.replace("&#8203;", "")
        assert not re.search(r"&(?!amp;)", bare), shown  # no entity but our own
        marked = shown.replace("&#8203;", "\u200b")
        assert not re.search(r"@(?!\u200b)|#(?=\w)|(?i:www)\.|(?i:https?):", marked), shown


@settings(deadline=None)
@given(hostile)
def test_csv_cells_are_never_formulas(text: str) -> None:
    shown = sanitize.csv_cell(text)
    assert not shown.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert no_control(shown)
    out = io.StringIO()
    csv.writer(out).writerow([shown])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [shown]


@settings(deadline=None)
@given(hostile)
def test_xml_text_is_well_formed_text(text: str) -> None:
    shown = sanitize.xml_text(text)
    element = ElementTree.fromstring(f'<a b="{shown}">{shown}</a>')
    assert len(element) == 0 and no_control(element.text or "", "\n\r")


@settings(deadline=None)
@given(hostile)
def test_json_text_is_lossless_and_plain(text: str) -> None:
    dumped = sanitize.json_text({"x": text})
    assert json.loads(dumped) == {"x": text} and no_control(dumped)  # the only line breaks: the indent's


# --- the fuzz run: hostile strings in a whole data set, through every renderer ------------------


def shipped(folder: Path = ROOT) -> DataSet:
    from veikart_cli.problems import Problems

    problems = Problems()
    dataset = load_dataset(find_inputs([folder], problems), folder, problems)
    assert dataset is not None and not problems.has_errors
    return dataset


# The batches take turns: the shipped framework, then two examples with an overall colour (a
# composite driver in one, states in the other), so the overall's lines and columns get data too.
BASES = (ROOT, ROOT / "examples" / "energiomstilling", ROOT / "examples" / "prosjektstatus")


def hostile_strings(count: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(0x250)] + ["\u202e", "\u2066", "\u200b", "\u2028", "\ufeff", "🟢"]
    strings = []
    for _ in range(count):
        parts = [rng.choice(PIECES) if rng.random() < 0.6 else rng.choice(alphabet) for _ in range(rng.randint(1, 8))]
        strings.append("".join(parts))
    return strings


def hostile_dataset(base: DataSet, names: list[str]) -> DataSet:
    """The shipped areas again and again, every text a reader sees replaced by hostile text."""
    areas = []
    for i, name in enumerate(names):
        area = base.areas[i % len(base.areas)]
        evidence = tuple(
            e._replace(
                because=Text.of(name),
                sources=tuple(s._replace(quote=name, section=name) for s in e.sources),
                override=e.override._replace(reason=Text.of(name)) if e.override else None,
            )
            for e in area.evidence
        )
        areas.append(area._replace(id=f"a{i}", name=Text.of(name), evidence=evidence, section=name))
    framework = base.framework
    drivers = tuple(
        d._replace(
            name=Text.of(names[0]),
            short=Text.of(names[-1]),
            question=Text.of(names[2 % len(names)]),
            rule=hostile_rule(d.rule, names[3 % len(names)]),
        )
        for d in framework.drivers
    )
    scale = tuple(c._replace(label=Text.of(names[1 % len(names)])) for c in framework.scale)
    caveat = Source(names[-1], names[0], Location("c.yaml", 1, 1))
    framework = framework._replace(
        title=Text.of(names[0]), drivers=drivers, scale=scale, caveat=caveat, note=Text.of(names[-1])
    )
    framework = framework._replace(provenance=Text.of(names[1 % len(names)]))
    return DataSet(framework, tuple(areas))


def hostile_rule(rule: Rule, name: str) -> Rule:
    """A composite's part names and a checklist's element aliases as hostile text (the schema shows both)."""
    if isinstance(rule, CompositeRule):
        return rule._replace(parts=tuple(p._replace(name=Text.of(f"{name}{p.id}")) for p in rule.parts))
    if isinstance(rule, ChecklistRule):
        return rule._replace(elements=tuple(e._replace(aliases=(f"{name}{e.id}",)) for e in rule.elements))
    return rule


def rendered(dataset: DataSet, old: DataSet) -> dict[str, str]:
    """Every text output of every renderer for this data set."""
    from veikart_cli.checks.schema import area_schema
    from veikart_cli.render.data import schema_text
    from veikart_cli.render.terminal import rich_criteria, rich_matrix

    matrix = score(dataset.framework, dataset.areas)
    changes = diff(score(old.framework, old.areas), matrix)
    nb = dataset.framework.language("nb")
    out: dict[str, str] = {}
    for fmt in ("markdown", "json", "csv", "html", "svg"):
        out[f"score {fmt}"] = matrix_text(matrix, fmt, "nb")
    for fmt in ("markdown", "json", "csv", "html"):
        out[f"criteria {fmt}"] = criteria_text(dataset.framework, fmt, "nb")
    for fmt in ("markdown", "html"):
        out[f"report {fmt}"] = report_text(matrix, fmt, "nb")
    for name, renderable in (
        ("score table", rich_matrix(matrix, nb)),
        ("criteria table", rich_criteria(dataset.framework, nb)),
    ):
        for width in (200, 40):  # a table, and the stacked layout
            out[f"{name} {width}"] = printed(renderable, width)
            out[f"{name} {width} colour"] = printed(renderable, width, "truecolor" if width > 100 else "standard")
        out[f"{name} unwrapped"] = printed(renderable, 10_000)
    out["explain"] = "".join(explain(matrix, a.id, None, nb) for a in dataset.areas[:20])
    labels = (dataset.areas[0].name.get("nb"), dataset.areas[-1].name.get("nb"))
    out["diff text"] = diff_text(changes, labels, nb)
    out["diff markdown"] = diff_markdown(changes, labels, nb)
    out["diff json"] = diff_json(changes, labels, nb)
    out.update(what_if_and_gates(dataset, matrix))
    found = [
        Problem(Location(a.name.get("nb"), 1, 1), Severity.ERROR, "code", a.section, a.name.get("nb"))
        for a in dataset.areas
    ]
    out["problems text"] = problems_text(found)
    out["problems github"] = problems_github(found)
    out["problems json"] = problems_json(found)
    out["problems summary"] = problems_summary(found, "v")
    out["schema"] = schema_text(area_schema(dataset.framework))
    return out


def printed(renderable: object, width: int, colour: str | None = None) -> str:
    """What a terminal is sent, as `veikart score` prints a table (app/commands.py: deliver_rich)."""
    from rich.console import Console

    console = Console(
        file=io.StringIO(), width=width, force_terminal=colour is not None, color_system=colour, highlight=False
    )
    for segment in console.render(renderable) if colour else ():  # escapes come only from rich's styles
        assert no_control(segment.text), (segment.text, CONTROL.findall(segment.text)[:5])
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def what_if_and_gates(dataset: DataSet, before: Matrix) -> dict[str, str]:
    """The lines `score --set` and `score --fail-on` print: every area's level driver set to
    a level of another colour (by id), a few by the area's hostile name, every condition gated."""
    from veikart_cli.app.whatif import WhatIfError, parse_change
    from veikart_cli.engine.diff import moved
    from veikart_cli.engine.gates import conditions, failing
    from veikart_cli.engine.whatif import fold, what_if
    from veikart_cli.engine.whatif import names as known_names
    from veikart_cli.render.diff import gate_lines, what_if_lines

    driver = next(d for d in dataset.framework.drivers if isinstance(d.rule, LevelRule))
    assert isinstance(driver.rule, LevelRule)
    settings, levels = [], driver.rule.levels
    for area, cells in before.rows:
        cell = next(c for c in cells if c.driver.id == driver.id)
        level = next((lv for lv in levels if lv.colour not in cell.computed), levels[0])
        settings.append(f"{area.id}.{driver.id}={level.id}")
    for area in dataset.areas[:10]:  # by name: found, or a WhatIfError (a name holding '=' cannot be typed)
        name = area.name.get("nb")
        try:
            change = parse_change(dataset, f"{name}.{driver.id}={levels[0].id}")
        except WhatIfError:
            assert "=" in name, name
        else:
            assert fold(name) in {fold(n) for n in known_names(change.area)}, name
    after = score(*what_if(dataset, [parse_change(dataset, s) for s in settings]))
    pairs = moved(before, after)
    assert pairs, "the what-if moved no cell"
    nb = after.framework.language("nb")
    lines = what_if_lines(before, after, nb)
    wanted = list(conditions(dataset.framework))
    hits = failing(after, wanted)
    gates = gate_lines(after, hits, wanted, nb)
    summary = re.fullmatch(r"(\d+) av (\d+) celler treffer --fail-on .*", gates[-1])
    assert summary and int(summary[1]) == len(hits) <= int(summary[2]), gates[-1]  # never "500 av 400"
    return {"what-if lines": "\n".join(lines) + "\n", "gate lines": "\n".join(gates)}


SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's colours (printed() checked that data sent none); no other escape


def check_output(kind: str, text: str, names: list[str]) -> None:
    if kind.endswith("colour"):
        text = SGR.sub("", text)
    if kind == "schema":  # JSON that holds the data's text as written
        strings = set(json_strings(json.loads(text)))
        assert any(names[0] in s for s in strings) and any(names[2 % len(names)] in s for s in strings)
        return  # its C1 and bidi controls: test_hostile_output.py::test_schema_escapes_what_json_dumps_leaves_raw
    assert no_control(text), (kind, CONTROL.findall(text)[:5])
    if kind.endswith(("html", "svg")):
        ElementTree.fromstring(text.removeprefix("<!DOCTYPE html>\n"))
        assert "<script" not in text and '<a href="http' not in text
    elif kind.endswith("json"):
        json.loads(text)
    elif kind.endswith("csv"):
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    elif kind.endswith(("markdown", "summary")):
        marked = text.replace("&#8203;", "\u200b")
        assert not re.search(r"@(?!\u200b)|(?i:https?):|(?i:www)\.|(?<!\\)<(?!br>)", marked), kind
    elif kind.endswith("github"):
        assert all(line.startswith("::error file=") for line in text.splitlines())
    else:  # terminal text: every line starts with the renderer's own words, never with data
        assert "\x1b" not in text and not any(line.lstrip().startswith("::") for line in text.splitlines())


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def check_terminal_shows_all(out: dict[str, str], dataset: DataSet) -> None:
    """No text lost to markup: each name, heading and label shows in the tables, as terminal() gives it.

    Unwrapped, each is there as one piece; in the stacked layout, with only the line breaks between."""
    lang, framework = "nb", dataset.framework
    areas = [sanitize.terminal(a.name.get(lang)) for a in dataset.areas]
    drivers = [sanitize.terminal(d.name.get(lang)) for d in framework.drivers]
    colours = [sanitize.terminal(f"{c.symbol} {c.label.get(lang)}") for c in framework.scale]
    title = sanitize.terminal(framework.title.get(lang))
    for kind, wanted in (("score table", [title, *areas]), ("criteria table", [title, *drivers, *colours])):
        unwrapped = out[f"{kind} unwrapped"]
        assert "┃ " in unwrapped, "not a table"
        for text in wanted:
            assert text.strip() in unwrapped, (kind, text)
        stacked = "".join(out[f"{kind} 40"].split())
        for text in wanted:
            assert "".join(text.split()) in stacked, (kind, text)
        for width in (200, 40):  # the colours change no character
            assert SGR.sub("", out[f"{kind} {width} colour"]) == out[f"{kind} {width}"], (kind, width)


def docx_outputs(dataset: DataSet, matrix: Matrix) -> dict[str, tuple[bytes, list[str]]]:
    """Each Word document with the data texts it must show. The report takes ~0.1 s an area
    (python-docx looks its styles up by name), so it gets the first few areas only."""
    lang = "nb"
    few = score(dataset.framework, dataset.areas[:6])
    return {
        "score docx": (matrix_bytes(matrix, "docx", lang), [a.name.get(lang) for a in dataset.areas]),
        "criteria docx": (
            criteria_bytes(dataset.framework, "docx", lang),
            [dataset.framework.title.get(lang), *(d.name.get(lang) for d in dataset.framework.drivers)],
        ),
        "report docx": (report_bytes(few, "docx", lang), [a.name.get(lang) for a in dataset.areas[:6]]),
    }


def check_docx(kind: str, data: bytes, shown: list[str]) -> None:
    """Every XML part well-formed, no control character in any text or attribute, and the
    document opens with python-docx and shows each text (spacing aside, hidden ones visible)."""
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            if not part.endswith((".xml", ".rels")):
                continue  # python-docx's template thumbnail
            root = ElementTree.fromstring(archive.read(part))
            for element in root.iter():
                for text in (element.text or "", element.tail or "", *element.attrib.values()):
                    assert no_control(text), (kind, part, element.tag, CONTROL.findall(text)[:5])
    document = docx.Document(io.BytesIO(data))
    words = [p.text for p in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    everything = "".join("".join(words).split())
    for text in shown:
        assert sanitize.visible("".join(text.split())) in everything, (kind, text)


FUZZ = int(os.environ.get("VEIKART_FUZZ", "200"))
BATCH = 100


@pytest.mark.parametrize("batch", range(max(1, FUZZ // BATCH)))
def test_fuzz_every_renderer_with_hostile_strings(batch: int) -> None:
    """Hostile strings through every renderer: the text outputs (score, criteria and report in
    every format, the terminal tables with and without colour, explain, diff, the what-if and
    --fail-on lines, problems, the area schema) and the Word documents."""
    base = shipped(BASES[batch % len(BASES)])
    names = hostile_strings(BATCH, seed=batch)
    dataset = hostile_dataset(base, names)
    old = hostile_dataset(base, names[: BATCH // 2])
    out = rendered(dataset, old)
    for kind, text in out.items():
        check_output(kind, text, names)
    check_terminal_shows_all(out, dataset)
    for kind, (data, shown) in docx_outputs(dataset, score(dataset.framework, dataset.areas)).items():
        check_docx(kind, data, shown)
