"""Matrix and criteria → rich renderables: coloured cells that also carry a symbol and a word.
Nothing is ever cut: at the width rich renders at, a table whose columns all hold their longest
word, else a stacked layout (one block per row, a line per column); notes wrap at that width."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import StyleType
from rich.table import Table
from rich.text import Text

from veikart_cli.engine.diff import History
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Colour, Driver, Framework
from veikart_cli.model.vocabulary import Language
from veikart_cli.render import diff as history_text
from veikart_cli.render.document import text_colour
from veikart_cli.render.phrases import (
    criteria_for,
    criteria_notes,
    driver_heading,
    legend,
    marks,
    question_text,
    with_overall,
)
from veikart_cli.render.sanitize import terminal

# Below this width no layout reads well: the stacked layout is laid out for it instead, and for
# the longest word plus the stacked layout's deepest indent when that is wider, so no word is cut.
MIN_WIDTH = 20
INDENT = 4


Line = tuple[Text | str, Text | str]  # a label and its value
Block = tuple[Text | str, Sequence[Line]]  # a heading and its lines


class Fitted(NamedTuple):
    """A table when every column fits its longest word at the width given, else stacked blocks:
    `rows` and `blocks` hold the same cells, each arranged as that layout reads best."""

    title: str
    headers: tuple[str, ...]
    rows: Sequence[tuple[Text | Cell | str, ...]]
    blocks: Sequence[Block]
    notes: list[str]
    row_styles: Sequence[StyleType] = ()

    def longest_word(self) -> int:
        """The widest word of every text shown, in terminal cells."""
        texts = [self.title, *self.headers, *self.notes, *(c for row in self.rows for c in row)]
        texts += [t for heading, lines in self.blocks for t in (heading, *(t for line in lines for t in line))]
        plain = (t if isinstance(t, str) else t.plain for t in texts)
        return max((cell_len(word_) for text in plain for word_ in text.split()), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        table = self.table(console, options)
        if table is not None:
            yield table
        else:
            yield from self.stacked()
        for note in self.notes:
            yield Text(note, overflow="fold")  # wraps between words; a word wider than the screen folds

    def table(self, console: Console, options: ConsoleOptions) -> Table | None:
        """The table with column widths chosen here, or None when some column cannot hold its longest word."""
        columns = list(zip(self.headers, *self.rows, strict=True))
        ranges = [
            [Measurement.get(console, options, Text(c) if isinstance(c, str) else c) for c in column]
            for column in columns
        ]
        least = [max(m.minimum for m in column) for column in ranges]
        most = [max(m.maximum for m in column) for column in ranges]
        room = options.max_width - (len(columns) + 1) - 2 * len(columns)  # borders, then one space each side
        if sum(least) > room:
            return None
        widths = list(most)
        while sum(widths) > room:  # the widest columns give way first
            widest = max((i for i, w in enumerate(widths) if w > least[i]), key=lambda i: widths[i])
            widths[widest] -= 1
        table = Table(title=Text(self.title), show_lines=True)  # Text: data is never read as markup
        for header, width in zip(self.headers, widths, strict=True):
            table.add_column(Text(header), width=width, overflow="fold")
        for row, style in zip(self.rows, self.row_styles or [""] * len(self.rows), strict=True):
            shown = (
                c.fitted(w) if isinstance(c, Cell) else Text(c) if isinstance(c, str) else c
                for c, w in zip(row, widths)
            )
            table.add_row(*shown, style=style or None)
        return table

    def stacked(self) -> Iterator[RenderableType]:
        yield Text(self.title, style="bold", overflow="fold")
        for heading, lines in self.blocks:
            yield Text("")
            yield Text.assemble(heading, style="bold", overflow="fold")
            for label, value in lines:
                if isinstance(label, Text):  # a swatch: its colour without the padding a table cell needs
                    label = Text(label.plain.strip(), style=label.style)
                value = Text(value) if isinstance(value, str) else value
                if "\n" in value.plain:
                    yield Padding(Text.assemble(label, ":", overflow="fold"), (0, 0, 0, 2))
                    yield Padding(value, (0, 0, 0, 4))
                else:
                    yield Padding(Text.assemble(label, ": ", value, overflow="fold"), (0, 0, 0, 2))


class Cell(NamedTuple):
    """A matrix cell as the table lays it out: each colour (symbol and word) one unit, the marks
    with the last. A line breaks only between units, never between a symbol and its word."""

    units: tuple[Text, ...]

    @property
    def plain(self) -> str:
        return "".join(unit.plain for unit in self.units)

    def text(self) -> Text:
        return Text("").join(self.units)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        yield self.fitted(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = [unit.cell_len for unit in self.units]
        return Measurement(max(widths), sum(widths))

    def fitted(self, width: int) -> Text:
        """The units in lines of at most `width` cells, broken only between units."""
        lines = [Text()]
        for unit in self.units:
            if lines[-1].cell_len and lines[-1].cell_len + unit.cell_len > width:
                lines.append(Text())
            lines[-1].append_text(unit)
        return Text("\n", overflow="fold").join(lines)


def swatch(colour: Colour, lang: Language, before: str = "") -> Text:
    """' 🟢 Grønn ' on the colour's own background, with `before` it ('/' between a cell's colours)."""
    text = before + terminal(f" {colour.symbol} {colour.label.get(lang)} ")
    return Text(text, style=f"{text_colour(colour.background)} on {colour.background}")


def cell_units(framework: Framework, cell: Assessment, lang: Language) -> Cell:
    units = [swatch(framework.colour(c), lang, "/" if i else "") for i, c in enumerate(cell.colours)]
    if marks(cell):
        units[-1].append(" " + marks(cell))
    return Cell(tuple(units))


def rich_matrix(matrix: Matrix, lang: Language) -> Fitted:
    matrix = with_overall(matrix, lang)  # the overall as a column, when declared
    framework = matrix.framework
    headers = (
        terminal(lang.word("area")),
        *(terminal(driver_heading(d, lang, short=True)) for d in framework.drivers),
    )
    rows: list[tuple[Text | Cell | str, ...]] = []
    blocks = []
    for area, cells in matrix.rows:
        shown = [cell_units(framework, c, lang) for c in cells]
        name = terminal(area.name.get(lang))
        rows.append((name, *shown))
        blocks.append((name, [(header, cell.text()) for header, cell in zip(headers[1:], shown, strict=True)]))
    notes = [terminal(note) for note in legend(matrix, lang)]
    return Fitted(terminal(framework.title.get(lang)), headers, rows, blocks, notes)


def rich_criteria(framework: Framework, lang: Language) -> Fitted:
    """The report's Tabell 2; stacked, one block per driver: its question, then each colour's criteria."""
    scale, drivers = framework.scale, framework.drivers
    columns = [(terminal(question_text(d, lang)), *(criteria_lines(d, c.id, lang) for c in scale)) for d in drivers]
    headers = (terminal(lang.word("driver")), *(terminal(driver_heading(d, lang)) for d in drivers))
    labels = [terminal(f"{c.symbol} {c.label.get(lang)}") for c in scale]
    rows = list(zip([terminal(lang.word("evaluates")), *labels], *columns, strict=True))
    swatches = [swatch(c, lang) for c in scale]
    fields: list[Text | str] = [terminal(lang.word("evaluates").rstrip(":")), *swatches]
    blocks = [
        (terminal(f"{lang.word('driver')} {driver_heading(d, lang)}"), list(zip(fields, column)))
        for d, column in zip(drivers, columns, strict=True)
    ]
    notes = [terminal(note) for note in criteria_notes(framework, lang)]
    return Fitted(terminal(framework.title.get(lang)), headers, rows, blocks, notes, ["", *(s.style for s in swatches)])


def criteria_lines(driver: Driver, colour_id: str, lang: Language) -> str:
    """The criteria giving this colour, one sanitised line each."""
    return "\n".join(terminal(text) for text in criteria_for(driver, colour_id, lang)) or "–"


def plain_text(renderable: object, width: int = 120) -> str:
    """A renderable as plain text at a fixed width: for files, --check and the Python API."""
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    print_whole(console, renderable)
    return console.export_text()


def print_whole(console: Console, renderable: object) -> None:
    """Print with no word cut, however narrow the console: laid out for at least MIN_WIDTH columns
    and the longest word with the stacked layout's indent, a line wider than the screen left whole."""
    longest = renderable.longest_word() + INDENT if isinstance(renderable, Fitted) else 0
    console.width = max(console.width, MIN_WIDTH, longest)
    console.print(renderable, crop=False)


def history_rich(history: History, lang: Language) -> Fitted:
    heads = tuple(terminal(h) for h in history_text.headers(history, lang))
    rows: list[tuple[Text | str, ...]] = []
    blocks = []
    for track, line, editions, changes in history_text.rows(history, lang):
        cells = [cell_units(m.framework, c, lang).text() if c else history_text.ABSENT for m, c in editions]
        said = "\n".join(terminal(text) for text in changes)
        name = history_text.row_name(line, lang)
        area = terminal(track.area.name.get(lang))
        rows.append((area if line is track.lines[0] else "", terminal(name), *cells, said))
        fields = list(zip(heads[2:-1], cells, strict=True)) + ([(heads[-1], said)] if said else [])
        blocks.append((terminal(f"{track.area.name.get(lang)} – {name}"), fields))
    said_notes = [terminal(n) for n in (history_text.summary(history, lang), *history_text.notes(history, lang))]
    return Fitted(terminal(history_text.title(history, lang)), heads, rows, blocks, said_notes)
