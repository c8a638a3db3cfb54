"""Pages of blocks → a Word document (python-docx, the optional extra `docx`), in Word's own means:
heading and Quote styles, shaded traffic-light cells, overrides as footnotes, contents as links to
bookmarks, the document's language set. Deterministic bytes: fixed zip times."""

from __future__ import annotations

import datetime
import functools
import io
import os
import zipfile
from html import escape

from veikart_cli.render.document import (
    Block,
    Bullets,
    Cell,
    Contents,
    Heading,
    Page,
    Paragraph,
    Quote,
    Table,
    text_colour,
)
from veikart_cli.render.formats import MissingLibrary
from veikart_cli.render.sanitize import visible

try:  # python-docx is optional (the extra `docx`); the registry imports this module only for Word
    import docx
    from docx.document import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.oxml.table import CT_Tbl
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.shared import RGBColor
    from docx.table import Table as WordTable
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as WordParagraph
    from docx.text.run import Run
except ImportError as err:
    raise MissingLibrary(str(err)) from None

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER_FILL = "F6F8FA"
LINK = "0969DA"
# Word wants a region with the language; a code it does not know is passed as given.
REGIONS = {"nb": "nb-NO", "nn": "nn-NO", "no": "nb-NO", "en": "en-GB", "sv": "sv-SE", "da": "da-DK"}


def page_docx(page: Page) -> bytes:
    document = docx.Document()
    writer = Writer(document, page)
    for block in page.shown:
        writer.add(block)
    if writer.footnotes:
        add_footnotes(document, writer.footnotes)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


class Writer:
    """Appends the page's blocks to the document's body, each in constant time with python-docx's own
    XML: its add_paragraph and add_table search the body for its end and resolve the style every call."""

    def __init__(self, document: Document, page: Page) -> None:
        self.document, self.page, self.container = document, page, document._body
        self.end = document.element.body.sectPr  # new blocks go before it: it stays last
        assert self.end is not None  # python-docx's template has one
        self.style_id = functools.cache(document.part.get_style_id)  # python-docx scans every style each call
        self.footnotes: list[str] = []
        anchors: list[str] = []  # numbered first, so contents can link forward
        for block in page.blocks:
            if isinstance(block, Heading):
                anchors.append(block.anchor)
            elif isinstance(block, Table):  # matrix cells that explanations link back to
                anchors += [cell.anchor for row in block.rows for cell in row if cell.anchor]
        self.bookmarks = {anchor: n for n, anchor in enumerate(dict.fromkeys(anchors), 1)}  # anchor → number
        describe(document, page)

    def paragraph(self, style: str | None = None) -> WordParagraph:
        p = element("w:p")
        self.end.addprevious(p)
        if style is not None:
            p.style = self.style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return WordParagraph(p, self.container)

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            heading = self.paragraph(f"Heading {min(block.level, 9)}")
            add_text(heading, block.text)
            bookmark(heading, self.bookmarks[block.anchor], block.anchor)
            if block.back in self.bookmarks:  # an explanation: a way back to its cell in the matrix
                back = self.paragraph()
                link(back, f"↑ {self.page.lang.word('to-matrix')}", self.bookmarks[block.back], block.back)
        elif isinstance(block, Paragraph):
            paragraph = self.paragraph()
            if block.label:
                paragraph.add_run(clean(f"{block.label}: ")).bold = True
            add_text(paragraph, block.text)
        elif isinstance(block, Quote):
            add_text(self.paragraph(style="Quote"), f"{block.quoted} ({block.cite})")
        elif isinstance(block, Bullets):
            for item in block.items:
                if item not in self.footnotes:  # an override note already stands as the cell's footnote
                    add_text(self.paragraph(style="List Bullet"), item)
        elif isinstance(block, Contents):
            for depth, text, anchor in block.items:
                paragraph = self.paragraph(style="List Bullet 2" if depth else "List Bullet")
                link(paragraph, text, self.bookmarks[anchor], anchor)
        else:
            self.table(block)

    def table(self, block: Table) -> None:
        tbl = CT_Tbl.new_tbl(1 + len(block.rows), len(block.headers), self.document._block_width)
        self.end.addprevious(tbl)
        tbl.tblStyle_val = self.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
        table = WordTable(tbl, self.container)
        for head, header in zip(table.rows[0].cells, block.headers, strict=True):
            add_text(head.paragraphs[0], header).bold = True
            head._tc.get_or_add_tcPr().append(shading(HEADER_FILL))
        table.rows[0]._tr.get_or_add_trPr().append(element("w:tblHeader"))  # repeated on every page
        for row, cells in zip(table.rows[1:], block.rows, strict=True):
            row._tr.get_or_add_trPr().append(element("w:cantSplit"))  # never split across two pages
            for target, cell in zip(row.cells, cells, strict=True):
                self.cell(target, cell)

    def cell(self, target: _Cell, cell: Cell) -> None:
        paragraph = target.paragraphs[0]
        if len(cell.shades) == 1:
            target._tc.get_or_add_tcPr().append(shading(cell.shades[0].background))
            ink(add_text(paragraph, cell.text), cell.shades[0].background)
        elif cell.shades:  # several colours: one shaded run per colour, as the HTML has one span each
            for i, shade in enumerate(cell.shades):
                if i:
                    paragraph.add_run("/")
                run = paragraph.add_run(clean(f" {shade.text} "))
                run._r.get_or_add_rPr().append(shading(shade.background))
                ink(run, shade.background)
        else:
            add_text(paragraph, cell.text)
        if cell.link in self.bookmarks:  # the cell's words link to its explanation
            hyperlink = element("w:hyperlink", anchor=bookmark_name(self.bookmarks[cell.link], cell.link))
            for run in list(paragraph._p.r_lst):
                hyperlink.append(run)
            paragraph._p.append(hyperlink)
        if cell.anchor in self.bookmarks:
            bookmark(paragraph, self.bookmarks[cell.anchor], cell.anchor)
        if cell.marks:
            paragraph.add_run(clean(f" {cell.marks}"))
        if cell.note:
            self.footnotes.append(cell.note)
            run = paragraph.add_run()
            run.font.superscript = True
            run._r.append(element("w:footnoteReference", id=str(len(self.footnotes))))


def clean(text: str) -> str:
    """Text Word can hold: hidden and XML-forbidden characters shown visibly (render/sanitize.py)."""
    return visible(text.replace("\t", " "))


def add_text(paragraph: WordParagraph, text: str) -> Run:
    """A run with the text; a line break where the text has one. Returns the (last) run."""
    run = paragraph.add_run()
    for i, line in enumerate(text.split("\n")):
        if i:
            run.add_break()
        run.add_text(clean(" ".join(line.split())))
    return run


def ink(run: Run, background: str) -> None:
    run.font.color.rgb = RGBColor.from_string(text_colour(background).lstrip("#").upper())


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    made = OxmlElement(tag)
    for key, value in attributes.items():
        made.set(qn(f"w:{key}"), value)
    return made


def shading(colour: str) -> BaseOxmlElement:
    """A background of '#rrggbb' (or Word's 'RRGGBB')."""
    return element("w:shd", val="clear", color="auto", fill=colour.lstrip("#").upper())


def bookmark(paragraph: WordParagraph, number: int, anchor: str) -> None:
    paragraph._p.insert(0, element("w:bookmarkStart", id=str(number), name=bookmark_name(number, anchor)))
    paragraph._p.append(element("w:bookmarkEnd", id=str(number)))


def bookmark_name(number: int, anchor: str) -> str:
    """Word's bookmark names: letters, digits and _, at most 40; a leading _ hides them from the list."""
    kept = "".join(ch if ch.isalnum() else "_" for ch in anchor)[:30]
    return f"_v{number}_{kept}"


def link(paragraph: WordParagraph, text: str, number: int, anchor: str) -> None:
    hyperlink = element("w:hyperlink", anchor=bookmark_name(number, anchor), history="1")
    run = paragraph.add_run(clean(text))
    run.font.underline = True
    run.font.color.rgb = RGBColor.from_string(LINK)
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def add_footnotes(document: Document, notes: list[str]) -> None:
    """word/footnotes.xml (python-docx writes none): Word's two separators, then one footnote per note."""
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
    )
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(clean(note), quote=False)}</w:t></w:r></w:p></w:footnote>'
        for i, note in enumerate(notes, 1)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">{separators}{body}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def describe(document: Document, page: Page) -> None:
    """Core properties: what the file is, who made it, dated by the data (or SOURCE_DATE_EPOCH),
    never by the clock or python-docx's template; no template thumbnail; every run's language."""
    core, region = document.core_properties, REGIONS.get(page.lang, page.lang)
    core.title, core.subject = clean(page.title), clean(page.about.subject)
    core.author = core.last_modified_by = clean(page.about.creator or "veikart")
    core.language = region
    core.comments = core.keywords = core.category = ""
    core.revision = 1
    core.created = core.modified = dated(page.about.date, os.environ.get("SOURCE_DATE_EPOCH", ""))
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            rels.pop(rid)
    for properties in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr"):  # the run defaults
        for old in properties.findall(qn("w:lang")):
            properties.remove(old)
        properties.append(element("w:lang", val=region, eastAsia=region, bidi=region))


def dated(date: str, epoch: str) -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set, else the data's own date ('2021-06-04', or a year: 1 January),
    else 1980-01-01, the date of every entry in the zip."""
    if epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).replace(tzinfo=None)
    try:
        if len(date) == 4:
            return datetime.datetime(int(date), 1, 1)
        year, month, day = (int(part) for part in date.split("-"))
        return datetime.datetime(year, month, day)
    except ValueError:
        return datetime.datetime(1980, 1, 1)


# The extended properties, without python-docx's template statistics (Normal.dotm, 1 page).
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>veikart</Application></Properties>"
)


def fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 (one input, one file, byte for byte), and
    extended properties that name veikart."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, APP_XML if info.filename == "docProps/app.xml" else source.read(info.filename))
    return out.getvalue()
