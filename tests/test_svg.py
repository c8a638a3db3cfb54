"""score --format svg: a well-formed figure whose cells, rasterised, have their colours (issues 7, 17)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, ROOT, Run

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.model.types import Text
from veikart_cli.problems import Problems
from veikart_cli.render.phrases import legend
from veikart_cli.render.svg import layout, matrix_svg, part_label, text_width, without_symbols

NS = {"svg": "http://www.w3.org/2000/svg"}


def cells(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {r.get("id", ""): r for r in root.iterfind(".//svg:rect", NS) if r.get("id", "").startswith("cell-")}


def test_the_committed_figure_is_what_score_draws(run: Run) -> None:
    result = run("score", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (ROOT / "docs" / "trondheim-matrise.svg").read_text(encoding="utf-8")
    # Same bytes in other processes, hash seeds and installs: test_same_bytes.py.


def test_every_cell_is_drawn_with_its_colour_symbol_and_word(run: Run) -> None:
    svg = run("score", "-f", "svg").stdout
    found = cells(svg)
    assert found["cell-foregangskommune-verdiskaping"].get("fill") == "#f2c94c"
    assert found["cell-helsedata-persontilpasset-medisin-lokale-behov"].get("fill") == "#cf222e"
    # an uncertain cell is split: one rectangle per colour
    assert found["cell-helsedata-ressurseffektiv-tjeneste-verdiskaping-0"].get("fill") == "#f2c94c"
    assert found["cell-helsedata-ressurseffektiv-tjeneste-verdiskaping-1"].get("fill") == "#cf222e"
    assert len(found) == 28 + 3  # 28 cells, 3 of them in two colours
    texts = [" ".join(t.itertext()) for t in ET.fromstring(svg).iterfind(".//svg:text", NS)]
    assert "Gul" in texts and "Rød ‡†" in texts and "† Farge satt ved skjønn." in texts


def test_other_frameworks_draw_too(run: Run) -> None:
    svg = run("score", str(FIXTURES / "four-colours"), "-f", "svg").stdout
    assert len(cells(svg)) >= 6


def test_the_rasterised_figure_has_the_cell_colours_at_known_points(run: Run) -> None:
    try:
        import cairosvg  # type: ignore[import-untyped]
        from PIL import Image
    except (ImportError, OSError) as err:  # OSError: the cairo library itself is missing
        pytest.skip(f"no SVG rasteriser here: {err}")
    svg = run("score", "-f", "svg").stdout
    image = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode()))).convert("RGB")
    for rect in cells(svg).values():
        x, y = float(rect.get("x", 0)) + 5, float(rect.get("y", 0)) + 5  # a corner, clear of the text
        expected = tuple(int(rect.get("fill", "")[i : i + 2], 16) for i in (1, 3, 5))
        assert image.getpixel((int(x), int(y))) == expected, rect.get("id")
    for shape in ET.fromstring(svg).iterfind(".//*[@class='symbol']"):  # drawn, whatever fonts there are
        ink = tuple(int(shape.get("fill", "")[i : i + 2], 16) for i in (1, 3, 5))
        assert image.getpixel(tuple(round(v) for v in centre(shape))) == ink


def centre(shape: ET.Element) -> tuple[float, float]:
    if shape.tag.endswith("circle"):
        return float(shape.get("cx", 0)), float(shape.get("cy", 0))
    if shape.tag.endswith("rect"):
        x, y, w = (float(shape.get(k, 0)) for k in ("x", "y", "width"))
        return x + w / 2, y + w / 2
    points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def figure(matrix: Matrix, lang: str) -> ET.Element:
    return ET.fromstring(matrix_svg(matrix, matrix.framework.language(lang)))


def trondheim() -> Matrix:
    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    return score(dataset.framework, dataset.areas)


@pytest.mark.parametrize("code", ["nb", "en"])
def test_symbols_are_shapes_and_every_text_is_whole_words_in_the_language(code: str) -> None:
    matrix = trondheim()
    framework = matrix.framework
    lang = framework.language(code)
    root = figure(matrix, lang)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    texts = [" ".join(t.itertext()) for t in root.iterfind(".//svg:text", NS)]
    symbols = [c.symbol for c in framework.scale]
    assert not [t for t in texts if any(s in t for s in symbols)], "an emoji glyph is typed, not drawn"
    # every text element, its lines joined, is a whole label: a word broken across lines would not match
    known = {framework.title.get(lang), lang.word("area")}
    known |= {d.name.get(lang) for d in framework.drivers} | {c.label.get(lang) for c in framework.scale}
    known |= {a.name.get(lang) for a, _ in matrix.rows}
    known |= {part_label(matrix, c, i, lang) for c in matrix.cells() for i in range(len(c.colours))}
    known |= {without_symbols(n, framework) for n in legend(matrix, lang)[1:]}
    assert set(texts) <= known, set(texts) - known
    # a shape per colour shown in a cell, and one per colour in the legend
    shapes = [e for e in root.iter() if e.get("class") == "symbol"]
    parts = sum(len(c.colours) for c in matrix.cells())
    assert len(shapes) == parts + len(framework.scale)


def test_the_width_follows_the_drivers_and_the_longest_word() -> None:
    matrix = trondheim()
    full = int(figure(matrix, "nb").get("width", 0))
    framework = matrix.framework
    fewer = framework._replace(drivers=framework.drivers[:2])
    areas = tuple(area for area, _ in matrix.rows)
    assert int(figure(score(fewer, areas), "nb").get("width", 0)) < full
    long_word = "Verdiskapingspotensialvurderingsgrunnlag"
    driver = framework.drivers[0]
    longer = framework._replace(drivers=(driver._replace(name=Text((("nb", long_word),))), *framework.drivers[1:]))
    root = figure(score(longer, areas), "nb")
    assert int(root.get("width", 0)) > full
    assert long_word in [" ".join(t.itertext()) for t in root.iterfind(".//svg:text", NS)]
    assert layout(score(longer, areas), longer.language("nb")).cell >= text_width(long_word, bold=True)
