"""Matrix → a GitHub-flavoured Markdown pipe table (tabulate), with a legend. Deterministic."""

from __future__ import annotations

from veikart_cli.engine import Matrix
from veikart_cli.model import Framework
from veikart_cli.render.cells import cell_text, criteria_for, driver_heading, legend, override_notes, word


def escape(text: str) -> str:
    """Keep a cell inside its cell: pipes escaped, line breaks as <br>."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def table(headers: list[str], rows: list[list[str]]) -> str:
    from tabulate import tabulate

    return tabulate(
        [[escape(c) for c in row] for row in rows],
        headers=[escape(h) for h in headers],
        tablefmt="github",
        disable_numparse=True,  # never re-format figures such as "1.10" or "0301"
    )


def matrix_markdown(matrix: Matrix, lang: str) -> str:
    framework = matrix.framework
    headers = [word("area", lang)] + [driver_heading(d, lang) for d in framework.drivers]
    rows = [
        [area.name.get(lang)] + [cell_text(framework, cell, lang) for cell in cells]
        for area, cells in matrix.rows
    ]
    notes = legend(matrix, lang) + override_notes(matrix, lang)
    return table(headers, rows) + "\n\n" + "".join(f"- {' '.join(n.split())}\n" for n in notes)


def criteria_markdown(framework: Framework, lang: str) -> str:
    """The criteria table (the report's Tabell 2): one row per colour, one column per driver."""
    headers = [word("driver", lang)] + [driver_heading(d, lang) for d in framework.drivers]
    rows = [[word("evaluates", lang)] + [d.question.get(lang) for d in framework.drivers]]
    for colour in framework.scale:
        rows.append(
            [f"{colour.symbol} {colour.label.get(lang)}:"]
            + ["\n".join(criteria_for(d, colour.id, lang)) or "–" for d in framework.drivers]
        )
    return table(headers, rows) + "\n"
