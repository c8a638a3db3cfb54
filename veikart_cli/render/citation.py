"""Where a quote stands, said for a reader: its document, section and page."""

from __future__ import annotations

from veikart_cli.model.types import Framework, Source
from veikart_cli.model.vocabulary import Language


def cite(framework: Framework, source: Source, lang: Language) -> str:
    """Where a quote is: '4.3.2', 'Klimabudsjett 2025, 3.1, s. 14'. The framework's own source
    is named once, at the top; any other document by its title (its id if undeclared)."""
    own = not source.document or (framework.source is not None and source.document == framework.source.id)
    doc = None if own else framework.document(source.document)
    parts = [] if own else [doc.title if doc is not None else source.document]
    parts += [source.section, lang.word("on-page", page=source.page) if source.page else ""]
    return ", ".join(p for p in parts if p)
