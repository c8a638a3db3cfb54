"""The one registry of output formats: per format, the documents it renders, how, and to what files.

The CLI's choices, the settings, the extension of `--output` and the API all read FORMATS.
Every renderer takes the document's Language (its words resolved once); the *_text and
*_bytes functions below take a language code instead, for callers at the edge.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:  # types only: the CLI reads this registry at start-up, before any engine is needed
    from veikart_cli.engine.diff import Diff
    from veikart_cli.engine.scoring import Matrix
    from veikart_cli.model.types import Framework
    from veikart_cli.model.vocabulary import Language

Kind = Literal["matrix", "criteria", "report", "diff", "history"]


class MissingLibrary(Exception):
    """A format's optional library is not installed (python-docx: the extra `docx` brings it)."""


class UnknownFormat(ValueError):
    """A format that does not exist, or cannot render this kind of document."""


class Renderer(NamedTuple):
    """Functions applied in turn, named "module:function" and imported on first call: importing
    every renderer up front would slow every command's start-up (docx's XML helpers, rich).

    The first takes the document and the Language (a diff: the diff, its labels, the Language);
    each next takes what the one before gave, e.g. a Page to Markdown."""

    steps: tuple[str, ...]

    def rich(self, *args: Any) -> Any:
        """The first step alone: for the table, the rich renderable a terminal prints itself."""
        return _function(self.steps[0])(*args)

    def __call__(self, *args: Any) -> Any:
        result = _function(self.steps[0])(*args)
        for step in self.steps[1:]:
            result = _function(step)(result)
        return result


def _function(step: str) -> Callable[..., Any]:
    module, name = step.split(":")
    function: Callable[..., Any] = getattr(importlib.import_module(f"veikart_cli.render.{module}"), name)
    return function


class Format(NamedTuple):
    name: str
    extensions: tuple[str, ...]  # of an --output file that implies this format
    binary: bool  # renders bytes rather than text
    renderers: Mapping[Kind, Renderer]  # the kinds of document it renders


def _pages(writer: str) -> dict[Kind, Renderer]:
    """A format that writes the matrix, the criteria and the report as pages of blocks."""
    return {
        "matrix": Renderer(("pages:matrix_page", writer)),
        "criteria": Renderer(("pages:criteria_page", writer)),
        "report": Renderer(("report:report_page", writer)),
        "history": Renderer(("history:history_page", writer)),
    }


# In the order the CLI lists them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "table",  # the terminal's table; in a file or from the API, as plain text 120 columns wide
            (".txt",),
            False,
            {
                "matrix": Renderer(("terminal:rich_matrix", "terminal:plain_text")),
                "criteria": Renderer(("terminal:rich_criteria", "terminal:plain_text")),
                "diff": Renderer(("diff:diff_text",)),
                "history": Renderer(("history:history_rich", "terminal:plain_text")),
            },
        ),
        Format(
            "markdown",
            (".md", ".markdown"),
            False,
            {**_pages("markdown:page_markdown"), "diff": Renderer(("diff:diff_markdown",))},
        ),
        Format(
            "json",
            (".json",),
            False,
            {
                "matrix": Renderer(("data:matrix_json",)),
                "criteria": Renderer(("data:criteria_json",)),
                "diff": Renderer(("diff:diff_json",)),
                "history": Renderer(("history:history_json",)),
            },
        ),
        Format(
            "csv",
            (".csv",),
            False,
            {
                "matrix": Renderer(("data:matrix_csv",)),
                "criteria": Renderer(("data:criteria_csv",)),
                "history": Renderer(("history:history_csv",)),
            },
        ),
        Format("html", (".html", ".htm"), False, _pages("html:page_html")),
        Format("svg", (".svg",), False, {"matrix": Renderer(("svg:matrix_svg",))}),
        Format("docx", (".docx",), True, _pages("docx:page_docx")),  # without python-docx: MissingLibrary
    )
}

EXTENSIONS: dict[str, str] = {ext: f.name for f in FORMATS.values() for ext in f.extensions}


def formats(kind: Kind, text_only: bool = False) -> tuple[str, ...]:
    """The formats that render this kind of document (`text_only`: those that render text)."""
    return tuple(name for name, f in FORMATS.items() if kind in f.renderers and not (text_only and f.binary))


MATRIX_FORMATS = formats("matrix")
CRITERIA_FORMATS = formats("criteria")
REPORT_FORMATS = formats("report")
DIFF_FORMATS = formats("diff")
HISTORY_FORMATS = formats("history")


def renderer(kind: Kind, fmt: str) -> Renderer:
    """Raises UnknownFormat, naming the formats there are for this kind."""
    found = FORMATS.get(fmt)
    if found is None or kind not in found.renderers:
        raise UnknownFormat(f"'{fmt}' is not one of: {', '.join(formats(kind))}")
    return found.renderers[kind]


def matrix_output(matrix: Matrix, fmt: str, lang: Language) -> str | bytes:
    output: str | bytes = renderer("matrix", fmt)(matrix, lang)
    return output


def criteria_output(framework: Framework, fmt: str, lang: Language) -> str | bytes:
    output: str | bytes = renderer("criteria", fmt)(framework, lang)
    return output


def report_output(matrix: Matrix, fmt: str, lang: Language) -> str | bytes:
    output: str | bytes = renderer("report", fmt)(matrix, lang)
    return output


def diff_output(diff: Diff, fmt: str, labels: tuple[str, str], lang: Language) -> str:
    output: str = renderer("diff", fmt)(diff, labels, lang)
    return output
