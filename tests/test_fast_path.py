"""The fast path (libyaml's C composer) and the careful path (the event builder) read alike.

Whatever a text is, reading it as `validate` does (fast path first, the careful path for the
unusual and for anything with a problem) gives the same area and the same problems, every
byte of them, as the careful path alone; and where the fast path takes a file, its nodes are
the careful path's.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import shape

from veikart_cli.model.areas import read_area
from veikart_cli.model.evidence import Area
from veikart_cli.model.frameworks import read_framework
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import Framework
from veikart_cli.problems import Problems
from veikart_cli.syntax import nodes
from veikart_cli.syntax.nodes import Mapping, Node, Refusing, Scalar, Unusual

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT, *sorted(path for path in (ROOT / "examples").iterdir() if path.is_dir())]
FILES = [(folder, area) for folder in FOLDERS for area in sorted((folder / "areas").glob("*.yaml"))]
# What edits insert: YAML's indicators, and what makes a file unusual
PIECES = ["\t", "#", " #", "&a ", "*a", "!", "!!str ", "'", '"', "[", "]", "{", "}", ", ", "-", " - ", ": ", "\n"]
PIECES += ["  ", "|", ">-\n\n", "<<: ", "%", "x", "ja", "\r", "\u2028", "\u200b", "\n---\n", "? "]


@cache
def framework(folder: Path) -> Framework:
    (path,) = (folder / "criteria").glob("*.yaml")
    problems = Problems()
    text = path.read_text(encoding="utf-8")
    found = nodes.type_text(text, path.name, problems, lambda root, sink: read_framework(root, path.name, sink))
    assert found is not None, [str(p) for p in problems.items]
    return found


def said(problems: Problems) -> list[str]:
    return [f"{p.severity.value} {p}" for p in problems.sorted()]


def both_ways(text: str, folder: Path) -> None:
    known = framework(folder)

    def typed(root: Node, sink: Problems) -> Area | None:
        return read_area(root, "area.yaml", known, sink)

    as_validate = Problems()
    area = nodes.type_text(text, "area.yaml", as_validate, typed)
    careful = Problems()
    root = nodes.parse_text(text, "area.yaml", careful)
    expected = typed(root, careful) if root is not None else None
    assert area == expected
    assert said(as_validate) == said(careful)
    assert len(as_validate.items) == len(careful.items)  # the summary counts them
    fast = nodes.compose(text.removeprefix("\ufeff")) if nodes.ordinary(text) else None
    if fast is not None and not careful.items:
        assert shape(fast) == shape(root)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, Path]:
    """A shipped or example area file with a few characters, pieces or lines inserted or removed."""
    folder, path = draw(st.sampled_from(FILES))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "insert", "delete", "line", "repeat"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 4)) :]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            line = text[start:end]
            text = text[:start] + (line + line if kind == "repeat" else "") + text[end:]
    return text, folder


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_fast_and_careful_paths_read_edited_files_alike(case: tuple[str, Path]) -> None:
    both_ways(*case)


@pytest.mark.parametrize(("folder", "path"), FILES, ids=[f"{f.name}/{p.name}" for f, p in FILES])
def test_shipped_areas_take_the_fast_path_and_read_alike(folder: Path, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert nodes.ordinary(text)
    root = nodes.compose(text)
    assert root is not None
    try:
        read_area(root, path.name, framework(folder), Refusing())
    except Unusual as unusual:
        raise AssertionError(f"the fast path refused it: {unusual}") from None
    both_ways(text, folder)


AREA = (ROOT / "areas" / "1-foregangskommune.yaml").read_text(encoding="utf-8")
# Each edit makes the careful path report a problem that libyaml's composer and the typed walk
# alone would not see: the prefilter or the fast path's own checks must send the file on.
EDITS = {
    "duplicate-key": ('section: "4.3.1"\n', 'section: "4.3.1"\nsection: "4.3.1"\n'),
    "complex-key": ("id: foregangskommune", "[id]: foregangskommune"),
    "anchor": ("id: foregangskommune", "id: &a foregangskommune"),
    "tag": ("id: foregangskommune", "id: !!str foregangskommune"),
    "cut-by-comment": ("enn bærekraftsdimensjonen\n", "enn bærekraftsdimensjonen #x\n"),
    "glued-comment": ('section: "4.3.1"\n', 'section: "4.3.1"#x\n'),
    "lone-dash": ("actors: [Checkware, Infiniwell]", "actors: [Checkware, -]"),
    "quoted-lines": ('section: "4.3.1"\n', 'section: "4.3.\n1"\n'),
    "flow-lines": ("actors: [Checkware, Infiniwell]", "actors: [Checkware,\nInfiniwell]"),
    "tab": ("    amount: 200–300 MNOK", "  \t  amount: 200–300 MNOK"),
    "flow-mapping-lines": (
        "\n  nb: Foregangskommune for bærekraftige helse- og omsorgstjenester\n  en: Pioneer municipality for sustainable health and care services\n",
        " {nb: Foregangskommune for bærekraftige helse- og omsorgstjenester,\nen: Pioneer municipality for sustainable health and care services}\n",
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_what_only_the_careful_path_reports_is_reported(edit: str) -> None:
    old, new = EDITS[edit]
    assert old in AREA
    problems = Problems()
    text = AREA.replace(old, new, 1)
    found = nodes.type_text(text, "area.yaml", problems, lambda root, sink: read_area(root, "a", framework(ROOT), sink))
    assert found is None or problems.items
    assert problems.items
    both_ways(text, ROOT)


SUITE = json.loads((ROOT / "tests" / "fixtures" / "yaml-test-suite.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(SUITE["invalid"]))
def test_invalid_yaml_libyaml_accepts_never_takes_the_fast_path(case: str) -> None:
    text = SUITE["invalid"][case]
    root = nodes.compose(text) if nodes.ordinary(text) else None
    if root is not None:
        with pytest.raises(Unusual):
            walk(root)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n\t- 1\n",
        "- \tb\n",
        "<<: {a: 1}\n",
        "a: b\n" + " " * 64 + "c\n",
        "- - - x\n",
        "[" * 65 + "]" * 65,
    ],
)
def test_tabs_merge_keys_and_deep_nesting_take_the_careful_path(text: str) -> None:
    assert not nodes.ordinary(text)


def walk(root: Node) -> None:
    """Every mapping's pairs, every list and every text, as the reader sees them on the fast path."""
    reader = Reader(Refusing())
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, Mapping):
            pending += [value for _, value in reader.pairs(node)]
        elif isinstance(node, Scalar):
            reader.text(node, "text")
        else:
            pending += reader.sequence(node, "list")


def test_a_quoted_key_is_left_to_the_careful_path() -> None:
    # Valid only indented; where no schema check would notice the key (a framework's unit
    # names, say), the fast path must not accept it as libyaml does.
    text = '? "a\nb"\n: x\n'
    problems = Problems()
    assert nodes.parse_text(text, "f.yaml", problems) is None
    assert [p.code for p in problems.items] == ["yaml-syntax"]
    root = nodes.compose(text)
    assert nodes.ordinary(text) and root is not None
    with pytest.raises(Unusual):
        walk(root)
