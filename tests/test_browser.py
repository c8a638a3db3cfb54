"""The HTML and the SVG in a real browser: headless Chromium from the system (issue 17).

Every matrix cell's pixels have the engine's colour, every in-page link resolves, the printed
report is A4 with the matrix whole on one page, and the SVG draws the same colours as cairosvg.
.ci/run installs Chromium when it is missing; where it cannot be installed these tests skip.

With VEIKART_SCREENSHOTS=FOLDER set, the tests also write the figures the README shows:
    VEIKART_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_browser.py
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Run

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.problems import Problems

Image = pytest.importorskip("PIL.Image", reason="Pillow (cairosvg's dependency) reads the screenshots")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
]
WIDTH = 1000  # px: the window the pages are laid out in
# Collects what the browser laid out: every box with an inline background, where it is, which cell.
GEOMETRY = """<script>
(function () {
  var out = {height: document.documentElement.scrollHeight, boxes: []};
  document.querySelectorAll('[style*="background-color"]').forEach(function (el) {
    var r = el.getClientRects()[0], td = el.closest('td'), tr = el.closest('tr');  // a span's first line
    out.boxes.push({x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
                    style: el.getAttribute('style'), row: tr ? tr.rowIndex : -1, col: td ? td.cellIndex : -1,
                    span: el.tagName === 'SPAN'});
  });
  var pre = document.createElement('pre');
  pre.id = 'veikart-geometry';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine (.ci/run installs it with apt-get where it can)")


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [browser(), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def trondheim() -> Matrix:
    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    return score(dataset.framework, dataset.areas)


def layout(tmp: Path, html: str) -> dict[str, Any]:
    """The page's boxes as the browser lays them out (the page with a measuring script, --dump-dom)."""
    measured = tmp / "measured.html"
    measured.write_text(html.replace("</body>", GEOMETRY + "\n</body>"), encoding="utf-8")
    dom = chromium(tmp, f"--window-size={WIDTH},800", "--dump-dom", measured.as_uri()).stdout
    found = re.search(r'<pre id="veikart-geometry">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    result: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return result


def screenshot(tmp: Path, page: Path, width: int, height: int) -> Any:
    shot = tmp / f"{page.stem}.png"
    chromium(tmp, f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri())
    return Image.open(shot).convert("RGB")


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def close(pixel: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 3 for a, b in zip(pixel, expected, strict=True))


def keep(name: str, image: Any) -> None:
    """Write a figure for the README when VEIKART_SCREENSHOTS names a folder; small: a 64-colour palette."""
    folder = os.environ.get("VEIKART_SCREENSHOTS")
    if folder:
        small = image.convert("RGB").quantize(colors=64, dither=Image.Dither.NONE)
        small.save(Path(folder) / name, optimize=True)


def test_every_matrix_cell_shows_the_engines_colour_in_the_browser(run: Run, tmp_path: Path) -> None:
    html = run("score", "-f", "html").stdout
    geometry = layout(tmp_path, html)
    page = tmp_path / "matrise.html"
    page.write_text(html, encoding="utf-8")
    image = screenshot(tmp_path, page, WIDTH, int(geometry["height"]))
    matrix = trondheim()
    seen: dict[tuple[int, int], list[str]] = {}
    for box in geometry["boxes"]:
        if box["row"] < 1 or box["col"] < 1:
            continue  # a header or a name, not a traffic-light cell
        colour = re.search(r"background-color:(#[0-9a-f]{6})", box["style"])
        assert colour
        seen.setdefault((box["row"], box["col"]), []).append(colour.group(1))
        point = (
            (int(box["x"]) + 2, int(box["y"] + box["h"] / 2)) if box["span"] else (int(box["x"]) + 4, int(box["y"]) + 4)
        )
        assert close(image.getpixel(point), rgb(colour.group(1))), (box, image.getpixel(point))
    for r, (_, cells) in enumerate(matrix.rows, 1):
        for c, cell in enumerate(cells, 1):
            assert seen[(r, c)] == [matrix.framework.colour(i).background for i in cell.colours], (r, c)
    keep("html-matrise.png", image.crop((0, 0, WIDTH, min(image.height, int(geometry["height"])))))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and (values.get("href") or "").startswith("#"):
            self.hrefs.append((values["href"] or "")[1:])


def test_every_in_page_link_of_the_report_resolves_in_the_browsers_dom(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "rapport.html"
    page.write_text(run("report", "-f", "html").stdout, encoding="utf-8")
    links = Links()
    links.feed(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    assert links.hrefs and not [h for h in links.hrefs if h not in links.ids]
    cells = [h for h in links.hrefs if h.startswith("cell.")]  # the explanations' links back
    assert len(cells) == len(set(cells)) == len(trondheim().cells())


def pdf_pages(tmp: Path, page: Path) -> Any:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 (test extra) reads the printed PDF")
    pdf = tmp / f"{page.stem}.pdf"
    chromium(tmp, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return pdfium.PdfDocument(str(pdf))


def test_printed_pages_are_a4_and_the_matrix_stays_on_one_page(run: Run, tmp_path: Path) -> None:
    matrix = trondheim()
    alone = tmp_path / "matrise.html"
    alone.write_text(run("score", "-f", "html").stdout, encoding="utf-8")
    first = " ".join(pdf_pages(tmp_path, alone)[0].get_textpage().get_text_range().split())
    assert all(
        area.name.get("nb") in first for area, _ in matrix.rows
    )  # the whole matrix on page one; notes may follow
    report = tmp_path / "rapport.html"
    report.write_text(run("report", "-f", "html").stdout, encoding="utf-8")
    pdf = pdf_pages(tmp_path, report)
    assert 3 <= len(pdf) <= 40
    for page in pdf:
        width, height = page.get_size()
        assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
    texts = [page.get_textpage().get_text_range() for page in pdf]
    header = matrix.framework.drivers[-1].name.get("nb").split()[-1]
    holding = [i for i, text in enumerate(texts) if "Mulighetsområde" in text]  # the matrix's first header
    assert len(holding) == 1
    after = texts[holding[0]].split("Mulighetsområde", 1)[1]
    flat = " ".join(after.split())
    assert header in flat
    for area, _ in matrix.rows:  # every row on the same page as the header: the matrix is whole
        assert area.name.get("nb") in flat, area.name.get("nb")
    keep("rapport-side-1.png", pdf[0].render(scale=1).to_pil())


def test_the_svg_draws_the_same_colours_in_the_browser(run: Run, tmp_path: Path) -> None:
    svg = run("score", "-f", "svg").stdout
    figure = tmp_path / "matrise.svg"
    figure.write_text(svg, encoding="utf-8")
    root = ET.fromstring(svg)
    width, height = int(root.get("width", 0)), int(root.get("height", 0))
    image = screenshot(tmp_path, figure, width, height)
    rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("id", "").startswith("cell-")]
    assert rects
    cairo = rasterised(svg)
    for rect in rects:
        point = (int(float(rect.get("x", 0))) + 5, int(float(rect.get("y", 0))) + 5)
        assert close(image.getpixel(point), rgb(rect.get("fill", ""))), rect.get("id")
        if cairo is not None:
            assert close(cairo.getpixel(point), image.getpixel(point)), rect.get("id")
    keep("svg-matrise.png", image)


def rasterised(svg: str) -> Any:
    try:
        import cairosvg  # type: ignore[import-untyped]
    except (ImportError, OSError):
        return None
    return Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode()))).convert("RGB")


def test_print_never_splits_a_row_nor_the_matrix_however_the_page_falls(run: Run, tmp_path: Path) -> None:
    """Filler pushes the tables onto page breaks: rows and the matrix move whole to the next page."""
    from veikart_cli.render.document import Cell, Page, Paragraph, Table, page_html
    from veikart_cli.render.pages import matrix_table

    matrix = trondheim()
    lang = matrix.framework.language("nb")
    tall = Table(
        ("A", "B"),
        tuple((Cell(f"rad{r}"), Cell("\n".join(f"rad{r}linje{i}" for i in range(8)))) for r in range(12)),
    )
    for filler in (38, 44, 50):  # the page break falls at different points of the tables
        blocks = tuple(Paragraph(f"Fyll {i}") for i in range(filler))
        page = Page("Utskrift", lang, (*blocks, tall, *blocks, matrix_table(matrix, lang)))
        path = tmp_path / f"utskrift-{filler}.html"
        path.write_text(page_html(page), encoding="utf-8")
        # without any whitespace: PDFium may break a line's text into pieces
        texts = ["".join(p.get_textpage().get_text_range().split()) for p in pdf_pages(tmp_path, path)]
        for r in range(12):
            pages = {i for i, text in enumerate(texts) for line in range(8) if f"rad{r}linje{line}" in text}
            assert len(pages) == 1, (filler, r, pages)
        holding = [text for text in texts if "Mulighetsområde" in text]
        names = ["".join(a.name.get("nb").split()) for a, _ in matrix.rows]
        assert len(holding) == 1 and all(name in holding[0] for name in names), filler
