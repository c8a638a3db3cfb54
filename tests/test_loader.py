"""The loader keeps every scalar as text, with its position, and refuses YAML's traps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from veikart_cli.problems import Location, Problems
from veikart_cli.syntax import nodes
from veikart_cli.syntax.nodes import CommentedScalar, Mapping, Node, Scalar, Sequence, parse_text, read_text


def load_file(path: Path, problems: Problems, name: str) -> Node | None:
    """One file read and parsed on the careful path, as `validate` does after a problem."""
    text = read_text(path, name, problems)
    return None if text is None else parse_text(text, name, problems)


def parse(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_text(text, "f.yaml", problems)
    return node, [f"{p.location}: {p.code}" for p in problems.sorted()]


def values(node: object) -> dict[str, str]:
    assert isinstance(node, Mapping)
    return {k.value: v.value for k, v in node.value if isinstance(v, Scalar)}


def shape(node: Node | None) -> object:
    """What a node holds, comparable: kind, text or items, place and style."""
    if node is None:
        return None
    place = (type(node).__name__, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, Scalar):
        return (*place, node.value, node.style or "")
    if isinstance(node, Mapping):
        return (*place, node.flow_style, [(shape(k), shape(v)) for k, v in node.value])
    return (*place, node.flow_style, [shape(item) for item in node.value])


def test_scalars_stay_text_whatever_yaml_1_1_would_guess() -> None:
    node, problems = parse("land: NO\nkommune: 0301\nversjon: 1.10\ndato: 2021-03-01\nja: yes\n")
    assert problems == []
    assert values(node) == {"land": "NO", "kommune": "0301", "versjon": "1.10", "dato": "2021-03-01", "ja": "yes"}


def test_positions_are_one_based_line_and_column() -> None:
    node, _ = parse("a:\n  - x\n  - {b: c}\n")
    assert isinstance(node, Mapping)
    key, seq = node.value[0]
    assert nodes.node_location("f.yaml", key) == Location("f.yaml", 1, 1)
    assert isinstance(seq, Sequence)
    assert nodes.node_location("f.yaml", seq.value[0]) == Location("f.yaml", 2, 5)
    inner = seq.value[1]
    assert isinstance(inner, Mapping) and nodes.node_location("f.yaml", inner.value[0][1]) == Location("f.yaml", 3, 9)


def test_plain_and_quoted_scalars_are_told_apart() -> None:
    node, _ = parse("a: NO\nb: 'NO'\n")
    assert isinstance(node, Mapping)
    assert [v.style for _, v in node.value] == ["", "'"]


def test_a_comment_after_plain_text_is_noticed() -> None:
    node, _ = parse("because: Kapittel 4.3 #viktig poeng\nquote: 'x' # fine\n")
    assert isinstance(node, Mapping)
    because, quote = (v for _, v in node.value)
    assert isinstance(because, CommentedScalar) and because.value == "Kapittel 4.3"
    assert type(quote) is Scalar


def test_duplicate_keys_are_errors_at_the_second_key() -> None:
    _, problems = parse("a: 1\nb: 2\na: 3\n")
    assert problems == ["f.yaml:3:1: duplicate-key"]


def test_anchors_aliases_tags_and_merge_keys_are_refused() -> None:
    assert parse("a: &x 1\nb: *x\n")[1] == ["f.yaml:1:4: anchor"]
    assert parse("a: !!str 1\n")[1] == ["f.yaml:1:4: tag"]
    assert parse("a: !viktig tekst\n")[1] == ["f.yaml:1:4: tag"]
    assert parse("<<: {a: 1}\n")[1] == ["f.yaml:1:1: merge-key"]


def test_an_alias_bomb_is_refused_at_its_first_anchor() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    node, problems = parse(bomb)
    assert node is None and problems == ["f.yaml:1:4: anchor"]


def test_document_shape_errors() -> None:
    assert parse("")[1] == ["f.yaml:1:1: empty-document"]
    assert parse("# only a comment\n")[1] == ["f.yaml:1:1: empty-document"]
    assert parse("a: 1\n---\nb: 2\n")[1] == ["f.yaml:2:1: multiple-documents"]
    assert parse("a:\n\tb: 1\n")[1] == ["f.yaml:2:1: tab"]
    assert parse("a: b: c\n")[1] == ["f.yaml:1:5: yaml-syntax"]
    assert parse("a: \x07\n")[1] == ["f.yaml:1:4: control-character"]


def test_a_tab_libyaml_refuses_gets_a_hint_about_tabs() -> None:
    # A tab alone on a blank line (valid YAML, DK95/04) is refused by libyaml in its own words
    problems = Problems()
    assert parse_text('a: "1"\n\t\nb: 2\n', "f.yaml", problems) is None
    assert [p.code for p in problems.items] == ["yaml-syntax"] and "tab" in problems.items[0].hint


def test_deep_nesting_stops_at_the_limit() -> None:
    # libyaml from PyYAML 6.0.4 on refuses 1 000 levels itself, before any event: still our code, our place
    node, problems = parse("[" * 5000 + "]" * 5000)
    assert node is None and problems == ["f.yaml:1:21: too-deep"]
    assert parse("x:\n  y: " + "{a: " * 2000 + "}" * 2000)[1] == ["f.yaml:2:78: too-deep"]


def test_deep_nesting_above_a_parsers_own_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where libyaml's limit comes first it is the place; without one (older libyaml) ours is
    from veikart_cli.syntax import careful

    monkeypatch.setattr(careful, "MAX_DEPTH", 3000)
    node, problems = parse("[" * 5000 + "]" * 5000)
    assert node is None and problems in (["f.yaml:1:1001: too-deep"], ["f.yaml:1:3001: too-deep"])


def test_files_bom_is_accepted_latin1_is_located(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffnavn: Nøtterøy\n".encode())
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: 1\nnavn: Nøtterøy\n".encode("latin-1"))
    problems = Problems()
    assert values(load_file(bom, problems, "bom.yaml")) == {"navn": "Nøtterøy"}
    assert load_file(latin, problems, "latin.yaml") is None
    assert [(str(p.location), p.code) for p in problems.items] == [("latin.yaml:2:8", "not-utf8")]


def test_unreadable_inputs_are_located_errors(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 1_000_001)
    problems = Problems()
    for path in (tmp_path, loop, big):
        assert load_file(path, problems, path.name) is None
    assert [p.code for p in problems.items] == ["not-a-file", "unreadable", "file-too-large"]


def test_tags_on_collections_are_refused_too() -> None:
    assert parse("a: !!map {b: 1}\n")[1] == ["f.yaml:1:4: tag"]
    assert parse("a: !!seq [1]\n")[1] == ["f.yaml:1:4: tag"]


def test_complex_keys_are_refused() -> None:
    assert parse("? [a, b]\n: c\n")[1] == ["f.yaml:1:3: complex-key"]


PARSER_CHILD = """
import json, sys
if sys.argv[1] == "pure":
    sys.modules["yaml._yaml"] = None  # as where libyaml is missing
import yaml
assert hasattr(yaml, "CBaseLoader") == (sys.argv[1] == "c")
import veikart_cli as veikart
found = []
for path in sys.argv[2:]:
    loaded = veikart.load(path)
    found.append([str(p) for p in loaded.problems] + [repr(loaded.dataset)])
print(json.dumps(found))
"""


def test_the_pure_python_parser_gives_the_same_data_and_problems() -> None:
    """Without libyaml veikart falls back to PyYAML's pure-Python parser: same results, slower."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    cases = sorted(p for p in (root / "tests" / "fixtures" / "invalid").iterdir() if p.is_dir())
    paths = [str(root)] + [str(c if (c / "criteria").is_dir() else c / "areas") for c in cases]

    def outcome(parser: str) -> object:
        done = subprocess.run(
            [sys.executable, "-c", PARSER_CHILD, parser, *paths], capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    assert outcome("c") == outcome("pure")


SUITE = json.loads((Path(__file__).parent / "fixtures" / "yaml-test-suite.json").read_text(encoding="utf-8"))
STRUCTURE = {"yaml-syntax", "tab", "tag", "multiple-documents"}  # what the file is, not what it says


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("case", sorted(SUITE["invalid"]))
def test_invalid_yaml_libyaml_lets_through_is_a_syntax_error(case: str, newline: str) -> None:
    # Each was accepted by libyaml and then misread (a glued comment dropped, a line at the
    # margin joined to a quote); now located as the syntax it is, never as a shape problem
    problems = Problems()
    assert parse_text(SUITE["invalid"][case].replace("\n", newline), "f.yaml", problems) is None
    assert problems.items and {p.code for p in problems.items} <= STRUCTURE, [str(p) for p in problems.items]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_valid_yaml_is_not_taken_for_what_libyaml_lets_through(newline: str) -> None:
    # The same checks on the suite's valid documents: none may be called a syntax error, nor
    # its tabs indentation (on blank and comment lines, after the spaces of a continued line)
    wrong = {}
    for case, original in SUITE["valid"].items():
        text = original.replace("\n", newline)
        problems = Problems()
        parse_text(text, "f.yaml", problems)
        said = [str(p) for p in problems.items if p.code in ("yaml-syntax", "tab")]
        if said and _libyaml_accepts(text):
            wrong[case] = said
    assert not wrong


def _libyaml_accepts(text: str) -> bool:
    try:
        list(yaml.compose_all(text, Loader=yaml.CBaseLoader))
    except yaml.YAMLError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('k: "v"# c\n', ["f.yaml:1:7: yaml-syntax"]),
        ("k: [a, b]#c\n", ["f.yaml:1:10: yaml-syntax"]),
        ("k: [a,#c\n  b]\n", ["f.yaml:1:7: yaml-syntax"]),
        ("k: >-#c\n  a\n", ["f.yaml:1:6: yaml-syntax"]),
        ("k: C# og F#\n", []),  # '#' inside plain text is text
        ('# a comment first\nk: "v"#c\n', ["f.yaml:2:7: yaml-syntax"]),
        ("# see issue#5 and C#\nk: v  # and#this\n", []),  # '#' in a comment is the comment's
        ('k: "a #b"#c\n', ["f.yaml:1:10: yaml-syntax"]),
        ("k: 'a#b'  # c\n", []),
        ('k: "a\nb"\n', ["f.yaml:2:1: yaml-syntax"]),
        ('- k: "a\n   b"\n', []),
        ('k: "a\n\n b"\n', []),  # a blank line may be less indented
        ("k: [a,\n# c\n  b]\n", []),  # so may a comment between entries
        ("k: [a,\nb]\n", ["f.yaml:2:1: yaml-syntax"]),
        ('["a\nb"]\n', []),  # no block collection around it: no margin
        ("k: >\n    \n  a\n", ["f.yaml:2:1: yaml-syntax"]),
        ("k: >2\n    \n  a\n", []),  # an explicit indentation
        ("k: >\n  \n  a\n", []),
        ("k: >\n   \nj: a\n", []),  # an empty block before the next key
        ("k: [a, -]\n", ["f.yaml:1:8: yaml-syntax"]),
        ("k: {a: -}\n", ["f.yaml:1:8: yaml-syntax"]),
        ("k: [-a, '-']\n", []),
        ("k: [a,\n\tb]\n", ["f.yaml:2:1: yaml-syntax"]),  # a tab is no indentation
        ("k: [a,\n \tb]\n", []),  # but may follow the space that is
        ("k: a\n \tb\n", []),
        ("k: a\n \t\nj: b\n", []),  # a blank line (libyaml refuses one of a tab alone: its own bug, DK95/04)
        ("k:\n\tj: b\n", ["f.yaml:2:1: tab"]),
        # NEL, LS and PS are text in YAML 1.2, though libyaml's marks count them as line breaks
        ('k: "a\x85b"', []),
        ('- "a\u2028b"\n- x\n', []),
        ("a: [x\u2029y,\n  z]\nb: 1\n", []),
        ('a: "\u2028"\nb: [1,\n  \t2]\n', []),
        ('a: "\u2028"\nb: "x\ny"\n', ["f.yaml:4:1: yaml-syntax"]),  # placed as libyaml places things
        ('a: "x\r  y"\nb: 1\n', []),  # a lone CR is a line break
        ('a: "x\ry"\nb: 1\n', ["f.yaml:2:1: yaml-syntax"]),
        ("empty: >\r\n \r\n   \r\n # c\r\n", ["f.yaml:3:1: yaml-syntax"]),
        ("k: >\r  \r  a\r", []),
        ("{-: 1}\n", []),  # '-' may begin a plain text when ':' follows
        ("[-: x]\n", []),
        ("\ufeffk: 'a#b'#c\n", ["f.yaml:1:9: yaml-syntax"]),  # after a byte order mark
        ('{"a":#x\n}\n', ["f.yaml:1:6: yaml-syntax"]),  # after a flow ':' (libyaml dropped '#x')
        ("a: 1\rb: 2\rc: \x01\n", ["f.yaml:3:4: control-character"]),  # lines counted as libyaml counts them
    ],
)
def test_what_libyaml_lets_through_is_recognised_where_it_stands(text: str, expected: list[str]) -> None:
    assert parse(text)[1] == expected
