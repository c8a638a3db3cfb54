"""One cell, explained: question, evidence, the band or level that fired, margins, sources."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.citation import cite
from veikart_cli.render.fields import cell_fields
from veikart_cli.render.overall import explain_overall
from veikart_cli.render.phrases import provenance_line, word
from veikart_cli.render.sanitize import terminal
from veikart_cli.render.trendtext import trend_lines


def explain_cell(framework: Framework, cell: Assessment, lang: Language) -> str:
    lines = [f"{cell.area.name.get(lang)} ({cell.area.section}) – {cell.driver.name.get(lang)}"]
    for field in cell_fields(framework, cell, lang):
        lines.append(f"  {field.label}: {' '.join(field.text.split())}")
        lines += [f"    - {' '.join(item.split())}" for item in field.items]
    lines += trend_lines(framework, cell, lang)  # a series' trend, with its arithmetic
    lines += [f"  {word('source', lang)} {cite(framework, s, lang)}: «{s.quote}»" for s in cell.evidence.sources]
    return "\n".join(terminal(line) for line in lines)  # one line each: data never starts a line


def explain(matrix: Matrix, area_id: str, driver_id: str | None, lang: Language) -> str:
    cells = [c for _, row in matrix.rows for c in row if c.area.id == area_id and driver_id in (None, c.driver.id)]
    texts = [explain_cell(matrix.framework, c, lang) for c in cells]
    if driver_id is None and matrix.overalls:
        texts.append(explain_overall(matrix, area_id, lang))
    line = provenance_line(matrix.framework, lang, full=True)
    if line:  # what this is: a reconstruction, not the source's own words (but the quotes)
        texts.append(terminal(line))
    return "\n\n".join(texts) + "\n"
