"""The matrix, the criteria and the whole report as pages of blocks, for Markdown, HTML and Word.
Headings carry GitHub's anchors, so the contents list links work on GitHub and in the HTML."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix, section_key
from veikart_cli.model.evidence import Area
from veikart_cli.model.types import Document, Framework, WorkingMethods
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import (
    About,
    Anchors,
    Block,
    Bullets,
    Cell,
    Contents,
    Heading,
    Page,
    Paragraph,
    Quote,
    Shade,
    Table,
)
from veikart_cli.render.explain import cell_fields, overall_fields
from veikart_cli.render.phrases import (
    OVERALL_ID,
    cite,
    colour_text,
    criteria_for,
    criteria_notes,
    driver_heading,
    legend,
    long_date,
    marks,
    override_note,
    provenance_line,
    question_text,
    source_name,
    trend_lines,
    with_overall,
)


def colour_cell(framework: Framework, cell: Assessment, lang: Language, note: str = "", link: str = "") -> Cell:
    shades = tuple(shade(framework, c, lang) for c in cell.colours)
    text = colour_text(framework, cell.colours, lang)
    return Cell(text, shades, marks(cell), note, cell_anchor(cell.area.id, cell.driver.id) if link else "", link)


def cell_anchor(area_id: str, driver_id: str) -> str:
    """An id no heading anchor takes: GitHub's never hold a '.'."""
    return f"cell.{area_id}.{driver_id}"


def shade(framework: Framework, colour_id: str, lang: Language) -> Shade:
    colour = framework.colour(colour_id)
    return Shade(colour.background, f"{colour.symbol} {colour.label.get(lang)}")


def matrix_table(matrix: Matrix, lang: Language, links: dict[str, str] | None = None) -> Table:
    """The matrix; `links` maps a cell's id to the anchor of its explanation (the report has them)."""
    matrix = with_overall(matrix, lang)  # the overall colour as one more column, when declared
    framework = matrix.framework
    headers = (lang.word("area"),) + tuple(driver_heading(d, lang) for d in framework.drivers)
    links = links or {}

    def shown(cell: Assessment) -> Cell:
        note = override_note(framework, cell, lang) if cell.override else ""  # as listed under the matrix
        return colour_cell(framework, cell, lang, note, links.get(cell_anchor(cell.area.id, cell.driver.id), ""))

    rows = tuple((Cell(area.name.get(lang)), *map(shown, cells)) for area, cells in matrix.rows)
    return Table(headers, rows, "matrix")


def matrix_page(matrix: Matrix, lang: Language) -> Page:
    blocks = (matrix_table(matrix, lang), Bullets(tuple(legend(matrix, lang))))
    info = about(matrix.framework, lang.word("matrix"), lang)
    return Page(matrix.framework.title.get(lang), lang, blocks, info)


def criteria_blocks(framework: Framework, lang: Language) -> tuple[Table, Bullets]:
    """The report's Tabell 2 (one row per colour, one column per driver) and its notes."""
    headers = (lang.word("driver"),) + tuple(driver_heading(d, lang) for d in framework.drivers)
    rows = [(Cell(lang.word("evaluates")),) + tuple(Cell(question_text(d, lang)) for d in framework.drivers)]
    for colour in framework.scale:
        label = Cell(f"{colour.symbol} {colour.label.get(lang)}:", (shade(framework, colour.id, lang),))
        texts = ("\n".join(criteria_for(d, colour.id, lang)) or "–" for d in framework.drivers)
        rows.append((label,) + tuple(Cell(text) for text in texts))
    return Table(headers, tuple(rows)), Bullets(tuple(criteria_notes(framework, lang)))


def criteria_page(framework: Framework, lang: Language) -> Page:
    info = about(framework, lang.word("criteria"), lang)
    return Page(framework.title.get(lang), lang, criteria_blocks(framework, lang), info)


def report_page(matrix: Matrix, lang: Language) -> Page:
    framework, anchors = matrix.framework, Anchors()  # anchors are numbered in document order
    title = framework.title.get(lang)
    head = [anchors.heading(1, title), *metadata(framework, lang), anchors.heading(2, lang.word("contents"))]
    body: list[Block] = [anchors.heading(2, lang.word("criteria")), *criteria_blocks(framework, lang)]
    matrix_heading = anchors.heading(2, lang.word("matrix"))
    areas = [block for area, cells in matrix.rows for block in area_blocks(matrix, area, cells, anchors, lang)]
    links = {b.back: b.anchor for b in areas if isinstance(b, Heading) and b.back}  # each cell → its explanation
    body += [matrix_heading, matrix_table(matrix, lang, links), Bullets(tuple(legend(matrix, lang))), *areas]
    if framework.methods:
        body += method_blocks(framework.methods, anchors, lang)
    body += [anchors.heading(2, lang.word("sources")), sources(matrix, lang)]
    contents = Contents(tuple((b.level - 2, b.text, b.anchor) for b in body if isinstance(b, Heading) and b.level == 2))
    return Page(title, lang, (*head, contents, *body), about(framework, lang.word("report"), lang))


def about(framework: Framework, kind: str, lang: Language) -> About:
    """A page's subject ('Rapport – SINTEF 2021:00617 «…»'), its creator and its date (the source's)."""
    subject = f"{kind} – {source_name(framework.source)}" if framework.source else kind
    date = framework.source.date if framework.source else ""
    return About(subject, f"veikart ({framework.id})", date)


def metadata(framework: Framework, lang: Language) -> list[Block]:
    line = provenance_line(framework, lang)  # at the top, before anything is read as the source's own
    blocks: list[Block] = [Paragraph(line)] if line else []
    if framework.source:
        blocks.append(Paragraph(citation(framework.source, lang), lang.word("report")))
        if framework.source.commissioned_by:
            blocks.append(Paragraph(framework.source.commissioned_by, lang.word("commissioned-by")))
    if framework.horizon:
        blocks.append(Paragraph(framework.horizon.get(lang), lang.word("horizon")))
    return blocks


def citation(doc: Document, lang: Language) -> str:
    """'Authors (4. juni 2021). Title. Publisher number. URL' — whichever parts the file gives;
    without authors the publisher stands first ('Fjordby kommune (2025). Klimabudsjett 2025.')."""
    authors, date = ", ".join(doc.authors), long_date(doc.date, lang) if doc.date else doc.year
    if not authors and doc.publisher and not doc.number:
        authors, doc = doc.publisher, doc._replace(publisher="")
    parts = [
        f"{authors} ({date})." if authors and date else f"{authors}." if authors else "",
        f"{doc.title}.",
        " ".join(p for p in (doc.publisher, doc.number) if p) + "." if doc.publisher or doc.number else "",
        doc.url,
    ]
    return " ".join(p for p in parts if p)


def area_blocks(
    matrix: Matrix, area: Area, cells: tuple[Assessment, ...], anchors: Anchors, lang: Language
) -> list[Block]:
    framework, overall, name = matrix.framework, matrix.overall(area.id), area.name.get(lang)
    blocks: list[Block] = [anchors.heading(2, f"{area.section} {name}" if area.section else name)]
    if area.summary.values:
        blocks.append(Paragraph(area.summary.get(lang)))
    for cell in cells:
        blocks.append(anchors.heading(3, cell.driver.name.get(lang), back=cell_anchor(area.id, cell.driver.id)))
        for field in cell_fields(framework, cell, lang):
            blocks += [Paragraph(field.text, field.label), Bullets(field.items)]
        blocks.append(Bullets(tuple(" ".join(line.split()) for line in trend_lines(framework, cell, lang))))
        blocks += [Quote(s.quote, cite(framework, s, lang)) for s in cell.evidence.sources]
    if overall is not None:  # the framework combines the drivers into one colour
        blocks.append(anchors.heading(3, lang.word("overall"), back=cell_anchor(area.id, OVERALL_ID)))
        blocks += [Paragraph(f.text, f.label) for f in overall_fields(framework, overall, lang)]
    if area.recommendations:  # the source's own sentences (plain strings) quoted; ours (in languages) listed
        quoted = [Quote(r.get(lang), area.lists_section or area.section) for r in area.recommendations if r.neutral]
        ours = Bullets(tuple(r.get(lang) for r in area.recommendations if not r.neutral))
        blocks += [anchors.heading(3, lang.word("recommendations")), *quoted, ours]
    lists = (("actors", area.actors), ("research-groups", area.research_groups), ("projects", area.projects))
    for key, items in lists:
        if items:
            blocks += [anchors.heading(3, lang.word(key)), Bullets(items)]
    if area.lists_section and (area.recommendations or any(items for _, items in lists)):
        blocks.append(Paragraph(lang.word("lists-from", section=area.lists_section)))
    return blocks


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
    """The source document and every other document quoted, then for each area the sections
    (and pages) its quotes come from, document by document."""
    framework = matrix.framework
    quoted = {s.document for c in matrix.cells() for s in c.evidence.sources}
    own = framework.source.id if framework.source else ""
    items = [citation(framework.source, lang)] if framework.source else []
    items += [citation(d, lang) for d in framework.documents if d.id in quoted and d.id != own]
    for area, cells in matrix.rows:
        places: dict[str, set[tuple[str, str]]] = {}
        for s in (s for c in cells for s in c.evidence.sources):
            places.setdefault("" if s.document == own else s.document, set()).add((s.section, s.page))
        order = ["", *(d.id for d in framework.documents), *sorted(places)]
        said = [document_places(framework, key, places[key], lang) for key in dict.fromkeys(order) if key in places]
        if said:
            items.append(f"{area.name.get(lang)}: {'; '.join(said)}")
    return Bullets(tuple(items))


def document_places(framework: Framework, document: str, places: set[tuple[str, str]], lang: Language) -> str:
    """'siterte avsnitt 4.3.1, 4.3.2 (s. 12)', after the document's title unless it is the framework's source."""
    shown = [
        f"{section} ({lang.word('on-page', page=page)})" if page else section
        for section, page in sorted(places, key=lambda p: (section_key(p[0]), p[1]))
    ]
    doc = framework.document(document)
    name = (doc.title if doc is not None else document) + ", " if document else ""
    return f"{name}{lang.word('sections-quoted')} {', '.join(shown)}"
