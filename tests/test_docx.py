"""--format docx: a Word document with the matrix shaded cell by cell, opened with python-docx (issue 17)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run, assert_golden

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.problems import Problems
from veikart_cli.render.document import Heading, Quote
from veikart_cli.render.pages import report_page
from veikart_cli.render.phrases import driver_heading, override_note

docx = pytest.importorskip("docx", reason="python-docx is in the test extra")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def trondheim() -> Matrix:
    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    return score(dataset.framework, dataset.areas)


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def matrix_table(document: docx.document.Document, matrix: Matrix, code: str) -> docx.table.Table:
    lang = matrix.framework.language(code)
    headers = [lang.word("area")] + [driver_heading(d, lang) for d in matrix.framework.drivers]
    found = [t for t in document.tables if [c.text for c in t.rows[0].cells] == headers]
    assert len(found) == 1, "one matrix table"
    return found[0]


def cell_fill(cell: docx.table._Cell) -> str | None:
    shading = cell._tc.tcPr.find(f"{W}shd") if cell._tc.tcPr is not None else None
    return None if shading is None else shading.get(f"{W}fill")


def run_fills(cell: docx.table._Cell) -> list[str]:
    fills = []
    for run in cell._tc.iter(f"{W}r"):  # inside the link to the explanation too
        shading = run.find(f"{W}rPr/{W}shd")
        if shading is not None:
            fills.append(shading.get(f"{W}fill"))
    return fills


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_matrix_cell_is_shaded_with_the_engines_colours(run: Run, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "rapport.docx"
    result = run("report", "--lang", lang, "-o", str(target))  # the extension chooses docx
    assert result.exit_code == 0, result.stderr
    matrix = trondheim()
    table = matrix_table(opened(target.read_bytes()), matrix, lang)
    for (area, cells), row in zip(matrix.rows, table.rows[1:], strict=True):
        assert row.cells[0].text == area.name.get(lang)
        for cell, shown in zip(cells, row.cells[1:], strict=True):
            colours = [matrix.framework.colour(c) for c in cell.colours]
            expected = [c.background.lstrip("#").upper() for c in colours]
            if len(expected) == 1:
                assert cell_fill(shown) == expected[0], (area.id, cell.driver.id)
            else:  # one shaded run per colour, in order
                assert cell_fill(shown) is None and run_fills(shown) == expected, (area.id, cell.driver.id)
            for colour in colours:  # symbol and word in every cell
                assert f"{colour.symbol} {colour.label.get(lang)}" in shown.text


def test_headings_quotes_footnotes_and_language_are_words_own(run: Run) -> None:
    result = run("report", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    document = opened(result.stdout_bytes)
    matrix = trondheim()
    nb = matrix.framework.language("nb")
    page = report_page(matrix, nb)
    headings = [(f"Heading {b.level}", b.text) for b in page.blocks if isinstance(b, Heading)]
    assert [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")] == headings
    quotes = [f"{b.quoted} ({b.cite})" for b in page.blocks if isinstance(b, Quote)]
    assert [p.text for p in document.paragraphs if p.style.name == "Quote"] == quotes
    # one real footnote per override, referenced from its cell, and not repeated as a bullet
    notes = [override_note(matrix.framework, cell, nb) for cell in matrix.cells() if cell.override]
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/footnotes.xml")
    footnotes = part.blob.decode()
    assert notes and all(note.replace("&", "&amp;") in footnotes for note in notes)
    table = matrix_table(document, matrix, "nb")
    references = [r for row in table.rows for c in row.cells for r in c._tc.iter(f"{W}footnoteReference")]
    assert len(references) == len(notes)
    assert not [p for p in document.paragraphs if p.text in notes]
    # each cell links to the bookmark on its explanation's heading, and that explanation links back
    marks = {b.get(f"{W}name"): b for b in document.element.body.iter(f"{W}bookmarkStart")}
    links = [h.get(f"{W}anchor") for h in document.element.body.iter(f"{W}hyperlink")]
    cells = [c for row in table.rows[1:] for c in row.cells[1:]]
    for cell in cells:
        (hyperlink,) = cell._tc.iter(f"{W}hyperlink")
        heading = marks[hyperlink.get(f"{W}anchor")].getparent()
        assert heading.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")
        (own,) = cell._tc.iter(f"{W}bookmarkStart")
        assert links.count(own.get(f"{W}name")) == 1
    assert set(links) <= set(marks)
    language = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language is not None and language.get(f"{W}val") == "nb-NO"
    assert document.core_properties.title == matrix.framework.title.get("nb")


def test_score_and_criteria_write_word_too_with_the_same_bytes_every_run(run: Run, tmp_path: Path) -> None:
    matrix = trondheim()
    first = run("score", "-f", "docx").stdout_bytes
    assert first == run("score", "-f", "docx").stdout_bytes
    table = matrix_table(opened(first), matrix, "nb")
    assert len(table.rows) == 1 + len(matrix.rows)
    criteria = opened(run("criteria", "-f", "docx").stdout_bytes)
    shaded = [cell_fill(row.cells[0]) for row in criteria.tables[0].rows[2:]]
    assert shaded == [c.background.lstrip("#").upper() for c in matrix.framework.scale]
    target = tmp_path / "matrise.docx"
    assert run("score", "-o", str(target)).exit_code == 0
    assert target.read_bytes() == first
    assert run("score", "--check", str(target)).exit_code == 0
    target.write_bytes(first[:-1] + bytes([first[-1] ^ 1]))
    result = run("score", "--check", str(target))
    assert result.exit_code == 3 and "differs" in result.stdout


def test_without_python_docx_the_format_is_a_usage_error_with_the_extra_to_install(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx -> ImportError, as where it is not installed
    monkeypatch.delitem(sys.modules, "veikart_cli.render.docx", raising=False)  # imported again, without it
    result = run("report", "-f", "docx")
    assert result.exit_code == 2 and "veikart[docx]" in result.stderr and result.stdout == ""


def test_a_word_document_never_goes_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from veikart_cli.app import commands
    from veikart_cli.app.settings import Environment, Options, UsageError

    env = Environment(ROOT, {}, stdout_is_terminal=True)
    with pytest.raises(UsageError, match="binary"):
        commands.report(env, Options((ROOT,), fmt="docx"))


def test_checking_a_word_document_against_a_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("score", "-f", "docx", "--check", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr


def body_outline(data: bytes) -> list[str]:
    """Every block of the body as a line: a paragraph's style and text (bold runs marked), a table's
    style and rows. What the document says and how, without python-docx's own XML details."""
    document = opened(data)
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.append(f"table {block.style.name if block.style else '-'}")
            lines += ["  " + " | ".join(c.text for c in row.cells) for row in block.rows]
        else:
            bold = "".join(r.text for r in block.runs if r.bold)
            lines.append(f"{block.style.name}: {block.text}" + (f"  [bold: {bold}]" if bold else ""))
    return lines


@pytest.mark.parametrize(("command", "lang"), [("report", "nb"), ("score", "nb"), ("criteria", "en")])
def test_word_documents_say_what_they_said_before_paragraphs_were_appended_directly(
    run: Run, command: str, lang: str
) -> None:
    """The shipped data's Word documents, block by block (style, text, bold words, tables), as
    python-docx's add_paragraph/add_table built them: tests/golden/trondheim-<command>.<lang>.docx.txt."""
    result = run(command, "-f", "docx", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert_golden(f"trondheim-{command}.{lang}.docx.txt", "\n".join(body_outline(result.stdout_bytes)) + "\n")


def test_a_word_list_resolves_each_style_once_and_never_searches_the_body_per_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """python-docx's add_paragraph looks the style up by name (a scan of every style) and searches
    the body for its end on every call: quadratic in the paragraphs. Both happen a fixed number of
    times here, however long the list. (The timing itself: benchmarks/hostile.py.)"""
    from docx.oxml.document import CT_Body
    from docx.parts.document import DocumentPart

    from veikart_cli.render.document import Bullets, Page, Paragraph
    from veikart_cli.render.docx import page_docx

    calls = {"style": 0, "body": 0}
    lookup, insert = DocumentPart.get_style_id, CT_Body.insert_element_before

    def counted_lookup(self: DocumentPart, *args: object) -> object:
        calls["style"] += 1
        return lookup(self, *args)  # type: ignore[arg-type]

    def counted_insert(self: CT_Body, *args: object) -> object:
        calls["body"] += 1
        return insert(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentPart, "get_style_id", counted_lookup)
    monkeypatch.setattr(CT_Body, "insert_element_before", counted_insert)
    counts = []
    for n in (10, 200):
        calls.update(style=0, body=0)
        page = Page("Liste", "nb", (Bullets(tuple(f"punkt {i}" for i in range(n))), Paragraph("slutt")))
        document = docx.Document(io.BytesIO(page_docx(page)))
        assert [p.style.name for p in document.paragraphs] == ["List Bullet"] * n + ["Normal"]
        counts.append(dict(calls))
    assert counts[0] == counts[1], counts


def test_a_word_document_names_veikart_not_the_template(run: Run, tmp_path: Path) -> None:
    import zipfile

    target = tmp_path / "rapport.docx"
    assert run("report", "-o", str(target)).exit_code == 0
    app = zipfile.ZipFile(target).read("docProps/app.xml").decode("utf-8")
    assert "<Application>veikart</Application>" in app and "Normal.dotm" not in app and "<Pages>" not in app
    assert opened(target.read_bytes()).core_properties.title  # still a document python-docx opens
