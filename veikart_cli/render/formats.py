"""The one registry of output formats: per format, the documents it renders, how, and to what
files. The CLI's choices, the settings, the extension of `--output` and the API all read FORMATS."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

Kind = Literal["matrix", "criteria", "report", "diff", "history"]


class MissingLibrary(Exception):
    """A format's optional library is not installed (python-docx: the extra `docx` brings it)."""


class UnknownFormat(ValueError):
    """A format that does not exist, or cannot render this kind of document."""


class Renderer(NamedTuple):
    """Steps "module:function", imported on first call (importing every renderer would slow each
    command's start-up) and applied in turn: the first to the document and the Language (a diff:
    the diff, its labels, the Language), each next to what the one before gave."""

    steps: str

    def rich(self, *args: Any) -> Any:
        """The first step alone: for the table, the rich renderable a terminal prints itself."""
        return self.load(self.steps.split()[0])(*args)

    def __call__(self, *args: Any) -> Any:
        result = self.rich(*args)
        for step in self.steps.split()[1:]:
            result = self.load(step)(result)
        return result

    @staticmethod
    def load(step: str) -> Any:
        module, name = step.split(":")
        return getattr(importlib.import_module(f"veikart_cli.render.{module}"), name)


class Format(NamedTuple):
    extensions: tuple[str, ...]  # of an --output file that implies this format
    renderers: Mapping[str, str]  # by Kind: the kinds of document it renders, each by its Renderer's steps
    binary: bool = False  # renders bytes rather than text


def pages(writer: str) -> dict[str, str]:
    """A format that writes the matrix, the criteria, the report and the history as pages of blocks."""
    return {
        "matrix": f"pages:matrix_page {writer}",
        "criteria": f"pages:criteria_page {writer}",
        "report": f"pages:report_page {writer}",
        "history": f"diff:history_page {writer}",
    }


# In the order the CLI lists them. The table: the terminal's; in a file or from the API, plain text
# 120 columns wide. Without python-docx, docx raises MissingLibrary.
FORMATS: dict[str, Format] = {
    "table": Format(
        (".txt",),
        {
            "matrix": "terminal:rich_matrix terminal:plain_text",
            "criteria": "terminal:rich_criteria terminal:plain_text",
            "diff": "diff:diff_text",
            "history": "terminal:history_rich terminal:plain_text",
        },
    ),
    "markdown": Format((".md", ".markdown"), pages("document:page_markdown") | {"diff": "diff:diff_markdown"}),
    "json": Format(
        (".json",),
        {
            "matrix": "data:matrix_json",
            "criteria": "data:criteria_json",
            "diff": "diff:diff_json",
            "history": "diff:history_json",
        },
    ),
    "csv": Format(
        (".csv",), {"matrix": "data:matrix_csv", "criteria": "data:criteria_csv", "history": "diff:history_csv"}
    ),
    "html": Format((".html", ".htm"), pages("document:page_html")),
    "svg": Format((".svg",), {"matrix": "svg:matrix_svg"}),
    "docx": Format((".docx",), pages("docx:page_docx"), binary=True),
}

EXTENSIONS: dict[str, str] = {ext: name for name, f in FORMATS.items() for ext in f.extensions}


def formats(kind: Kind, text_only: bool = False) -> tuple[str, ...]:
    """The formats that render this kind of document (`text_only`: those that render text)."""
    return tuple(name for name, f in FORMATS.items() if kind in f.renderers and not (text_only and f.binary))


def renderer(kind: Kind, fmt: str) -> Renderer:
    """Raises UnknownFormat, naming the formats there are for this kind."""
    found = FORMATS.get(fmt)
    if found is None or kind not in found.renderers:
        raise UnknownFormat(f"'{fmt}' is not one of: {', '.join(formats(kind))}")
    return Renderer(found.renderers[kind])
