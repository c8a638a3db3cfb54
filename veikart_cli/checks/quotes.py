"""Quotes checked word for word (white space aside) against their document's `text:` file, which is read
from the roadmap folder and never outside it: a pull request could name /dev/zero or ~/.ssh/id_rsa."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.model.evidence import Area
from veikart_cli.model.reading import nfc
from veikart_cli.model.types import Document, Framework, Source
from veikart_cli.problems import Problems

MAX_BYTES = 64 * 1024 * 1024  # a long report as text is a few MB


def words(text: str) -> str:
    """The text as a reader compares it: NFC, every run of white space one space."""
    return " ".join(nfc(text).split())


def check_quotes(framework: Framework, areas: Iterable[Area], framework_file: Path, problems: Problems) -> None:
    folder = framework_file.parent  # text paths are relative to the folder holding criteria/
    root = folder.parent if folder.name == "criteria" else folder
    texts = {d.id: read_document_text(d, root, problems) for d in framework.all_documents if d.text}
    for source in quotes(framework, areas):
        doc = framework.document(source.document)
        text = texts.get(doc.id) if doc is not None else None
        if doc is not None and text is not None and words(source.quote) not in text:
            problems.error(
                source.loc,
                "quote-not-in-document",
                f"the quote is not word for word in '{doc.title}' (text file {doc.text})",
                "copy the words from the document; spaces and line breaks may differ, nothing else",
            )


def quotes(framework: Framework, areas: Iterable[Area]) -> list[Source]:
    """Every quote: each area's sources, the framework's caveat and method descriptions."""
    found = [s for area in areas for evidence in area.evidence for s in evidence.sources]
    if framework.caveat:
        found.append(framework.caveat)
    if framework.methods:
        found += [m.quote for g in framework.methods.groups for m in g.methods if m.quote]
    return found


def read_document_text(doc: Document, root: Path, problems: Problems) -> str | None:
    """The document's text, in the form quotes are compared with; None (and a problem) if it cannot be read."""

    def refuse(why: str, hint: str) -> None:
        problems.error(doc.loc, "bad-document-text", f"text file '{doc.text}' of document '{doc.id}' {why}", hint)

    if os.path.isabs(doc.text) or doc.text.startswith("~"):
        refuse("is not a path inside the roadmap folder", f"give it relative to {root}, e.g. documents/name.txt")
        return None
    real, inside = os.path.realpath(root / doc.text), os.path.realpath(root)
    if os.path.commonpath([inside, real]) != inside:
        refuse("lies outside the roadmap folder", f"copy the text into {root} and give its path from there")
        return None
    try:
        return words(read_regular(Path(real), MAX_BYTES, "a text file (UTF-8)").decode("utf-8-sig"))
    except FileProblem as err:
        said = {
            "not-a-file": ("is not a file", "give the path of a text file (UTF-8)"),
            "file-too-large": (f"is larger than {MAX_BYTES // (1024 * 1024)} MB", "give the document's text only"),
        }
        unsaid = (err.message.replace("cannot read file", "cannot be read"), f"give its path relative to {root}")
        refuse(*said.get(err.code, unsaid))
    except UnicodeDecodeError:
        refuse("is not UTF-8 text", "save it as UTF-8 text (a PDF's text, copied or converted)")
    return None
