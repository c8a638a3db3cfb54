"""The whole report as a page: source, criteria, matrix, one section per area, sources.

Headings carry GitHub's anchors, so the contents list links work on GitHub and in the HTML.
"""

from __future__ import annotations

from veikart_cli.engine.order import section_key
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.types import Area, Document, Framework, WorkingMethods
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import Anchors, Block, Bullets, Contents, Heading, Page, Paragraph, Quote
from veikart_cli.render.fields import cell_fields
from veikart_cli.render.overall import OVERALL_ID, overall_fields
from veikart_cli.render.pages import cell_anchor, cell_id, criteria_table, matrix_notes, matrix_table
from veikart_cli.render.phrases import about, criteria_notes, long_date, provenance_line, word


def report_page(matrix: Matrix, lang: Language) -> Page:
    framework, anchors = matrix.framework, Anchors()  # anchors are numbered in document order
    title = framework.title.get(lang)
    head: list[Block] = [anchors.heading(1, title), *metadata(framework, lang)]
    head.append(anchors.heading(2, word("contents", lang)))
    body: list[Block] = [anchors.heading(2, word("criteria", lang)), criteria_table(framework, lang)]
    body.append(Bullets(tuple(criteria_notes(framework, lang))))
    matrix_heading = anchors.heading(2, word("matrix", lang))  # anchors are numbered in document order
    areas: list[Block] = []
    for area, cells in matrix.rows:
        areas += area_blocks(framework, area, cells, anchors, lang, matrix.overall(area.id))
    links = {b.back: b.anchor for b in areas if isinstance(b, Heading) and b.back}  # each cell → its explanation
    body += [matrix_heading, matrix_table(matrix, lang, links), matrix_notes(matrix, lang), *areas]
    if framework.methods:
        body += method_blocks(framework.methods, anchors, lang)
    body += [anchors.heading(2, word("sources", lang)), sources(matrix, lang)]
    contents = Contents(tuple((b.level - 2, b.text, b.anchor) for b in body if isinstance(b, Heading) and b.level == 2))
    return Page(title, lang, (*head, contents, *body), about(framework, word("report", lang), lang))


def metadata(framework: Framework, lang: Language) -> list[Block]:
    blocks: list[Block] = provenance_blocks(framework, lang)
    if framework.source:
        blocks.append(Paragraph(citation(framework.source, lang), word("report", lang)))
        if framework.source.commissioned_by:
            blocks.append(Paragraph(framework.source.commissioned_by, word("commissioned-by", lang)))
    if framework.horizon:
        blocks.append(Paragraph(framework.horizon.get(lang), word("horizon", lang)))
    return blocks


def provenance_blocks(framework: Framework, lang: Language) -> list[Block]:
    """At the top, before anything is read as the source's own: what this document is."""
    line = provenance_line(framework, lang)
    return [Paragraph(line)] if line else []


def citation(doc: Document, lang: Language) -> str:
    """'Authors (4. juni 2021). Title. Publisher number. URL' — whichever parts the file gives."""
    authors, date = ", ".join(doc.authors), long_date(doc.date, lang)
    parts = [
        f"{authors} ({date})." if authors and date else f"{authors}." if authors else "",
        f"{doc.title}.",
        " ".join(p for p in (doc.publisher, doc.number) if p) + "." if doc.publisher or doc.number else "",
        doc.url,
    ]
    return " ".join(p for p in parts if p)


def area_heading(area: Area, lang: Language) -> str:
    return f"{area.section} {area.name.get(lang)}" if area.section else area.name.get(lang)


def area_blocks(
    framework: Framework,
    area: Area,
    cells: tuple[Assessment, ...],
    anchors: Anchors,
    lang: Language,
    overall: Overall | None = None,
) -> list[Block]:
    blocks: list[Block] = [anchors.heading(2, area_heading(area, lang))]
    if area.summary.values:
        blocks.append(Paragraph(area.summary.get(lang)))
    for cell in cells:
        blocks.append(anchors.heading(3, cell.driver.name.get(lang))._replace(back=cell_id(cell)))
        for field in cell_fields(framework, cell, lang):
            blocks += [Paragraph(field.text, field.label), Bullets(field.items)]
        blocks += [Quote(s.quote, s.section) for s in cell.evidence.sources]
    if overall is not None:  # the framework combines the drivers into one colour
        blocks.append(anchors.heading(3, word("overall", lang))._replace(back=cell_anchor(area.id, OVERALL_ID)))
        blocks += [Paragraph(text, label) for label, text in overall_fields(framework, overall, lang)]
    if area.recommendations:
        blocks += [anchors.heading(3, word("recommendations", lang)), *recommendations(area, lang)]
    lists = (("actors", area.actors), ("research-groups", area.research_groups), ("projects", area.projects))
    for key, items in lists:
        if items:
            blocks += [anchors.heading(3, word(key, lang)), Bullets(items)]
    if area.lists_section and (area.recommendations or any(items for _, items in lists)):
        blocks.append(Paragraph(word("lists-from", lang, section=area.lists_section)))
    return blocks


def recommendations(area: Area, lang: Language) -> list[Block]:
    """The source's own sentences (plain strings) are quoted, in every language; a
    recommendation given in the data set's languages is ours, and listed."""
    quoted = [Quote(r.get(lang), area.lists_section or area.section) for r in area.recommendations if r.neutral]
    ours = tuple(r.get(lang) for r in area.recommendations if not r.neutral)
    return [*quoted, Bullets(ours)]


def method_blocks(methods: WorkingMethods, anchors: Anchors, lang: Language) -> list[Block]:
    """The source's recommended working methods (chapter 5), group by group."""
    blocks: list[Block] = [anchors.heading(2, f"{methods.section} {methods.title.get(lang)}")]
    for group in methods.groups:
        blocks.append(anchors.heading(3, f"{group.section} {group.name.get(lang)}"))
        if group.about:
            blocks.append(Paragraph(group.about.get(lang)))
        for method in group.methods:
            blocks.append(Paragraph(method.description.get(lang), method.name.get(lang)))
            if method.quote:
                blocks.append(Quote(method.quote.quote, method.quote.section))
    return blocks


def sources(matrix: Matrix, lang: Language) -> Bullets:
    """The source document, then for each area the sections its quotes come from."""
    items = [citation(matrix.framework.source, lang)] if matrix.framework.source else []
    for area, cells in matrix.rows:
        sections = sorted({s.section for c in cells for s in c.evidence.sources}, key=section_key)
        if sections:
            items.append(f"{area.name.get(lang)}: {word('sections-quoted', lang)} {', '.join(sections)}")
    return Bullets(tuple(items))
