"""Careless and hostile input, end to end: located errors, exit 1, no traceback, nothing written.

The property tests feed random and mutated YAML through loader → reader → validation →
engine → renderers and assert what must always hold.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, Run, run_unprivileged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from renders import matrix_text

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import score
from veikart_cli.model.areas import read_area
from veikart_cli.problems import Problems, exit_code
from veikart_cli.syntax.nodes import parse_text

LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$")
AREA = (ROOT / "areas" / "2-digitale-hjemmetjenester.yaml").read_text(encoding="utf-8")


def framework():  # type: ignore[no-untyped-def]
    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT / "criteria"], problems), ROOT, problems)
    assert dataset is not None
    return dataset.framework


FRAMEWORK = framework()


def check_area_text(text: str) -> None:
    """What must hold for any text given as an area file."""
    problems = Problems()
    node = parse_text(text, "area.yaml", problems)
    area = read_area(node, "area.yaml", FRAMEWORK, problems) if node is not None else None
    # Nothing is dropped without a word: no area, or an area that leaves a driver out, comes
    # with an error (else validate would pass a file that score then skips or shows with a gap).
    if area is None or [e.driver for e in area.evidence] != [d.id for d in FRAMEWORK.drivers]:
        assert problems.has_errors and exit_code(problems) == 1, "dropped silently"
    for problem in problems.items:
        assert problem.location.line >= 1 and problem.location.column >= 1, str(problem)
        assert problem.code and problem.message
    if area is not None and not problems.has_errors:
        matrix = score(FRAMEWORK, (area,))
        for fmt in ("markdown", "json", "csv", "html"):
            assert matrix_text(matrix, fmt, "nb")


@given(st.text(alphabet=st.sampled_from(list("abcæøå: -#&*!|>'\"[]{},\n\t%@`?~01.")), max_size=200))
def test_random_yaml_like_text_never_crashes(text: str) -> None:
    check_area_text(text)


@st.composite
def mutated_area(draw: st.DrawFn) -> str:
    """The shipped area with a few lines cut, repeated, re-indented or spliced with YAML syntax."""
    lines = AREA.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "splice", "truncate"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].removeprefix("  ")
        elif action == "splice":
            at = draw(st.integers(0, len(lines[i])))
            piece = draw(
                st.sampled_from(
                    ["NO", " #", "&a", "*a", "!!str ", "{", "]", ": ", "- ", "1.10", "\t", "0301", "~", "\x00"]
                )
            )
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        if not lines:
            break
    return "".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated_area())
def test_mutated_area_files_never_crash(text: str) -> None:
    check_area_text(text)


def copy_data(tmp_path: Path) -> Path:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "areas").mkdir()
    for path in (ROOT / "criteria").glob("*.yaml"):
        (tmp_path / "criteria" / path.name).write_bytes(path.read_bytes())
    return tmp_path


def assert_refused(run: Run, data: Path, located: str, code: str) -> None:
    out = data / "out.md"
    result = run("score", "-f", "markdown", "-o", str(out), str(data))
    assert result.exit_code == 1, result.stderr
    assert f"{located}: error: " in result.stderr and f"[{code}]" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert not out.exists()  # no partial output


def test_a_file_over_the_size_limit(run: Run, tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "areas" / "big.yaml").write_text("id: big\nsummary: " + "æ" * 600_000 + "\n", encoding="utf-8")
    assert_refused(run, data, f"{data}/areas/big.yaml", "file-too-large")


def test_a_symlink_loop(run: Run, tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    loop = data / "areas" / "loop.yaml"
    loop.symlink_to(loop)
    assert_refused(run, data, f"{data}/areas/loop.yaml", "unreadable")


def test_an_alias_bomb(run: Run, tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    bomb = ROOT / "tests" / "fixtures" / "invalid" / "alias-bomb" / "areas" / "area.yaml"
    (data / "areas" / "bomb.yaml").write_bytes(bomb.read_bytes())
    assert_refused(run, data, f"{data}/areas/bomb.yaml:2:4", "anchor")


def test_a_latin1_file_gets_a_hint_to_resave_as_utf8(run: Run, tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "areas" / "latin.yaml").write_bytes("id: x\nname: Tromsø\n".encode("latin-1"))
    assert_refused(run, data, f"{data}/areas/latin.yaml:2:12", "not-utf8")
    assert "UTF-8" in run("validate", str(data)).stderr


def test_an_unreadable_file(shared_tmp: Path) -> None:
    """As a user who may not read it (root reads any file: a root run drops to nobody)."""
    data = copy_data(shared_tmp)
    locked = data / "areas" / "locked.yaml"
    locked.write_text("id: x\n")
    locked.chmod(0)
    folder = data / "out"  # the user could write the output here: nothing is written all the same
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    out = folder / "out.md"
    status, stdout, stderr = run_unprivileged("score", "-f", "markdown", "-o", str(out), str(data), cwd=ROOT)
    assert status == 1, stderr
    assert f"{data}/areas/locked.yaml: error: " in stderr and "[unreadable]" in stderr, stderr
    assert "Traceback" not in stderr and stdout == ""
    assert not out.exists()
