"""The terminal table loses no word at any width, piped or not (issue 17)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run
from rich.cells import cell_len

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.model.types import Framework
from veikart_cli.problems import Problems
from veikart_cli.render.phrases import cell_text, criteria_for, criteria_notes, legend

WIDTHS = (40, 60, 80, 120, 200)
_BOX = re.compile(r"[\u2500-\u257f]")  # box-drawing characters: the table's lines


def words(text: str) -> list[str]:
    """Words as a reader sees them, whatever punctuation a layout puts after a label."""
    return [w.strip(".,:;()") for w in _BOX.sub(" ", text).replace("/", " ").split() if w.strip(".,:;()")]


def matrix_of(folder: Path) -> Matrix:
    problems = Problems()
    dataset = load_dataset(find_inputs([folder], problems), folder, problems, False)
    assert dataset is not None, problems
    return score(dataset.framework, dataset.areas)


def matrix_words(matrix: Matrix, code: str) -> Counter[str]:
    lang = matrix.framework.language(code)
    texts = [matrix.framework.title.get(lang)]
    for area, cells in matrix.rows:
        texts.append(area.name.get(lang))
        texts += [cell_text(matrix.framework, c, lang) for c in cells]
    return Counter(words(" ".join(texts + legend(matrix, lang))))


def criteria_words(framework: Framework, code: str) -> Counter[str]:
    lang = framework.language(code)
    texts = [framework.title.get(lang)] + [colour.label.get(lang) for colour in framework.scale]
    for driver in framework.drivers:
        texts += [driver.name.get(lang), driver.question.get(lang)]
        texts += [text for colour in framework.scale for text in criteria_for(driver, colour.id, lang)]
    return Counter(words(" ".join(texts + criteria_notes(framework, lang))))


def assert_whole(output: str, expected: Counter[str], width: int | None) -> None:
    missing = expected - Counter(words(output))
    assert not missing, f"lost at {width} columns: {sorted(missing)}\n{output}"
    if width is not None:
        too_wide = [line for line in output.splitlines() if cell_len(line) > width]
        assert not too_wide, f"wider than {width} columns: {too_wide}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("folder", [ROOT, FIXTURES / "four-colours"], ids=["trondheim", "four-colours"])
def test_score_and_criteria_lose_no_word_at_any_width(run: Run, width: int, folder: Path) -> None:
    matrix = matrix_of(folder)
    for lang in matrix.framework.languages:
        result = run("score", str(folder), "--lang", lang, "--color", "never", env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        assert_whole(result.stdout, matrix_words(matrix, lang), width)
        result = run("criteria", str(folder), "--lang", lang, "--color", "never", env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        assert_whole(result.stdout, criteria_words(matrix.framework, lang), width)


def test_piped_output_without_columns_loses_nothing(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    matrix = matrix_of(ROOT)
    result = run("score")
    assert result.exit_code == 0, result.stderr
    assert_whole(result.stdout, matrix_words(matrix, "nb"), 80)  # rich's width when stdout is no terminal
    assert_whole(run("criteria").stdout, criteria_words(matrix.framework, "nb"), 80)


def test_the_table_is_kept_while_it_fits_and_stacked_after(run: Run) -> None:
    wide = run("score", env={"COLUMNS": "120"}).stdout
    narrow = run("score", env={"COLUMNS": "60"}).stdout
    assert "┃" in wide and "┃" not in narrow
    # stacked: one block per area, one line per driver, the cell on the driver's line
    assert "  Verdiskaping:  🟡 Gul" in narrow and "Grunnforskning\n" in narrow


LONG_WORD = "Velferdsteknologiknutepunktsamarbeidsavtalene"  # 45 letters: wider than a narrow screen


def with_long_word(folder: Path) -> Matrix:
    from veikart_cli.model.types import Text

    problems = Problems()
    dataset = load_dataset(find_inputs([folder], problems), folder, problems, False)
    assert dataset is not None, problems
    first = dataset.areas[0]._replace(name=Text.of(f"{LONG_WORD} i kommunen"))
    return score(dataset.framework, (first, *dataset.areas[1:]))


@pytest.mark.parametrize("width", [0, 1, 5, 12, 19, 30])
def test_below_the_least_width_the_stacked_layout_cuts_no_word(width: int) -> None:
    """COLUMNS=0 printed nothing, COLUMNS=1 one character a line: the layout is made for at least
    MIN_WIDTH columns, and for the longest word with its indent, and nothing is cropped."""
    from veikart_cli.render.terminal import INDENT, MIN_WIDTH, plain_text, rich_criteria, rich_matrix

    matrix = with_long_word(ROOT)
    widest = max(width, MIN_WIDTH, len(LONG_WORD) + INDENT)
    for lang in map(matrix.framework.language, matrix.framework.languages):
        shown = plain_text(rich_matrix(matrix, lang), width)
        assert_whole(shown, matrix_words(matrix, lang), widest)
        assert LONG_WORD in words(shown)
        assert "┃" not in shown, "stacked, not a table"
        criteria = plain_text(rich_criteria(matrix.framework, lang), width)
        assert_whole(criteria, criteria_words(matrix.framework, lang), max(width, MIN_WIDTH, 30))


@pytest.mark.parametrize("columns", ["0", "1"])
def test_a_terminal_narrower_than_a_word_gets_every_word_whole(run: Run, columns: str) -> None:
    matrix = matrix_of(ROOT)
    result = run("score", "--color", "never", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert_whole(result.stdout, matrix_words(matrix, "nb"), None)
    result = run("criteria", "--color", "never", env={"COLUMNS": columns})
    assert_whole(result.stdout, criteria_words(matrix.framework, "nb"), None)


def test_stacked_criteria_put_the_colon_after_the_colour_word(run: Run) -> None:
    # The swatch's padding belongs to a table cell; in the stacked layout it put a space before ':'.
    shown = run("criteria", "--color", "never", env={"COLUMNS": "60"}).stdout
    assert "\n  🟢 Grønn: Mer enn 1 mrd NOK/år\n" in shown
    assert " : " not in shown
