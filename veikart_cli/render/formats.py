"""Which renderer makes which format. Imports lazily: a command pays only for the one it uses.

Each renderer takes a language code and resolves the document's words (veikart's and the
framework's) once; VocabularyError means there are none for that language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veikart_cli.engine.diff import Diff
    from veikart_cli.engine.scoring import Matrix
    from veikart_cli.model.types import Framework
    from veikart_cli.render.document import Page

# The one list of formats per kind of output; the CLI, the settings and the renderers use these.
MATRIX_FORMATS = ("table", "markdown", "json", "csv", "html", "svg", "docx")
CRITERIA_FORMATS = ("table", "markdown", "json", "csv", "html", "docx")
REPORT_FORMATS = ("markdown", "html", "docx")
BINARY_FORMATS = ("docx",)  # bytes, not text: render with *_bytes
DIFF_FORMATS = ("table", "markdown", "json")


def matrix_text(matrix: Matrix, fmt: str, lang: str) -> str:
    if fmt in ("json", "csv"):
        from veikart_cli.render import data

        return data.matrix_json(matrix, lang) if fmt == "json" else data.matrix_csv(matrix, lang)
    if fmt == "svg":
        from veikart_cli.render.svg import matrix_svg

        return matrix_svg(matrix, lang)
    from veikart_cli.render.pages import matrix_page
    from veikart_cli.render.phrases import language

    return page_text(matrix_page(matrix, language(matrix.framework, lang)), fmt)


def criteria_text(framework: Framework, fmt: str, lang: str) -> str:
    if fmt in ("json", "csv"):
        from veikart_cli.render import data

        return data.criteria_json(framework, lang) if fmt == "json" else data.criteria_csv(framework, lang)
    from veikart_cli.render.pages import criteria_page
    from veikart_cli.render.phrases import language

    return page_text(criteria_page(framework, language(framework, lang)), fmt)


def report_text(matrix: Matrix, fmt: str, lang: str) -> str:
    from veikart_cli.render.phrases import language
    from veikart_cli.render.report import report_page

    return page_text(report_page(matrix, language(matrix.framework, lang)), fmt)


def page_text(page: Page, fmt: str) -> str:
    if fmt == "html":
        from veikart_cli.render.html import page_html

        return page_html(page)
    from veikart_cli.render.markdown import page_markdown

    return page_markdown(page)


def matrix_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    from veikart_cli.render.pages import matrix_page
    from veikart_cli.render.phrases import language

    return page_bytes(matrix_page(matrix, language(matrix.framework, lang)), fmt)


def criteria_bytes(framework: Framework, fmt: str, lang: str) -> bytes:
    from veikart_cli.render.pages import criteria_page
    from veikart_cli.render.phrases import language

    return page_bytes(criteria_page(framework, language(framework, lang)), fmt)


def report_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    from veikart_cli.render.phrases import language
    from veikart_cli.render.report import report_page

    return page_bytes(report_page(matrix, language(matrix.framework, lang)), fmt)


def page_bytes(page: Page, fmt: str) -> bytes:
    """A binary format (docx, the only one); python-docx is imported here, for it alone."""
    assert fmt in BINARY_FORMATS, fmt
    from veikart_cli.render.docx import page_docx

    return page_docx(page)


def diff_text(diff: Diff, fmt: str, labels: tuple[str, str], lang: str) -> str:
    from veikart_cli.render import diff as render

    if fmt == "markdown":
        return render.diff_markdown(diff, labels, lang)
    return render.diff_json(diff, labels, lang) if fmt == "json" else render.diff_text(diff, labels, lang)
